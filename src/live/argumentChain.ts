import { msg } from '../core';
import { callArguments, stringEnd } from './callArguments';
import { safeExpression } from './safeExpression';

/*
 * A loss argument as training code writes it: a value the frame holds, reshaped, retyped or
 * activated on the way in (`outputs.view(-1, num_classes)`, `labels.float().unsqueeze(1)`,
 * `torch.sigmoid(logits)`, `F.log_softmax(out, dim=1)`, `targets.to(device)`). Loss Lens never
 * evaluates a call in the user's program: it evaluates the value itself (a safe expression) and the
 * names its arguments use, and the shipped snippet applies each step to its own float64 copy with
 * numpy. Only steps whose effect on the values is known are accepted; anything else is refused with
 * the reason, as before.
 */

/** One step, as batchSummary.py's `_apply_steps` takes it: a name and its arguments. */
export type ChainStep = readonly [name: string, ...args: readonly StepArgument[]];
/** An integer written in the file, a word of the step's own (a cast's kind), or a value read from the frame by name (`{ ref: 'r0' }`). */
export type StepArgument = number | string | { readonly ref: string };

export interface ArgumentChain {
  /** The value the frame holds: a safe expression. */
  readonly base: string;
  readonly steps: readonly ChainStep[];
  /** Safe expressions the steps' arguments read: ref name -> expression. */
  readonly refs: Readonly<Record<string, string>>;
}

export type ArgumentChainResult = { readonly ok: true; readonly chain: ArgumentChain } | { readonly ok: false; readonly reason: string };

