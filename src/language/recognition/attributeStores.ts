import { enclosingClass, type PythonModule } from './pythonModule';
import { headOfToken, isName, isOp, NAME, OP, tokenText, type PythonTokens } from './pythonScanner';
import { nameTokensSpelled } from './spelledTokens';

/*
 * A loss object's parameter set after it is built: `crit.reduction = 'none'`, or in yolov5's FocalLoss
 * `self.loss_fcn.reduction = "none"` on the BCEWithLogitsLoss it wraps. PyTorch losses read
 * `self.reduction` (and `self.weight`, `self.pos_weight`, ...) at every call, so what a call through
 * that object computes is not what its construction wrote.
 */

/**
 * Whether the file assigns (or updates in place, `*=`) one of `params` as an attribute of the object `holder` names (`crit`,
 * `self.loss_fcn`) seen from `scope`: a `self.` holder only in the methods of the same class (another
 * class of the file may hold a loss under the same attribute, as yolov5's BCEBlurWithLogitsLoss does).
 */
export function storesParameter(module: PythonModule, holder: readonly string[], params: readonly string[], scope: number): boolean {
  const { tokens } = module;
  const owner = holder[0] === 'self' ? enclosingClass(module, scope) : -1;
  for (const k of attributeStores(tokens, params, holder[holder.length - 1]!)) {
    if (!heldBy(tokens, k - 1, holder)) continue;
    if (owner >= 0 && enclosingClass(module, module.headScope[headOfToken(tokens, k)]!) !== owner) continue;
    return true;
  }
  return false;
}

/**
 * The attribute tokens spelled like one of `params` that are assigned (`x.param =`, `x.param *=`), by
 * the name before their '.' (`x`), per version and list of names. A file names `weight` or `reduction`
 * in most of its loss calls, and every call through an object asks: the stores are found once (a
 * walk of the names' tokens), and a call reads only those on an object of its holder's name.
 */
const STORES = new WeakMap<PythonTokens, Map<string, Map<string, number[]>>>();

function attributeStores(tokens: PythonTokens, params: readonly string[], holder: string): readonly number[] {
  let byNames = STORES.get(tokens);
  if (!byNames) STORES.set(tokens, (byNames = new Map()));
  const key = params.join('\n');
  let byHolder = byNames.get(key);
  if (!byHolder) {
    byHolder = new Map();
    for (const k of nameTokensSpelled(tokens, params)) {
      if (!isOp(tokens, k - 1, '.') || !isAssignment(tokens, k + 1) || !params.some((param) => isName(tokens, k, param)) || tokens.kind[k - 2] !== NAME) continue;
      const name = tokenText(tokens, k - 2);
      const list = byHolder.get(name);
      if (list) list.push(k);
      else byHolder.set(name, [k]);
    }
    byNames.set(key, byHolder);
  }
  return byHolder.get(holder) ?? NONE;
}

const NONE: readonly number[] = [];

/** `=` or an augmented assignment (`*=`, `+=`, ...): either sets the attribute. */
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '@=', '&=', '|=', '^=', '>>=', '<<=']);
function isAssignment(tokens: PythonTokens, k: number): boolean {
  return isOp(tokens, k, '=') || (tokens.kind[k] === OP && AUGMENTED.has(tokenText(tokens, k)));
}

/** Whether the tokens before the '.' at `dot` spell `holder` (a.b.c), not as the tail of a longer name. */
function heldBy(tokens: PythonTokens, dot: number, holder: readonly string[]): boolean {
  let k = dot - 1;
  for (let i = holder.length - 1; i >= 0; i--) {
    if (tokens.kind[k] !== NAME || !isName(tokens, k, holder[i]!)) return false;
    if (i > 0) {
      if (!isOp(tokens, k - 1, '.')) return false;
      k -= 2;
    }
  }
  return !isOp(tokens, k - 1, '.');
}
