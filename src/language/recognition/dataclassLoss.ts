import { classKeyword, decoratorsBefore, headOf, qualifiedName } from './decorators';
import { closeOf, findTopLevel, readDotted, splitTopLevel, type Parameter, type PythonModule } from './pythonModule';
import { isName, isOp, NAME, tokenText as text, type PythonTokens } from './pythonScanner';

/*
 * A loss written as a dataclass (issue 24): `@dataclass class FocalLoss: alpha: float = 0.25;
 * gamma: float = 2.0; def __call__(self, logits, y): ...`. Its generated __init__ takes the annotated
 * fields of the class body in order, each with its default. Read only when that is certain: a class
 * that is called (`__call__`, `forward` or `call`: a config dataclass is no loss), no base class but
 * `object` or `nn.Module` (a dataclass base's fields would come first), no `init=False`, no `field(default_factory=...)` or
 * other field() options than `default=`; `ClassVar` annotations are not fields, and `kw_only=True`
 * or a `_: KW_ONLY` line make the fields keyword-only.
 */

/** The methods a loss object is called through (`loss(x, y)`): PyTorch's forward, Keras's call, __call__. */
export const CALLED_METHODS: readonly string[] = ['__call__', 'forward', 'call'];
/** Base classes that are not dataclasses: they add no fields to the generated __init__. */
const NOT_DATACLASSES = new Set(['torch.nn.Module', 'torch.nn.modules.module.Module']);

/** The parameters of the __init__ a `@dataclass` class scope gets, or undefined when it is not one or not certain. */
export function dataclassParameters(module: PythonModule, classScope: number): Parameter[] | undefined {
  const { tokens } = module;
  const scope = module.scope(classScope);
  if (scope.kind !== 'class') return undefined;
  const keyword = classKeyword(tokens, scope.offset);
  if (!isName(tokens, keyword, 'class')) return undefined;
  let keywordOnly = false;
  let decorated = false;
  for (const at of decoratorsBefore(tokens, keyword)) {
    const [dotted, after] = readDotted(tokens, at + 1, tokens.count);
    if (qualifiedName(module, dotted) !== 'dataclasses.dataclass') continue;
    decorated = true;
    if (!isOp(tokens, after, '(')) continue;
    for (const [from, to] of splitTopLevel(tokens, after + 1, closeOf(tokens, after))) {
      const flag = tokens.kind[from] === NAME && isOp(tokens, from + 1, '=') && to === from + 3 ? text(tokens, from) : '';
      const on = isName(tokens, from + 2, 'True');
      if (flag === 'init' && !on) return undefined;
      if (flag === 'kw_only') keywordOnly = on;
    }
  }
  // A dataclass with alpha and gamma but nothing that computes (FocalLossConfig) is a config, not a loss.
  if (!decorated || !CALLED_METHODS.some((method) => scope.methods.has(method))) return undefined;
  // A base that is a dataclass would add its fields first: only bases known not to be one are read past.
  const nameToken = keyword + 1;
  if (isOp(tokens, nameToken + 1, '(')) {
    for (const [from, to] of splitTopLevel(tokens, nameToken + 2, closeOf(tokens, nameToken + 1))) {
      const [dotted, after] = readDotted(tokens, from, to);
      if (after !== to || !(dotted === 'object' || NOT_DATACLASSES.has(qualifiedName(module, dotted)))) return undefined;
    }
  }
  return fieldsOf(module, classScope, headOf(tokens, keyword), keywordOnly);
}

function fieldsOf(module: PythonModule, classScope: number, header: number, keywordOnly: boolean): Parameter[] | undefined {
  const { tokens } = module;
  const indent = tokens.headIndent[header]!;
  const fields: Parameter[] = [];
  for (let h = header + 1; h < tokens.headCount && tokens.headIndent[h]! > indent; h++) {
    if (module.headScope[h] !== classScope) continue;
    const first = tokens.heads[h]!;
    if (tokens.kind[first] !== NAME || !isOp(tokens, first + 1, ':')) continue;
    const last = h + 1 < tokens.headCount ? tokens.heads[h + 1]! - 1 : tokens.count - 2;
    const eq = findTopLevel(tokens, first + 2, last, '=');
    const annotation = readDotted(tokens, first + 2, eq < 0 ? last : eq)[0];
    if (/(?:^|\.)ClassVar$/.test(annotation)) continue;
    if (/(?:^|\.)KW_ONLY$/.test(annotation)) { keywordOnly = true; continue; }
    const name = text(tokens, first);
    let from = eq < 0 ? -1 : eq + 1;
    let to = eq < 0 ? -1 : last;
    if (eq >= 0 && isFieldCall(module, tokens, from)) {
      const open = readDotted(tokens, from, last)[1];
      const options = splitTopLevel(tokens, open + 1, closeOf(tokens, open));
      // Only field(default=...) is read; any other option (default_factory, init=False, kw_only) is not.
      if (options.length !== 1 || !isName(tokens, options[0]![0], 'default') || !isOp(tokens, options[0]![0] + 1, '=')) return undefined;
      [from, to] = [options[0]![0] + 2, options[0]![1]];
    }
    fields.push({ name, from, to, offset: tokens.startAt(first), star: '', keywordOnly });
  }
  return fields;
}

/** Whether tokens at `from` call dataclasses' field(...). */
function isFieldCall(module: PythonModule, tokens: PythonTokens, from: number): boolean {
  const [dotted, after] = readDotted(tokens, from, tokens.count);
  return dotted !== '' && qualifiedName(module, dotted) === 'dataclasses.field' && isOp(tokens, after, '(');
}