/** Methods that change only the shape or the device, or nothing, of a tensor; numpy does the same. */
const SHAPE_METHODS = new Set(['view', 'reshape', 'flatten', 'squeeze', 'unsqueeze', 'permute', 'transpose', 'view_as', 'reshape_as']);
const NO_OP_METHODS = new Set(['contiguous', 'detach', 'cpu', 'cuda', 'clone', 'double', 'requires_grad_']);
/** Conversions that change values: to float32 or half precision (rounding), to integers (truncation), to bool. */
const CAST_METHODS: Record<string, string> = { float: 'float32', long: 'int', int: 'int', half: 'half', bool: 'bool' };
const ACTIVATION_METHODS = new Set(['sigmoid', 'softmax', 'log_softmax']);
/** `torch.sigmoid(x)`, `F.softmax(x, dim=1)`, `nn.functional.log_softmax(x, 1)`. */
const ACTIVATION_FUNCTION = /^(?:torch|F|nn\.functional|torch\.nn\.functional)\.(sigmoid|softmax|log_softmax)\s*\(/;
/** A torch dtype in `.to(...)` or `.type(...)`, by what it does to the values. */
const DTYPES: Record<string, string | null> = {
  float32: 'float32', float: 'float32', float64: null, double: null,
  float16: 'half', half: 'half',
  int64: 'int', long: 'int', int32: 'int', int: 'int', int16: 'int', int8: 'int', uint8: 'int',
  bool: 'bool',
};

/** The chain in `text`, or why it is not one Loss Lens may read; `refs` is shared by the arguments of one call. */
export function argumentChain(text: string, refs: Record<string, string> = {}): ArgumentChainResult {
  const steps: ChainStep[] = [];
  const base = parse(text.trim(), steps, refs);
  if (typeof base !== 'string') return { ok: false, reason: base.reason };
  return { ok: true, chain: { base, steps, refs } };
}

type Refusal = { readonly reason: string };

function parse(text: string, steps: ChainStep[], refs: Record<string, string>): string | Refusal {
  const wrapped = ACTIVATION_FUNCTION.exec(text);
  if (wrapped) {
    const close = matching(text, wrapped[0].length - 1);
    if (close < 0) return { reason: msg('it calls something (`(`)') };
    const args = callArguments(text.slice(0, close + 1));
    const tensor = args?.filter((a) => a.name === undefined)[0];
    if (!args || !tensor) return { reason: msg('it calls something (`(`)') };
    const inner = parse(tensor.text, steps, refs);
    if (typeof inner !== 'string') return inner;
    const activation = activationStep(wrapped[1]!, args.filter((a) => a !== tensor));
    if (!('name' in activation)) return activation;
    steps.push(activation.step);
    return rest(inner, text.slice(close + 1), steps, refs);
  }
  // The value: the longest start of the text that is a name, attribute or subscript.
  const start = firstMethodCall(text);
  const base = start < 0 ? text : text.slice(0, start);
  const safe = safeExpression(base);
  if (!safe.ok) return { reason: safe.reason };
  return rest(safe.text, start < 0 ? '' : text.slice(start), steps, refs);
}

/** Method calls after the value (`.view(-1, C).float()`), each a known step. */
function rest(base: string, tail: string, steps: ChainStep[], refs: Record<string, string>): string | Refusal {
  let text = tail.trim();
  while (text.length > 0) {
    const method = /^\.\s*([A-Za-z_]\w*)\s*\(/.exec(text);
    if (!method) return { reason: msg('only names, attributes, subscripts and known tensor methods are read') };
    const close = matching(text, method[0].length - 1);
    if (close < 0) return { reason: msg('it calls something (`(`)') };
    const args = callArguments(text.slice(0, close + 1));
    if (!args) return { reason: msg('it calls something (`(`)') };
    const step = methodStep(method[1]!, args, refs);
    if (!('name' in step)) return step;
    if (step.step) steps.push(step.step);
    text = text.slice(close + 1).trim();
  }
  return base;
}

type StepResult = { readonly name: string; readonly step: ChainStep | undefined } | Refusal;

function methodStep(name: string, args: readonly { name?: string; text: string }[], refs: Record<string, string>): StepResult {
  const unknown = { reason: msg('`.{0}()` is not a step Loss Lens knows the effect of, and it is not evaluated', name) };
  if (NO_OP_METHODS.has(name)) return args.every((a) => a.name === 'non_blocking' || a.name === 'memory_format') ? { name, step: undefined } : unknown;
  if (name in CAST_METHODS) return args.length === 0 ? { name, step: ['cast', CAST_METHODS[name]!] } : unknown;
  if (ACTIVATION_METHODS.has(name)) return activationStep(name, args);
  if (name === 'to' || name === 'type') return conversion(name, args);
  if (!SHAPE_METHODS.has(name)) return unknown;
  if (name === 'view_as' || name === 'reshape_as') {
    const other = args.length === 1 && args[0]!.name === undefined ? reference(args[0]!.text, refs) : undefined;
    return other === undefined || typeof other === 'number' ? unknown : { name, step: ['reshape_as', other] };
  }
  if (args.some((a) => a.name !== undefined && a.name !== 'dim' && a.name !== 'start_dim' && a.name !== 'end_dim' && a.name !== 'dim0' && a.name !== 'dim1' && a.name !== 'dims')) return unknown;
  const values: StepArgument[] = [];
  for (const arg of args) {
    // view((a, b)) and view(a, b) are the same.
    const items = /^[([]/.test(arg.text) && /[)\]]$/.test(arg.text) ? arg.text.slice(1, -1).split(',').map((s) => s.trim()).filter((s) => s.length > 0) : [arg.text];
    for (const item of items) {
      const value = reference(item, refs);
      if (value === undefined) return { reason: msg('`{0}` in `.{1}()` is neither a number nor a name to read', item, name) };
      values.push(value);
    }
  }
  if ((name === 'squeeze' || name === 'flatten') && values.length > 2) return unknown;
  if ((name === 'unsqueeze' && values.length !== 1) || (name === 'transpose' && values.length !== 2)) return unknown;
  return { name, step: [name, ...values] };
}

function activationStep(name: string, args: readonly { name?: string; text: string }[]): { readonly name: string; readonly step: ChainStep } | Refusal {
  if (name === 'sigmoid') return args.length === 0 ? { name, step: ['sigmoid'] } : { reason: msg('`{0}` with these arguments is not read', name) };
  // softmax(x, dim) / softmax(x, dim=1): the dim must be written as a number (Loss Lens reads no call's default).
  const dim = args.find((a) => a.name === 'dim') ?? args.find((a) => a.name === undefined);
  const value = dim && /^-?\d+$/.test(dim.text) ? Number(dim.text) : undefined;
  if (value === undefined || args.some((a) => a !== dim && a.name !== 'dtype')) return { reason: msg('`{0}` without a dim written as a number is not read', name) };
  return { name, step: [name, value] };
}

function conversion(name: string, args: readonly { name?: string; text: string }[]): StepResult {
  const unknown = { reason: msg('`.{0}()` with these arguments is not a step Loss Lens knows the effect of', name) };
  const positional = args.filter((a) => a.name === undefined);
  const dtype = args.find((a) => a.name === 'dtype') ?? positional.find((a) => /^torch\.\w+$/.test(a.text));
  if (dtype) {
    const kind = /^torch\.(\w+)$/.exec(dtype.text)?.[1];
    if (kind === undefined || !(kind in DTYPES)) return unknown;
    const cast = DTYPES[kind];
    return { name, step: cast ? ['cast', cast] : undefined };
  }
  // A device: a string, or a name (device, self.device, args.device); values unchanged.
  if (name === 'to' && positional.length === 1 && args.every((a) => a.name === undefined || a.name === 'non_blocking' || a.name === 'device') && isDevice(positional[0]!.text)) return { name, step: undefined };
  if (name === 'to' && positional.length === 0 && args.some((a) => a.name === 'device') && args.every((a) => a.name === 'device' || a.name === 'non_blocking')) return { name, step: undefined };
  return unknown;
}

/** A device argument: 'cuda', "cpu", 'cuda:0', or a name or attribute whose last part names a device. */
function isDevice(text: string): boolean {
  return /^['"](?:cpu|cuda|mps|xla)(?::\d+)?['"]$/.test(text) || /(?:^|\.)(?:device|dev|\w*_device|device_\w*)$/.test(text) || /^(?:torch\.)?device\(['"](?:cpu|cuda|mps)(?::\d+)?['"]\)$/.test(text);
}

/** An integer literal, or a safe expression read from the frame (`x.size(1)` is read as `x.shape[1]`). */
function reference(text: string, refs: Record<string, string>): StepArgument | undefined {
  if (/^-?\d+$/.test(text)) return Number(text);
  const size = /^(.+)\.size\(\s*(-?\d+)\s*\)$/.exec(text);
  const expression = size ? `${size[1]}.shape[${size[2]}]` : text;
  const safe = safeExpression(expression);
  if (!safe.ok) return undefined;
  const existing = Object.entries(refs).find(([, e]) => e === safe.text)?.[0];
  if (existing) return { ref: existing };
  const name = `r${Object.keys(refs).length}`;
  refs[name] = safe.text;
  return { ref: name };
}

/**
 * Walks `text` from `from`, strings skipped whole, with the bracket depth after each character; the
 * first index where `stop` holds, or -1 when none does (or a string does not close).
 */
function scanBrackets(text: string, from: number, stop: (i: number, c: string, depth: number) => boolean): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const end = stringEnd(text, i, c);
      if (end < 0) return -1;
      i = end;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if (stop(i, c, depth)) return i;
  }
  return -1;
}

/** The index of the `)` closing the `(` at `open`; -1 when it does not close, or another bracket closes it. */
function matching(text: string, open: number): number {
  const end = scanBrackets(text, open, (_, c, depth) => depth === 0 && (c === ')' || c === ']' || c === '}'));
  return end >= 0 && text[end] === ')' ? end : -1;
}

/** Where the first top-level `.name(` starts: the value ends there. -1 when there is none. */
function firstMethodCall(text: string): number {
  return scanBrackets(text, 0, (i, c, depth) => c === '.' && depth === 0 && /^\.\s*[A-Za-z_]\w*\s*\(/.test(text.slice(i)));
}
