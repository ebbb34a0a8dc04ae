import type { Candidate } from './candidates';
import { tokenAt } from './decorators';
import { closeOf, findTopLevel, lookUpName, readDotted, splitTopLevel, type Binding, type PythonModule } from './pythonModule';
import { headOfToken, isName, isOp, NAME, tokenText } from './pythonScanner';
import { nameTokensSpelled } from './spelledTokens';

/*
 * A loss taken from a list by a `for` loop (issue 24, the eval's misses): `for crit, out, y in
 * zip([nn.CrossEntropyLoss(), nn.BCEWithLogitsLoss()], outs, ys): loss += crit(out, y)`, or
 * `criterions = [nn.CrossEntropyLoss(ignore_index=255)] * n` then `for c, o in zip(criterions, outs)`.
 * The loop variable holds each element in turn, so the call's candidates are the list's elements.
 * Read only when certain: the variable is bound only by that `for` (in the scope of the call, which is
 * in the loop's body); its place in the target is one name of a flat tuple matched by zip's argument
 * at the same place (or `enumerate(...)`'s second, or the iterable itself for one name); the list is
 * written there or held by a name (or `self.x`) bound once to a list / tuple literal, `[x] * n`, a
 * comprehension whose element does not read its own variable, or `nn.ModuleList` of one, and never
 * changed (`append`, `extend`, `insert`, an item assigned).
 */

/** Methods that change a list in place. */
const MUTATORS = new Set(['append', 'extend', 'insert', 'pop', 'remove', 'clear', 'reverse', 'sort']);

/** What a loop variable takes from a list: the elements, and the `for` statement's first token. */
export interface LoopElements {
  readonly elements: readonly Candidate[];
  readonly loop: number;
}

/**
 * The elements the loop variable `binding` (a `for` target, from = -1) takes from a list, or undefined
 * when the loop does not take it from a list the file settles.
 */
export function loopElements(module: PythonModule, binding: Binding): LoopElements | undefined {
  const { tokens } = module;
  if (binding.from >= 0) return undefined;
  const target = tokenAt(tokens, binding.offset);
  const head = headOfToken(tokens, target);
  if (head < 0) return undefined;
  let first = tokens.heads[head]!;
  if (isName(tokens, first, 'async')) first++;
  if (!isName(tokens, first, 'for')) return undefined;
  const next = head + 1 < tokens.headCount ? tokens.heads[head + 1]! : tokens.count;
  const colon = findTopLevel(tokens, first + 1, next, ':');
  if (colon < 0) return undefined;
  let inToken = -1;
  for (let k = first + 1; k < colon; k++) if (isName(tokens, k, 'in')) { inToken = k; break; }
  if (inToken < 0) return undefined;
  // The target: names separated by commas, maybe in one pair of parentheses.
  let [tFrom, tTo] = [first + 1, inToken];
  if ((isOp(tokens, tFrom, '(') || isOp(tokens, tFrom, '[')) && tokens.match[tFrom] === tTo - 1) [tFrom, tTo] = [tFrom + 1, tTo - 1];
  const names = splitTopLevel(tokens, tFrom, tTo);
  if (names.some(([s, e]) => e !== s + 1 || tokens.kind[s] !== NAME)) return undefined;
  const position = names.findIndex(([s]) => s === target);
  if (position < 0) return undefined;
  const iterable = iterableOf(module, inToken + 1, colon, position, names.length);
  if (!iterable) return undefined;
  const scope = module.headScope[head]!;
  const elements = listElements(module, iterable[0], iterable[1], scope, tokens.startAt(first), 0);
  return elements && elements.length > 0 ? { elements, loop: first } : undefined;
}

/** Whether the use at `offset` is in the body of the `for` loop whose first token is `loop`. */
export function inLoopBody(module: PythonModule, loop: number, offset: number): boolean {
  const { tokens } = module;
  const head = headOfToken(tokens, loop);
  const use = headOfToken(tokens, tokenAt(tokens, offset));
  if (use <= head) return false;
  for (let h = head + 1; h <= use; h++) if (tokens.headIndent[h]! <= tokens.headIndent[head]!) return false;
  return true;
}

/** The token range the loop variable at `position` of `count` names is drawn from, in the iterable [from, to). */
function iterableOf(module: PythonModule, from: number, to: number, position: number, count: number): [number, number] | undefined {
  const { tokens } = module;
  const [dotted, open] = readDotted(tokens, from, to);
  const call = dotted !== '' && isOp(tokens, open, '(') && closeOf(tokens, open) === to - 1;
  if (call && (dotted === 'zip' || dotted === 'enumerate') && !module.definitions.has(dotted) && !lookUpName(module, dotted, 0)) {
    const args = splitTopLevel(tokens, open + 1, to - 1);
    if (args.some(([s]) => isOp(tokens, s, '*') || isOp(tokens, s, '**') || (tokens.kind[s] === NAME && isOp(tokens, s + 1, '=')))) return undefined;
    if (dotted === 'zip') return args.length === count ? args[position] : undefined;
    return count === 2 && position === 1 && args.length === 1 ? args[0] : undefined;
  }
  return count === 1 ? [from, to] : undefined;
}

