import { NAME, NEWLINE, NUMBER, STRING, type PythonTokens } from './pythonScanner';
import type { PythonModule } from './pythonModule';
import { headOf } from './decorators';
import { readOnce, type PerModule } from './perModule';

/*
 * What the body of a user's own loss says about two things the hover would otherwise assume: how a
 * scalar alpha weighs the elements, and how the result is reduced. Read from the tokens of the body
 * as plain text ("self." dropped, so a class's self.alpha reads as alpha), and only from forms whose
 * meaning is certain; anything else is 'unclear', so the hover says so instead of claiming alpha_t.
 */

/**
 * 'alpha_t': alpha for positives and 1 - alpha for negatives (the paper's, torchvision's form);
 * 'every': alpha multiplies every element alike, positives and negatives (no class balancing);
 * 'unclear': alpha is used some other way (indexed per class, reversed, passed on, or not at all).
 */
export type AlphaWeighting = 'alpha_t' | 'every' | 'unclear';

/** A reduction read from the function's return statements, with the offset of the return that says it. */
export interface BodyReduction {
  readonly value: 'mean' | 'sum';
  readonly offset: number;
  readonly text: string;
}

/** Focal losses of the catalog whose alpha is alpha_t, called with the user's alpha: the wrapper keeps that meaning. */
const ALPHA_T_CALLS = /\b(?:sigmoid_focal_loss|sigmoid_focal_loss_jit|py_sigmoid_focal_loss|binary_focal_loss_with_logits)\s\(\s(?:[^;]*?[(,]\s)?(?:alpha\s=\s)?alpha\s[,)]/;

/**
 * How the body of `scope` applies alpha (see AlphaWeighting). `name` is the attribute or parameter that holds
 * alpha when it is not called alpha (`self.balance_param`, the focal class copied from the DSB2018 and mmdet
 * forks); a body that also uses a name alpha is then 'unclear'.
 */
export function alphaWeightingOf(module: PythonModule, scope: number, name = 'alpha'): AlphaWeighting {
  // Read once per module, scope and name: the hover's evidence and the unbalanced-focal rule ask for the same loss's.
  return readOnce(ALPHA_WEIGHTINGS, module, `${scope}:${name}`, () => readAlphaWeighting(module, scope, name))!;
}

const ALPHA_WEIGHTINGS: PerModule<string, AlphaWeighting> = new WeakMap();

function readAlphaWeighting(module: PythonModule, scope: number, name: string): AlphaWeighting {
  // `self.alpha = alpha` and `self.alpha, self.gamma = alpha, gamma` only copy the parameter.
  // Headers of nested defs (a class's __init__ and forward) name alpha as a parameter, not a use.
  // A dataclass's field declarations (`alpha: float = 0.25` in the class body) are its parameters, not a use.
  const fields = classLevelStarts(module, scope);
  let lines = bodyLines(module, scope)
    .filter((line) => !(fields.has(line.offset) && /^\w+ : /.test(line.text)))
    .map((line) => line.text)
    .filter((text) => !/^(?:\w+ , )*\w+ = (?:\w+ , )*\w+$/.test(text) && !/^(?:async )?def |^class |^@/.test(text));
  if (name !== 'alpha') {
    if (lines.some((text) => /\balpha\b/.test(text))) return 'unclear';
    const alias = new RegExp(`\\b${name}\\b`, 'g');
    lines = lines.map((text) => text.replace(alias, 'alpha'));
  }
  const body = lines.join(' ; ');
  if (!/\balpha\b/.test(body)) return 'unclear';
  // Rebuilt (a tensor of per-class values, a default filled in), indexed or gathered per class:
  // which class gets which alpha is not read here.
  if (lines.some((text) => /^(?:\w+ , )*alpha\b[^=]*=(?!=)/.test(text))) return 'unclear';
  if (/\balpha\s(?:\[|\.\s(?:gather|index_select|view|reshape|repeat|expand|unsqueeze|to|type|cuda)\b)|gather\s\([^;]*\balpha\b/.test(body)) return 'unclear';
  if (isAlphaT(body) || ALPHA_T_CALLS.test(body)) return 'alpha_t';
  if (/\b1\s-\salpha\b/.test(body)) return 'unclear';
  // A name made from alpha and then taken from 1 (ssd.pytorch's `alpha_mask = self.alpha * targets`, positives
  // times alpha_mask, negatives times `(1 - alpha_mask)`: alpha for positives, 1 for negatives) is not one factor.
  for (const text of lines) {
    const derived = /^(\w+) = (?!=)(.*)$/.exec(text);
    if (derived && derived[1] !== 'alpha' && /\balpha\b/.test(derived[2]!) && new RegExp(`\\b1\\s-\\s${derived[1]}\\b`).test(body)) return 'unclear';
  }
  // Every use multiplies (guards such as `alpha is not None` aside): one factor for all elements.
  let products = 0;
  for (const m of body.matchAll(/\balpha\b/g)) {
    const before = body.slice(Math.max(0, m.index! - 3), m.index!);
    const after = body.slice(m.index! + 'alpha'.length);
    if ((before.endsWith(' * ') || before === '* ') || /^ \*(?!\*)/.test(after)) products++;
    else if (!/^ (?:is (?:not )?None\b|[<>]=? 0\b|!= None\b)/.test(after)) return 'unclear';
  }
  return products > 0 ? 'every' : 'unclear';
}

/**
 * The torchvision form, alpha * y + (1 - alpha) * (1 - y) in either order, or a where() that picks
 * alpha for positives: torch.where(y == 1, alpha, 1 - alpha).
 */
function isAlphaT(body: string): boolean {
  const flat = body.replace(/\(\s1\s-\salpha\s\)/g, '1 - alpha');
  const positive = [...flat.matchAll(/\balpha\s\*\s(\w+)\b|\b(\w+)\s\*\salpha\b/g)].map((m) => m[1] ?? m[2]);
  const negative = [...flat.matchAll(/\b1 - alpha\s\*\s\(\s1\s-\s(\w+)\s\)|\(\s1\s-\s(\w+)\s\)\s\*\s1 - alpha\b/g)].map((m) => m[1] ?? m[2]);
  if (positive.some((y) => negative.includes(y))) return true;
  return /\bwhere\s\(\s\w+\s(?:==\s1|>\s0|>=\s1)\s,\salpha\s,\s1 - alpha\s\)|\bwhere\s\(\s\w+\s==\s0\s,\s1 - alpha\s,\salpha\s\)/.test(flat);
}

/** The reduction every return of the body agrees on: `return loss.mean()`, `torch.mean(loss)`, `.sum()`. */
export function reductionOf(module: PythonModule, scope: number): BodyReduction | undefined {
  let found: BodyReduction | undefined;
  for (const line of bodyLines(module, scope)) {
    if (!line.text.startsWith('return ')) continue;
    const value = reductionOfExpression(line.text.slice('return '.length));
    if (!value || (found && found.value !== value)) return undefined;
    found ??= { value, offset: line.offset, text: line.source };
  }
  return found;
}

function reductionOfExpression(expr: string): 'mean' | 'sum' | undefined {
  const method = /\.\s(mean|sum)\s\(\s\)$/.exec(expr);
  if (method) return method[1] as 'mean' | 'sum';
  const fn = /^(?:torch|np|numpy|jnp|tf|tf\s\.\smath)\s\.\s(mean|sum|reduce_mean|reduce_sum)\s\(\s[^,;]*\)$/.exec(expr);
  if (fn && balanced(expr)) return fn[1]!.endsWith('mean') ? 'mean' : 'sum';
  return undefined;
}

/** Whether the first parenthesis of `expr` closes only at its end (one call, not `mean(a) + b(c)`). */
function balanced(expr: string): boolean {
  let depth = 0;
  for (let i = expr.indexOf('('); i < expr.length; i++) {
    if (expr[i] === '(') depth++;
    else if (expr[i] === ')' && --depth === 0) return i === expr.length - 1;
  }
  return false;
}

/** Where a body's focal factor is raised from a log rather than a probability (see logFocalBaseOf). */
export interface LogFocalBase {
  /** The name the factor is taken from (`pt`), as written. */
  readonly name: string;
  /** Offset of the assignment that makes it from a log. */
  readonly offset: number;
  /** That assignment as written. */
  readonly source: string;
  /** The logical line that raises the factor, as written, and its offset. */
  readonly factor: { readonly offset: number; readonly source: string };
}

/**
 * A focal factor `(1 - pt) ** gamma` (or `sub = 1 - pt` then `sub ** gamma`) whose `pt` the body makes only from
 * log-probabilities: `pt = onehot * log_p` with `log_p = F.log_softmax(x)` and no exp, softmax or sigmoid on the
 * way. The paper's factor is (1 - p_t)^gamma of a probability; this one is not, so the hover shows neither its
 * formula nor values (HeyLynne/FocalLoss_for_multiclass's loss_helper.py, its issue #3). Names are traced through
 * their assignments in the body (every assignment of a name counts, so a rebinding through exp clears it).
 */
export function logFocalBaseOf(module: PythonModule, scope: number): LogFocalBase | undefined {
  // Read once per module and scope: the hover's evidence and the focal-ce-as-probability rule ask for the same loss's.
  return readOnce(LOG_FOCAL_BASES, module, scope, () => readLogFocalBase(module, scope));
}

const LOG_FOCAL_BASES: PerModule<number, LogFocalBase> = new WeakMap();

function readLogFocalBase(module: PythonModule, scope: number): LogFocalBase | undefined {
  const lines = bodyLines(module, scope);
  // Every factor form read below has ` ** `: a body without one (`torch.pow(1 - pt, gamma)`) has none of them.
  if (!lines.some((line) => line.text.includes(' ** '))) return undefined;
  const assignments = new Map<string, BodyLine[]>();
  for (const line of lines) {
    const m = /^(\w+) = (?!=)/.exec(line.text);
    if (m) assignments.set(m[1]!, [...(assignments.get(m[1]!) ?? []), line]);
  }
  const PROBABILITY = /\b(?:exp|expit|softmax|sigmoid)\b(?! *=)/;
  const LOG = /\b(?:log_softmax|log|logsigmoid|log_sigmoid)\s\(/;
  // What a name is made of, through up to four levels of assignments: 'log' only when every way to it is a log.
  const madeOf = (name: string, depth: number, seen: Set<string>): 'log' | 'probability' | 'other' => {
    const defs = assignments.get(name);
    if (!defs || depth > 4 || seen.has(name)) return 'other';
    seen.add(name);
    let log = false;
    for (const def of defs) {
      const rhs = def.text.slice(def.text.indexOf(' = ') + 3);
      if (PROBABILITY.test(rhs.replace(/\blog_softmax\b|\blog_?sigmoid\b/g, ''))) return 'probability';
      if (LOG.test(rhs)) { log = true; continue; }
      const parts = [...rhs.matchAll(/\b([A-Za-z_]\w*)\b(?! \()/g)].map((m) => m[1]!).filter((n) => n !== name && assignments.has(n));
      const kinds = parts.map((n) => madeOf(n, depth + 1, seen));
      if (kinds.includes('probability')) return 'probability';
      if (kinds.includes('log')) log = true;
      else return 'other';
    }
    return log ? 'log' : 'other';
  };
  for (const line of lines) {
    // `( 1 - pt ) ** gamma`, or `( sub ) ** gamma` / `sub ** gamma` with `sub = 1 - pt`.
    for (const m of line.text.matchAll(/(?:\( 1 - (\w+) \)|\( (\w+) \)|\b(\w+)) \*\* (?:\( )?gamma\b/g)) {
      let base: string | undefined = m[1];
      const named = m[2] ?? m[3];
      if (!base && named) {
        const sub = assignments.get(named);
        const one = sub && sub.length === 1 ? /^\w+ = 1 - (\w+)$/.exec(sub[0]!.text) : null;
        base = one?.[1];
      }
      if (!base) continue;
      if (madeOf(base, 0, new Set()) === 'log') {
        const made = assignments.get(base)![0]!;
        return { name: base, offset: made.offset, source: made.source, factor: { offset: line.offset, source: line.source } };
      }
    }
  }
  return undefined;
}

interface BodyLine {
  /** The logical line's tokens joined by single spaces, with `self .` dropped and 1.0 read as 1. */
  readonly text: string;
  readonly offset: number;
  /** The line as written. */
  readonly source: string;
}

/**
 * Bodies read, by module and scope: the hover's evidence reads a loss's body for its alpha, its
 * reduction and its focal base, and two lint rules read it again (a module is one version's text).
 */
const BODY_LINES: PerModule<number, readonly BodyLine[]> = new WeakMap();

/** The logical lines of the body of `scope` (nested scopes included), strings left out. */
function bodyLines(module: PythonModule, scope: number): readonly BodyLine[] {
  return readOnce(BODY_LINES, module, scope, () => readBodyLines(module, scope))!;
}

function readBodyLines(module: PythonModule, scope: number): BodyLine[] {
  const tokens: PythonTokens = module.tokens;
  const [from, to] = bodyRange(module, scope);
  const lines: BodyLine[] = [];
  let parts: string[] = [];
  let first = -1;
  let last = -1;
  const flush = () => {
    if (parts.length) lines.push({ text: parts.join(' ').replace(/\bself \. /g, ''), offset: tokens.startAt(first), source: tokens.text.slice(tokens.startAt(first), tokens.endAt(last)) });
    parts = [];
    first = -1;
  };
  for (let k = from; k < to; k++) {
    const kind = tokens.kind[k]!;
    if (kind === NEWLINE) {
      flush();
      continue;
    }
    if (first < 0) first = k;
    last = k;
    const text = tokens.text.slice(tokens.startAt(k), tokens.endAt(k));
    parts.push(kind === STRING ? '"…"' : kind === NUMBER && /^1(?:\.0*)?$/.test(text) ? '1' : kind === NAME || kind === NUMBER ? text : text);
  }
  flush();
  return lines;
}

/** The offsets of the logical lines directly in a class scope's body (none for a function). */
function classLevelStarts(module: PythonModule, scope: number): Set<number> {
  const starts = new Set<number>();
  if (module.scope(scope).kind !== 'class') return starts;
  const { tokens } = module;
  const [from, to] = bodyRange(module, scope);
  // The body's logical lines only, from the first that starts at or after its first token.
  for (let h = headOf(tokens, from - 1) + 1; h < tokens.headCount && tokens.heads[h]! < to; h++) if (module.headScope[h] === scope) starts.add(tokens.startAt(tokens.heads[h]!));
  return starts;
}

/** Token range of a scope's body: the logical lines after its header whose scope is it or nested in it. */
export function bodyRange(module: PythonModule, scope: number): [number, number] {
  const tokens = module.tokens;
  const offset = module.scope(scope).offset;
  let lo = 0;
  let hi = tokens.headCount;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.startAt(tokens.heads[mid]!) < offset) lo = mid + 1;
    else hi = mid;
  }
  let h = lo;
  while (h < tokens.headCount && !within(module, module.headScope[h]!, scope)) h++;
  const first = h < tokens.headCount ? tokens.heads[h]! : tokens.count;
  while (h < tokens.headCount && within(module, module.headScope[h]!, scope)) h++;
  return [first, h < tokens.headCount ? tokens.heads[h]! : tokens.count];
}

function within(module: PythonModule, inner: number, outer: number): boolean {
  for (let s = inner; s >= 0; s = module.scope(s).parent) {
    if (s === outer) return true;
    if (s === 0) return false;
  }
  return false;
}