/** The elements of a list expression [from, to) evaluated in `scope` (see the comment at the top). */
function listElements(module: PythonModule, from: number, to: number, scope: number, offset: number, depth: number): Candidate[] | undefined {
  const { tokens } = module;
  if (from >= to || depth > 2) return undefined;
  const open = from;
  if ((isOp(tokens, open, '[') || isOp(tokens, open, '(')) && tokens.match[open] === to - 1) {
    const items = splitTopLevel(tokens, open + 1, to - 1);
    // A parenthesised expression without a comma is no tuple.
    if (isOp(tokens, open, '(') && items.length === 1 && !isOp(tokens, to - 2, ',')) return listElements(module, open + 1, to - 1, scope, offset, depth + 1);
    const comprehension = items.length === 1 ? comprehensionElement(module, items[0]![0], items[0]![1]) : undefined;
    if (comprehension === null) return undefined;
    const elements = comprehension ? [comprehension] : items;
    return elements.map(([s, e]) => ({ scope, from: s, to: e, offset: tokens.startAt(s) }));
  }
  // `[x] * n` / `n * [x]`: one element, repeated.
  const star = findTopLevel(tokens, from, to, '*');
  if (star > from) {
    const left = listElements(module, from, star, scope, offset, depth + 1);
    if (left) return isRepeatCount(module, star + 1, to) ? left : undefined;
    const right = isRepeatCount(module, from, star) ? listElements(module, star + 1, to, scope, offset, depth + 1) : undefined;
    return right;
  }
  const [dotted, after] = readDotted(tokens, from, to);
  // `nn.ModuleList([...])`: the modules it is given.
  if (dotted.endsWith('ModuleList') && isOp(tokens, after, '(') && closeOf(tokens, after) === to - 1) {
    const args = splitTopLevel(tokens, after + 1, to - 1);
    return args.length === 1 ? listElements(module, args[0]![0], args[0]![1], scope, offset, depth + 1) : undefined;
  }
  if (after !== to || dotted === '') return undefined;
  const segments = dotted.split('.');
  const held = heldList(module, segments, scope);
  if (!held || held.from < 0) return undefined;
  return listElements(module, held.from, held.to, held.scope, held.offset, depth + 1);
}

/** `[e for v in ...]` as one element [from, to) of the list, when `e` reads none of the `for` names; null when it does; undefined when no comprehension. */
function comprehensionElement(module: PythonModule, from: number, to: number): [number, number] | null | undefined {
  const { tokens } = module;
  let forToken = -1;
  for (let k = from; k < to; k++) {
    if (isName(tokens, k, 'for')) { forToken = k; break; }
    const m = tokens.match[k]!;
    if (m > k) k = m;
  }
  if (forToken < 0) return undefined;
  const names = new Set<string>();
  for (let k = forToken + 1; k < to && !isName(tokens, k, 'in'); k++) if (tokens.kind[k] === NAME) names.add(tokenText(tokens, k));
  for (let k = from; k < forToken; k++) if (tokens.kind[k] === NAME && names.has(tokenText(tokens, k)) && !isOp(tokens, k - 1, '.')) return null;
  return forToken > from ? [from, forToken] : null;
}

/** A repeat count: a number, or a name or attribute (what it is does not change the elements). */
function isRepeatCount(module: PythonModule, from: number, to: number): boolean {
  const { tokens } = module;
  const [dotted, after] = readDotted(tokens, from, to);
  return (to === from + 1 && tokens.kind[from] !== NAME && /^\d+$/.test(tokenText(tokens, from))) || (dotted !== '' && after === to);
}

/** The one binding of a name (or `self.x`) holding a list, never changed in place; undefined otherwise. */
function heldList(module: PythonModule, segments: readonly string[], scope: number): Binding | undefined {
  const { tokens } = module;
  let bindings: readonly Binding[] | undefined;
  if (segments.length === 1) {
    const found = lookUpName(module, segments[0]!, scope);
    bindings = found && 'bindings' in found ? found.bindings : undefined;
  } else if (segments.length === 2 && segments[0] === 'self') {
    let owner = scope;
    while (owner >= 0 && module.scope(owner).kind !== 'class') owner = module.scope(owner).parent;
    bindings = owner >= 0 ? module.scope(owner).selfAttributes.get(segments[1]!) : undefined;
  }
  if (!bindings || bindings.length !== 1) return undefined;
  const name = segments[segments.length - 1]!;
  for (const k of nameTokensSpelled(tokens, [name])) {
    if (isOp(tokens, k + 1, '.') && tokens.kind[k + 2] === NAME && MUTATORS.has(tokenText(tokens, k + 2))) return undefined;
    if (isOp(tokens, k + 1, '[') && (isOp(tokens, tokens.match[k + 1]! + 1, '=') || isName(tokens, k - 1, 'del'))) return undefined;
    if (isOp(tokens, k + 1, '+=') || isOp(tokens, k + 1, '*=')) return undefined;
  }
  return bindings[0];
}
