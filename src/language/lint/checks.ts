import { CATALOG, enclosingClass, isName, isOp, type LossCall, NAME, NUMBER, type PythonTokens, STRING } from '../recognition';
import { msg } from '../../core';
import type { LintEdit, LintFinding, LintFix } from './findings';
import { logitsEdit, kerasLossesPrefix, logSoftmaxName, removeProducer, namedInput, setKeyword } from './fixes';
import type { Result, Val } from './flow';
import type { LintContext } from './lintContext';
import { KERAS_LOSS_STRINGS, isLossClass, lossSpec, shortName, type LossFamily } from './losses';
import { checkReducedFocal } from './reducedFocal';
import { checkSwappedFocal } from './swappedFocal';
import { checkAlphaListLength } from './alphaListLength';
import { checkUnknownKeyword } from './unknownKeyword';
import { checkSoftmaxIntoBce, kerasDenseOf, outputUnits } from './softmaxIntoBce';
import { checkTflearnRegression } from './tflearnRegression';
import { lossFirst, rebindingOf } from './rebinding';
import { logSoftmaxAtOrigin, outputOnlyHere, outputReadElsewhere, removalAtOrigin, wherePhrase } from './origin';
import { argumentValue, invocationOf, predictionArgument } from './prediction';
import { callMaps } from './callMaps';
import { argumentAt, argumentsOf, attributeTokens, dottedName, dottedTokens, headOfToken, rangeText, stringContent, text, tokenAtOffset, type Argument } from './syntax';

/* The seven rules, applied to the recognised loss calls and to Keras `compile(loss=...)`. */

const LOG_SOFTMAX_FUNCTIONS = new Set(['torch.softmax', 'torch.nn.functional.softmax']);

export function checkCalls(cx: LintContext, out: LintFinding[]): void {
  const t = cx.tokens;
  for (const call of cx.calls) {
    if (call.start < cx.base) continue;
    const site = invocationOf(t, call);
    if (!site) continue;
    const { open, invocation, constructing, isClass } = site;
    if (call.through) {
      // A wrapper of another file: its loss call is not in this file (the lint leaves losses built elsewhere alone).
      if (!call.through.file) checkWrapperCall(cx, call, invocation, out);
      continue;
    }
    checkGamma(cx, call, open, out);
    checkSwappedFocal(cx, call, open, out);
    checkAlphaListLength(cx, call, open, out);
    if (call.library === 'user') continue;
    checkReducedFocal(cx, call, invocation, isClass ? (constructing ? open : constructionOpenOf(cx, call)) : -1, out);
    if (!call.builtAt || constructing) checkUnknownKeyword(cx, call, open, constructing, out);
    const prediction = predictionArgument(cx.module, call, invocation);
    if (prediction) checkPrediction(cx, call, prediction.family, prediction.arg, invocation, constructing ? open : -1, out);
    if (!call.builtAt) checkKerasAlpha(cx, call, open, out);
  }
  checkUnrecognisedFocal(cx, out);
  checkCompile(cx, out);
  checkTflearnRegression(cx, out);
}

/**
 * A call of a method that returns one loss call of its parameters (`model.loss(out, y)`; recognition's
 * wrapperMethods.ts): only what this call's own prediction is, since its other arguments are the
 * method's. A fix that would edit the call itself (its name, its keywords) would edit the method's call,
 * not the loss's: only fixes inside the prediction argument or outside the call are kept.
 */
function checkWrapperCall(cx: LintContext, call: LossCall, invocation: number, out: LintFinding[]): void {
  const prediction = predictionArgument(cx.module, call, invocation);
  if (!prediction) return;
  // The returned call already sees what its parameter holds (every call of the method passing one kind): reported there, once.
  const inner = callMaps(cx).all.get(call.through!.start)?.[0];
  const innerSite = inner && invocationOf(cx.tokens, inner);
  const innerPrediction = inner && innerSite ? predictionArgument(cx.module, inner, innerSite.invocation) : undefined;
  if (innerPrediction && argumentValue(cx.module, cx.flow, innerPrediction.arg)) return;
  const found: LintFinding[] = [];
  checkPrediction(cx, call, prediction.family, prediction.arg, invocation, -1, found);
  const t = cx.tokens;
  const [argStart, argEnd] = [t.start[prediction.arg.valueFrom]!, t.end[prediction.arg.to - 1]!];
  const own = (e: LintEdit) => e.end <= call.start || e.start >= call.end || (e.start >= argStart && e.end <= argEnd);
  for (const f of found) out.push({ ...f, fixes: f.fixes.filter((fix) => fix.edits.every(own)) });
}

/** What the loss wants, with Keras' from_logits read. */
function effectiveFamily(family: LossFamily, call: LossCall | undefined): 'softmax-logits' | 'sigmoid-logits' | 'nll' | 'torch-probabilities' | 'keras-probabilities' {
  if (family === 'keras-softmax') return call?.inputs.value === 'logits' ? 'softmax-logits' : 'keras-probabilities';
  if (family === 'keras-sigmoid') return call?.inputs.value === 'logits' ? 'sigmoid-logits' : 'keras-probabilities';
  return family;
}

function checkPrediction(cx: LintContext, call: LossCall, family: LossFamily, arg: Argument, invocation: number, constructionOpen: number, out: LintFinding[]): void {
  const t = cx.tokens;
  const value = argumentValue(cx.module, cx.flow, arg);
  if (!value) return;
  const { val, scope } = value;
  const wants = effectiveFamily(family, call);
  const name = call.library === 'keras' ? `${shortName(call.api)}(from_logits=${call.inputs.value === 'logits' ? 'True' : 'False'})` : shortName(call.api);
  const range = { start: t.start[arg.valueFrom]!, end: t.end[arg.to - 1]! };
  const keras = call.library === 'keras';
  const kerasOpen = keras ? kerasConstructionOpen(cx, call, constructionOpen, invocation) : -1;
  if (val.column) {
    if (wants === 'sigmoid-logits' && val.nature === 'softmax') checkColumnIntoLogits(cx, call, name, val, range, invocation, constructionOpen, out);
    return;
  }
  if ((wants === 'torch-probabilities' || wants === 'sigmoid-logits' || (wants === 'keras-probabilities' && family === 'keras-sigmoid')) && checkSoftmaxIntoBce(cx, { name, probabilities: wants !== 'sigmoid-logits' }, val, range, out)) return;
  if (wants === 'softmax-logits' && (val.nature === 'softmax' || val.nature === 'log_softmax')) {
    const fixes: LintFix[] = [];
    if (keras) pushFix(fixes, msg('Use from_logits=False (the values are probabilities)'), [kerasOpen >= 0 ? setKeyword(t, kerasOpen, 'from_logits', 'False') : undefined], true);
    else {
      const title = val.exp ? msg('Remove the exp: {0} takes the log_softmax output as it is', name) : msg('Pass the logits to {0} (remove the {1})', name, val.nature);
      pushFix(fixes, title, [logitsEdit(t, cx.table, val, arg.valueFrom, scope)], true);
      producerFixes(cx, call, val, arg, invocation, constructionOpen, scope, fixes);
    }
    if (val.nature === 'log_softmax') {
      out.push(finding(cx, 'double-softmax', range, msg('{0} applies log_softmax itself: this log_softmax is redundant (log_softmax of log-probabilities changes nothing)', name), val, msg('log_softmax applied here'), fixes, 'information'));
    } else {
      const message = keras
        ? msg('{0} applies a softmax itself, but these are softmax outputs: probabilities are read as logits (Keras warns about this; what it computes then depends on the backend)', name)
        : msg('{0} applies log_softmax itself: these probabilities get a second softmax', name);
      out.push(finding(cx, 'double-softmax', range, message, val, msg('softmax applied here'), fixes));
    }
    return;
  }
  if ((wants === 'softmax-logits' || (wants === 'keras-probabilities' && family === 'keras-softmax')) && val.nature === 'sigmoid') {
    checkSigmoidIntoSoftmax(cx, name, wants === 'softmax-logits', keras, val, range, out, (fixes) => {
      pushFix(fixes, msg('Pass the logits to {0} (remove the sigmoid)', name), [logitsEdit(t, cx.table, val, arg.valueFrom, scope)], true);
      producerFixes(cx, call, val, arg, invocation, constructionOpen, scope, fixes);
    });
    return;
  }
  if (wants === 'sigmoid-logits' && val.nature === 'sigmoid') {
    const fixes: LintFix[] = [];
    if (keras) pushFix(fixes, msg('Use from_logits=False (the values are probabilities)'), [kerasOpen >= 0 ? setKeyword(t, kerasOpen, 'from_logits', 'False') : undefined], true);
    else {
      pushFix(fixes, msg('Pass the logits to {0} (remove the sigmoid)', name), [logitsEdit(t, cx.table, val, arg.valueFrom, scope)], true);
      producerFixes(cx, call, val, arg, invocation, constructionOpen, scope, fixes);
    }
    const message = keras
      ? msg('{0} applies a sigmoid itself, but these are sigmoid outputs: probabilities are read as logits (Keras warns about this; what it computes then depends on the backend)', name)
      : msg('{0} applies a sigmoid itself: these probabilities get a second sigmoid (squashed into about [0.5, 0.73])', name);
    out.push(finding(cx, 'double-sigmoid', range, message, val, msg('sigmoid applied here'), fixes));
    return;
  }
  if (wants === 'nll' && (val.nature === 'softmax' || val.nature === 'logits')) {
    const fixes: LintFix[] = [];
    const ls = logSoftmaxName(cx.module);
    if (val.nature === 'softmax') {
      const whole = val.callFrom === arg.valueFrom && val.callTo === arg.to;
      const renamable = whole && val.nameToken !== undefined && isName(t, val.nameToken, 'softmax') && (isOp(t, val.nameToken - 1, '.')) && producerIsTorch(cx, val);
      if (renamable) pushFix(fixes, msg('Use log_softmax'), [{ start: t.start[val.nameToken!]!, end: t.end[val.nameToken!]!, newText: 'log_softmax' }], true);
      else if (val.exp) pushFix(fixes, msg('Remove the exp: {0} takes the log_softmax output as it is', name), [logitsEdit(t, cx.table, val, arg.valueFrom, scope)], true);
      else if (ls) {
        const edit = removeProducer(t, val) ?? namedInput(t, cx.table, val, arg.valueFrom, scope, range.start);
        if (edit) pushFix(fixes, msg('Use {0} on the logits', ls), [{ ...range, newText: `${ls}(${applyInside(t, range, edit)}, dim=1)` }], true);
      }
      modelFixes(cx, call, val, arg, invocation, constructionOpen, scope, fixes);
      dropLoneRemovals(fixes);
    } else if (ls) pushFix(fixes, msg('Apply {0} first', ls), [{ ...range, newText: `${ls}(${rangeText(t, arg.valueFrom, arg.to)}, dim=1)` }], true);
    const message = val.nature === 'softmax'
      ? msg('{0} expects log-probabilities (log_softmax), but these are softmax probabilities: the loss is -p instead of -log p', name)
      : msg('{0} expects log-probabilities (log_softmax), but these are raw logits ({1} has no log_softmax after it)', name, val.producerText);
    out.push(finding(cx, 'nll-without-log-softmax', range, message, val, val.nature === 'softmax' ? msg('softmax applied here') : msg('logits produced here'), fixes));
    return;
  }
  if ((wants === 'torch-probabilities' || wants === 'keras-probabilities') && val.nature === 'logits') {
    const fixes: LintFix[] = [];
    let message: string;
    if (wants === 'keras-probabilities') {
      pushFix(fixes, msg('Use from_logits=True'), [kerasOpen >= 0 ? setKeyword(t, kerasOpen, 'from_logits', 'True') : undefined], true);
      message = msg('{0} expects probabilities, but these are raw logits ({1} has no activation): they are read as probabilities', name, val.producerText);
    } else {
      const rename = logitsRename(cx, call, invocation, constructionOpen);
      pushFix(fixes, rename ? msg('Use {0}', rename.newName) : msg('Use the logits form of the loss'), [rename?.edit], true);
      message = msg('{0} expects probabilities in [0, 1], but these are raw logits ({1} has no sigmoid after it): PyTorch raises an error for values outside [0, 1]', name, val.producerText);
    }
    out.push(finding(cx, 'logits-into-probability-loss', range, message, val, msg('logits produced here'), fixes));
    return;
  }
  if (wants === 'torch-probabilities' && val.nature === 'sigmoid' && (val.via === 'call' || val.via === 'layer')) {
    const fixes: LintFix[] = [];
    const rename = logitsRename(cx, call, invocation, constructionOpen);
    if (rename) pushFix(fixes, msg('Use {0} on the logits', rename.newName), [rename.edit, removeProducer(t, val)], true);
    out.push(finding(cx, 'unstable-bce', range, rename ? msg('{0} on a sigmoid computed here loses precision for large logits (log of a rounded probability, clamped at -100); {1} on the logits is exact', name, rename.newName) : msg('{0} on a sigmoid computed here loses precision for large logits (log of a rounded probability, clamped at -100); the logits form on the logits is exact', name), val, msg('sigmoid applied here'), fixes));
  }
}

/**
/**
 * sigmoid-into-softmax-loss: per-class sigmoid outputs into a loss over classes. A logits loss
 * (CrossEntropyLoss, from_logits=True) takes values in [0, 1] as logits, so its softmax stays near
 * uniform and the loss cannot approach 0; Keras' probability form divides the sigmoids by their sum,
 * which is not a softmax's distribution. One Keras unit is categorical-on-one-output's case. PyTorch
 * fixes pass the logits (`torchFixes`); a Keras fix changes the last layer's activation, which changes
 * what the model predicts for other code too (unsafe).
 */
function checkSigmoidIntoSoftmax(cx: LintContext, name: string, logits: boolean, keras: boolean, val: Val, range: { start: number; end: number }, out: LintFinding[], torchFixes?: (fixes: LintFix[]) => void): void {
  if (keras && outputUnits(cx, val) === 1) return;
  const dense = keras ? kerasDenseOf(cx, val) : undefined;
  const fixes: LintFix[] = [];
  if (!keras) torchFixes?.(fixes);
  else if (logits) pushFix(fixes, msg('Remove the sigmoid from the last layer (the loss takes logits)'), [dense?.activationAs('linear')], false);
  else pushFix(fixes, msg('Use a softmax in the last layer (one label per sample)'), [dense?.activationAs('softmax')], false);
  const message = logits
    ? msg('{0} applies a softmax over the classes itself: these sigmoid outputs in [0, 1] are read as logits, so the softmax stays close to uniform and the loss cannot approach 0 (one label per sample: pass the logits; several labels: a sigmoid loss such as BCEWithLogitsLoss)', name)
    : msg('{0} divides these per-class sigmoid outputs by their sum: that is not a softmax\'s distribution over the classes (one label per sample: a softmax; several labels: binary_crossentropy)', name);
  out.push(finding(cx, 'sigmoid-into-softmax-loss', range, message, val, msg('sigmoid applied here'), fixes));
}

/**
 * The fixes of a double activation made away from the loss's argument, after passing the logits: the
 * loss given the attribute the activation reads (safe), in the model or function of the file that
 * makes the value, then at a self attribute's assignment and a tflearn layer's activation (unsafe).
 */
function producerFixes(cx: LintContext, call: LossCall, val: Val, arg: Argument, invocation: number, constructionOpen: number, scope: number, fixes: LintFix[]): void {
  const attribute = attributeFixes(cx, val, arg, call, scope);
  if (attribute?.pass) pushFix(fixes, attribute.pass.title, [attribute.pass.edit], true);
  rebindingFixes(cx, call, val, arg, invocation, constructionOpen, scope, fixes);
  modelFixes(cx, call, val, arg, invocation, constructionOpen, scope, fixes);
  if (attribute?.remove) pushRemoval(fixes, attribute.remove.title, [attribute.remove.edit], val, attribute.remove.readElsewhere);
  if (val.linearActivation) pushFix(fixes, val.linearActivation.newText === 'None' ? msg("Use activation=None (the model's predictions become logits too)") : msg("Use activation='linear' (the model's predictions become logits too)"), [val.linearActivation], false);
  dropLoneRemovals(fixes);
}

/**
 * Removals of an activation whose output the file shows another reader of (the model called again,
 * the name or `self` attribute holding it read again, a rebound name read later): offered only beside
 * a fix that keeps it for those readers. Alone, such a removal would be the fix VS Code shows, and it
 * changes what the other readers get (V-GAN's generator output is also the fake half of the
 * discriminator's pair): no fix is better.
 */
const OTHER_READERS = new WeakSet<LintFix>();

function pushRemoval(fixes: LintFix[], title: string, edits: readonly (LintEdit | undefined)[], val: Val, readElsewhere: boolean): void {
  const before = fixes.length;
  pushFix(fixes, title, edits, false);
  // Only a reader the file shows: where it cannot tell (a parameter, a model passed on), the removal
  // stays, unsafe and saying so (often the maintainers' own fix, as DEEPred's). A log_softmax before a
  // loss that applies one is only redundant: the loss is right either way, and its readers' argmax is
  // the same on the logits; its removal stays as the (unsafe) cleanup.
  if (fixes.length > before && readElsewhere && (val.nature !== 'log_softmax' || val.exp)) OTHER_READERS.add(fixes[before]!);
}

function dropLoneRemovals(fixes: LintFix[]): void {
  if (fixes.length > 0 && fixes.every((f) => OTHER_READERS.has(f))) fixes.length = 0;
}

/**
 * A softmax output into torch's cross-entropy, kept for its other readers: the loss given its log,
 * `criterion(torch.log(probs), y)`. The loss's log_softmax leaves log-probabilities as they are
 * (log p - log sum p = log p), so this is exactly the cross-entropy of the logits, with the loss's own
 * weight, ignore_index, reduction and label_smoothing; nothing else changes.
 */
function logOfProbabilities(cx: LintContext, call: LossCall, val: Val, arg: Argument): { title: string; edit: LintEdit } | undefined {
  if ((call.api !== 'torch.nn.CrossEntropyLoss' && call.api !== 'torch.nn.functional.cross_entropy') || val.nature !== 'softmax' || val.exp) return undefined;
  const t = cx.tokens;
  const torchName = [...cx.module.imports].find(([, full]) => full === 'torch')?.[0];
  if (!torchName) return undefined;
  const wrapped = `${torchName}.log(${rangeText(t, arg.valueFrom, arg.to)})`;
  return {
    title: msg('Pass `{0}` to {1}: its log_softmax leaves log-probabilities as they are, so this is the cross-entropy of the logits (the other readers keep the probabilities)', wrapped, shortName(call.api)),
    edit: { start: t.start[arg.valueFrom]!, end: t.end[arg.to - 1]!, newText: wrapped },
  };
}

/**
 * `output = F.log_softmax(output, dim=1)` then the loss on `output`: removing that line gives the loss
 * the logits, safe when the loss is the name's only reader after it. When the name is also returned
 * or read later, the loss is switched to the form that takes the value as it is instead (unsafe: the
 * loss then computes from rounded probabilities, or its class changes), and the removal is unsafe.
 */
function rebindingFixes(cx: LintContext, call: LossCall, val: Val, arg: Argument, invocation: number, constructionOpen: number, scope: number, fixes: LintFix[]): void {
  const rebinding = rebindingOf(cx, val, arg, scope);
  if (!rebinding) return;
  const line = cx.tokens.text.slice(rebinding.removal.start, rebinding.removal.end).trim();
  if (rebinding.only) {
    pushFix(fixes, msg('Remove the line `{0}` (only the loss reads `{1}` after it)', line, rebinding.name), [rebinding.removal], true);
    return;
  }
  const t = cx.tokens;
  const first = lossFirst(cx, val, arg, scope, invocation, rebinding);
  const firstTitle = val.nature === 'log_softmax'
    ? msg('Compute the loss before `{0}` (the loss gets the logits; the code after it still gets the log-probabilities)', line)
    : msg('Compute the loss before `{0}` (the loss gets the logits; the code after it still gets the probabilities)', line);
  if (first) pushFix(fixes, firstTitle, [first], true);
  const form = PROBABILITY_FORMS.get(call.api);
  const log = first ? undefined : logOfProbabilities(cx, call, val, arg);
  if (log) pushFix(fixes, log.title, [log.edit], true);
  else if (form && !first) {
    const rename = renameLoss(cx, call, invocation, constructionOpen, form.newName, form.unsupported);
    const torchName = [...cx.module.imports].find(([, full]) => full === 'torch')?.[0];
    if (rename && (val.nature === 'log_softmax' || val.nature === 'sigmoid')) pushFix(fixes, msg('Use {0}, which takes the {1} output as it is', rename.newName, val.nature), [rename.edit], false);
    else if (rename && val.nature === 'softmax' && torchName) {
      const wrapped = `${torchName}.log(${rangeText(t, arg.valueFrom, arg.to)})`;
      pushFix(fixes, msg('Use {0} on {1}', rename.newName, wrapped), [rename.edit, { start: t.start[arg.valueFrom]!, end: t.end[arg.to - 1]!, newText: wrapped }], false);
    }
  }
  pushRemoval(fixes, msg('Remove the line `{0}` (what else reads `{1}` gets logits too)', line, rebinding.name), [rebinding.removal], val, true);
}

/**
 * For a value a self attribute holds (`self.prob = tf.nn.softmax(self.pi)` in `__init__`, the loss in
 * another method). An attribute is part of the object's interface: code in other files may read it
 * (a `predict()` elsewhere fetching `model.prob`), so removing the activation where it is set is never
 * safe, and its title says others may read it. The safe fix edits the loss's argument instead: when
 * the activation's input is itself an attribute of the class set once (`self.pi`), the loss reads that.
 */
function attributeFixes(cx: LintContext, val: Val, arg: Argument, call: LossCall, scope: number): { pass?: { title: string; edit: LintEdit }; remove?: { title: string; edit: LintEdit; readElsewhere: boolean } } | undefined {
  if (val.holder?.kind !== 'attribute' || val.origin) return undefined;
  const t = cx.tokens;
  const attribute = val.holder.name.slice('self.'.length);
  const label = val.exp ? 'exp' : val.nature;
  let pass: { title: string; edit: LintEdit } | undefined;
  const input = selfAttributeAt(t, val.inputFrom, val.inputTo);
  const owner = enclosingClass(cx.module, scope);
  // The argument starts with the attribute (`self.prob`, `self.prob[:, 0]`), and the input attribute is set once in the class.
  if (input !== undefined && selfAttributeAt(t, arg.valueFrom, arg.valueFrom + 3) === attribute && !isOp(t, arg.valueFrom + 3, '(') && owner >= 0 && cx.table.selfAttributes.get(owner)?.get(input)?.length === 1) {
    pass = {
      title: msg('Pass `self.{0}` (the input of the {1}) to {2} instead of `{3}`', input, label, shortName(call.api), val.holder.name),
      edit: { start: t.start[arg.valueFrom]!, end: t.end[arg.valueFrom + 2]!, newText: `self.${input}` },
    };
  }
  const edit = removeProducer(t, { ...val, via: 'call' });
  if (!edit) return pass ? { pass } : undefined;
  let reads = 0;
  for (const k of dottedTokens(t, attribute)) if (!isOp(t, k + 1, '=')) reads++;
  const title = reads === 1
    ? (val.exp ? msg('Remove the exp where `{0}` is set (code in other files may read it and get log-probabilities too)', val.holder.name) : msg('Remove the {0} where `{1}` is set (code in other files may read it and get logits too)', val.nature, val.holder.name))
    : val.exp ? msg('Remove the exp where `{0}` is set (other code reading it gets log-probabilities too)', val.holder.name) : msg('Remove the {0} where `{1}` is set (other code reading it gets logits too)', val.nature, val.holder.name);
  return { pass, remove: { title, edit, readElsewhere: reads > 1 } };
}

/** The attribute name of `self.name` written at tokens [from, to) (exactly those three tokens), else undefined. */
function selfAttributeAt(t: PythonTokens, from: number | undefined, to: number | undefined): string | undefined {
  if (from === undefined || to !== from + 3 || !isName(t, from, 'self') || !isOp(t, from + 1, '.') || t.kind[from + 2] !== NAME) return undefined;
  return text(t, from + 2);
}

/**
 * One class's column of a softmax (`probs[:, 1]`) into a loss that applies a sigmoid itself: a
 * probability read as a logit. The loss's probability form takes the column as it is (BCELoss on the
 * softmax probability of the positive class, which is what a two-class softmax gives).
 */
function checkColumnIntoLogits(cx: LintContext, call: LossCall, name: string, val: Val, range: { start: number; end: number }, invocation: number, constructionOpen: number, out: LintFinding[]): void {
  const fixes: LintFix[] = [];
  const form = PROBABILITY_FORMS.get(call.api);
  const rename = form && form.newName !== 'NLLLoss' && form.newName !== 'nll_loss' ? renameLoss(cx, call, invocation, constructionOpen, form.newName, form.unsupported) : undefined;
  if (rename) pushFix(fixes, msg('Use {0}, which takes the probability as it is', rename.newName), [rename.edit], true);
  const message = msg('{0} applies a sigmoid itself, but this is one class\'s softmax probability: it is read as a logit (squashed into about [0.5, 0.73])', name);
  out.push(finding(cx, 'softmax-into-bce', range, message, val, msg('softmax applied here'), fixes));
}

/** `applyInside`: the argument's text with `edit` (inside it) applied. */
function applyInside(t: PythonTokens, range: { start: number; end: number }, edit: LintEdit): string {
  return t.text.slice(range.start, edit.start) + edit.newText + t.text.slice(edit.end, range.end);
}

function producerIsTorch(cx: LintContext, val: Val): boolean {
  const t = cx.tokens;
  const callee = dottedName(t, val.callFrom!, val.nameToken! + 1);
  if (callee === undefined) return true; // a tensor method: x.softmax(dim) -> x.log_softmax(dim)
  const head = callee.slice(0, callee.indexOf('.'));
  const full = cx.module.imports.get(head) ?? (head === 'F' ? 'torch.nn.functional' : head === 'torch' ? 'torch' : undefined);
  return full !== undefined && LOG_SOFTMAX_FUNCTIONS.has(`${full}.softmax`);
}

/** BCELoss -> BCEWithLogitsLoss at the construction (used once), F.binary_cross_entropy -> ..._with_logits at the call. */
function logitsRename(cx: LintContext, call: LossCall, invocation: number, constructionOpen: number): { edit: LintEdit; newName: string } | undefined {
  if (call.api === 'torch.nn.functional.binary_cross_entropy') return renameLoss(cx, call, invocation, constructionOpen, 'binary_cross_entropy_with_logits', []);
  if (call.api === 'torch.nn.BCELoss') return renameLoss(cx, call, invocation, constructionOpen, 'BCEWithLogitsLoss', []);
  return undefined;
}

/**
 * Renames the loss (a function at the call; a class at its construction, when that instance is used
 * once), unless the call or construction gives a keyword of `unsupported` (which the new loss lacks).
 */
function renameLoss(cx: LintContext, call: LossCall, invocation: number, constructionOpen: number, newName: string, unsupported: readonly string[]): { edit: LintEdit; newName: string } | undefined {
  const t = cx.tokens;
  const oldName = shortName(call.api);
  const hasUnsupported = (open: number) => open >= 0 && argumentsOf(t, open).some((a) => (a.keyword !== undefined && unsupported.includes(a.keyword)) || isOp(t, a.from, '**'));
  if (!isLossClass(call.api)) {
    const nameToken = invocation - 1;
    if (!isName(t, nameToken, oldName) || call.builtAt || hasUnsupported(invocation)) return undefined;
    return { edit: { start: t.start[nameToken]!, end: t.end[nameToken]!, newText: newName }, newName };
  }
  let open = constructionOpen;
  if (open < 0) {
    const built = call.builtAt?.line;
    if (!built || built.kind !== 'resolved' || built.inContext) return undefined;
    if (usesOf(cx, built.line, call.callee) !== 1) return undefined;
    const construction = constructionOnLine(cx, built.line, call.api);
    if (!construction) return undefined;
    open = t.match[tokenAtOffset(t, construction.end) - 1]!;
  }
  const nameToken = open - 1;
  if (!isName(t, nameToken, oldName) || hasUnsupported(open) || (invocation !== open && hasUnsupported(invocation))) return undefined;
  return { edit: { start: t.start[nameToken]!, end: t.end[nameToken]!, newText: newName }, newName };
}

/** The loss's probability / log-probability form for a value the model already passed through its activation. */
const PROBABILITY_FORMS: ReadonlyMap<string, { readonly newName: string; readonly unsupported: readonly string[] }> = new Map([
  ['torch.nn.CrossEntropyLoss', { newName: 'NLLLoss', unsupported: ['label_smoothing'] }],
  ['torch.nn.functional.cross_entropy', { newName: 'nll_loss', unsupported: ['label_smoothing'] }],
  ['torch.nn.BCEWithLogitsLoss', { newName: 'BCELoss', unsupported: ['pos_weight'] }],
  ['torch.nn.functional.binary_cross_entropy_with_logits', { newName: 'binary_cross_entropy', unsupported: ['pos_weight'] }],
]);

/**
 * Fixes for a value whose activation is inside a model or function of the file: remove it there
 * (safe when nothing else in the file reads that output, otherwise unsafe and said so), or switch
 * the loss to the form that takes the value as it is (NLLLoss on log_softmax, NLLLoss on torch.log of
 * softmax, BCELoss on a sigmoid), which changes nothing else. The switch also serves a value held
 * away from its producer (an attribute, a parameter, a loop's rows), where no edit at the producer
 * is the loss's alone.
 */
function modelFixes(cx: LintContext, call: LossCall, val: Val, arg: Argument, invocation: number, constructionOpen: number, scope: number, fixes: LintFix[]): void {
  if (!(val.via === 'model' && val.origin) && !val.holder) return;
  const t = cx.tokens;
  const owner = val.origin?.owner ?? '';
  const nll = call.api === 'torch.nn.NLLLoss' || call.api === 'torch.nn.functional.nll_loss';
  // For NLL the model should give log_softmax; for the others, its logits.
  // An exp of log_softmax: removing the exp leaves the log-probabilities, which NLL takes as they are too.
  const removal = nll && !val.exp ? logSoftmaxAtOrigin(t, val) : removalAtOrigin(t, cx.module, val);
  const only = removal !== undefined && outputOnlyHere(t, cx.module, val, arg.valueFrom, arg.to, scope);
  const removeTitle = val.exp
    ? (only ? msg('Remove the exp from `{0}` (nothing else in the file reads its output)', owner) : msg('Remove the exp from `{0}` (other code reading its output gets log-probabilities too)', owner))
    : nll
    ? (only ? msg('Use log_softmax in `{0}` (nothing else in the file reads its output)', owner) : msg('Use log_softmax in `{0}` (other code reading its output gets log-probabilities too)', owner))
    : (only ? msg('Remove the {0} from `{1}` (nothing else in the file reads its output)', val.nature, owner) : msg('Remove the {0} from `{1}` (other code reading its output gets logits too)', val.nature, owner));
  if (removal && only) pushFix(fixes, removeTitle, [removal], true);
  const argText = rangeText(t, arg.valueFrom, arg.to);
  const torchName = [...cx.module.imports].find(([, full]) => full === 'torch')?.[0];
  const wrapped = torchName ? `${torchName}.log(${argText})` : undefined;
  const argEdit = wrapped ? { start: t.start[arg.valueFrom]!, end: t.end[arg.to - 1]!, newText: wrapped } : undefined;
  const form = PROBABILITY_FORMS.get(call.api);
  // The form that takes the value as it is exists only for the loss's own activation: NLL on
  // log_softmax, BCELoss on a sigmoid (a sigmoid into CrossEntropyLoss has none).
  const softmaxLoss = form?.newName === 'NLLLoss' || form?.newName === 'nll_loss';
  if (form && (val.nature === 'log_softmax' ? softmaxLoss : val.nature === 'sigmoid' && !softmaxLoss)) {
    const rename = renameLoss(cx, call, invocation, constructionOpen, form.newName, form.unsupported);
    if (rename) pushFix(fixes, msg('Use {0}, which takes the {1} output as it is', rename.newName, val.nature), [rename.edit], true);
  } else if (form && val.nature === 'softmax' && argEdit) {
    const rename = renameLoss(cx, call, invocation, constructionOpen, form.newName, form.unsupported);
    const log = rename ? undefined : logOfProbabilities(cx, call, val, arg);
    if (rename) pushFix(fixes, msg('Use {0} on {1}', rename.newName, wrapped), [rename.edit, argEdit], true);
    else if (log) pushFix(fixes, log.title, [log.edit], true);
  } else if (nll && val.nature === 'softmax' && argEdit) {
    pushFix(fixes, msg('Take the log of the probabilities: {0}', wrapped), [argEdit], true);
  }
  if (removal && !only) pushRemoval(fixes, removeTitle, [removal], val, outputReadElsewhere(t, cx.module, val, arg.valueFrom, arg.to, scope));
}

/** The '(' of the construction of the instance `call` invokes, when it is built on a line of this file. */
function constructionOpenOf(cx: LintContext, call: LossCall): number {
  const built = call.builtAt?.line;
  if (!built || built.kind !== 'resolved' || built.inContext || call.builtAt!.how !== 'instance') return -1;
  const construction = constructionOnLine(cx, built.line, call.api);
  return construction ? cx.tokens.match[tokenAtOffset(cx.tokens, construction.end) - 1]! : -1;
}

/** The '(' of the Keras loss's construction: the call itself, or where the instance was built in this file. */
function kerasConstructionOpen(cx: LintContext, call: LossCall, constructionOpen: number, invocation: number): number {
  const t = cx.tokens;
  if (constructionOpen >= 0) return constructionOpen;
  if (!isLossClass(call.api)) return invocation;
  const built = call.builtAt?.line;
  if (!built || built.kind !== 'resolved' || built.inContext) return -1;
  const construction = constructionOnLine(cx, built.line, call.api);
  return construction ? t.match[tokenAtOffset(t, construction.end) - 1]! : -1;
}

function checkKerasAlpha(cx: LintContext, call: LossCall, open: number, out: LintFinding[]): void {
  if (call.api !== 'keras.losses.BinaryFocalCrossentropy' && call.api !== 'keras.losses.binary_focal_crossentropy') return;
  const t = cx.tokens;
  const args = argumentsOf(t, open);
  const alpha = args.find((a) => a.keyword === 'alpha');
  if (!alpha) return;
  const balancing = args.find((a) => a.keyword === 'apply_class_balancing');
  if (balancing && (rangeText(t, balancing.valueFrom, balancing.to) !== 'False')) return;
  const range = { start: t.start[alpha.from]!, end: t.end[alpha.to - 1]! };
  const edit: LintEdit = balancing
    ? { start: t.start[balancing.valueFrom]!, end: t.end[balancing.to - 1]!, newText: 'True' }
    : { start: range.start, end: range.start, newText: 'apply_class_balancing=True, ' };
  const message = msg('Keras {0} ignores alpha unless apply_class_balancing=True: {1} changes nothing here', shortName(call.api), rangeText(t, alpha.from, alpha.to));
  out.push({ rule: 'keras-alpha-ignored', ...range, message, fixes: [{ title: msg('Add apply_class_balancing=True'), edits: [edit], preferred: true, safety: 'safe' }] });
}

/** gamma in (0, 1), as the finding says it: the value as written, then why and what to use. */
const gammaMessage = (written: string) => msg('gamma = {0}: below 1 the focal term (1 - p_t)^gamma has an unbounded gradient as p_t -> 1: NaN or inf gradients with saturated logits; use gamma = 0 (cross-entropy) or >= 1', written);

function checkGamma(cx: LintContext, call: LossCall, open: number, out: LintFinding[]): void {
  if (call.kind !== 'focal' && call.kind !== 'focal-star') return;
  const gamma = call.gamma.value;
  if (gamma === undefined || !(gamma > 0 && gamma < 1)) return;
  const t = cx.tokens;
  const param = call.gammaParam ?? 'gamma';
  let at = -1;
  if (call.gamma.origin.kind === 'explicit') {
    const args = argumentsOf(t, open);
    const entry = CATALOG.find((e) => e.api === call.api);
    const position = entry ? entry.params.findIndex((p) => p.name === param) : -1;
    const arg = argumentAt(args, position < 0 ? 99 : position, [param]);
    if (arg && arg.to === arg.valueFrom + 1) at = arg.valueFrom;
    else if (arg && arg.to === arg.valueFrom + 2 && isOp(t, arg.valueFrom, '+')) at = arg.valueFrom + 1;
  } else if (call.gamma.origin.kind === 'resolved' && !call.gamma.origin.inContext && !call.gamma.origin.file && (!call.gamma.origin.via || call.gamma.origin.via === 'uncalledDefault')) {
    // (A test's parametrize row is a deliberate case of the test, not a setting to warn about; a
    // default no call here overrides is still the value written there.)
    at = numberOnLine(cx, call.gamma.origin.line, gamma, param);
  }
  if (at < 0 || t.start[at]! < cx.base) return;
  out.push({ rule: 'focal-gamma-below-one', start: t.start[at]!, end: t.end[at]!, message: gammaMessage(text(t, at)), fixes: [] });
}

/** The number token with `value` on 0-based line `line` (preferring one written after `param =`). */
function numberOnLine(cx: LintContext, line: number, value: number, param: string): number {
  const t = cx.tokens;
  const start = cx.lines[line];
  if (start === undefined) return -1;
  const end = cx.lines[line + 1] ?? t.text.length;
  let found: number[] = [];
  for (let k = tokenAtOffset(t, start); k < t.count && t.start[k]! < end; k++) {
    if (t.kind[k] === NUMBER && Number(text(t, k).replace(/_/g, '')) === value) found.push(k);
  }
  if (found.length > 1) found = found.filter((k) => isOp(t, k - 1, '=') && isName(t, k - 2, param));
  return found.length === 1 ? found[0]! : -1;
}

/** `losses.focal(gamma=0.5)` of a library the catalog does not know (keras-retinanet): a literal gamma in (0, 1). */
function checkUnrecognisedFocal(cx: LintContext, out: LintFinding[]): void {
  const t = cx.tokens;
  let known: Set<number> | undefined;
  const pattern = /focal\w*\s*\(/gi;
  pattern.lastIndex = cx.base;
  for (let m = pattern.exec(t.text); m; m = pattern.exec(t.text)) {
    // The name token the match ends in (a name containing "focal" right before its '(').
    const open = tokenAtOffset(t, m.index + m[0].length - 1);
    const k = open - 1;
    if (!isOp(t, open, '(') || t.kind[k] !== NAME || t.end[k]! <= m.index || t.start[open]! !== m.index + m[0].length - 1) continue;
    known ??= new Set(cx.calls.map((c) => c.nameEnd));
    if (known.has(t.end[k]!)) continue;
    if (isName(t, k - 1, 'def') || isName(t, k - 1, 'class')) continue;
    let head = k;
    while (isOp(t, head - 1, '.') && t.kind[head - 2] === NAME) head -= 2;
    if (head === k || !cx.module.imports.has(text(t, head))) continue;
    const gamma = argumentsOf(t, k + 1).find((a) => a.keyword === 'gamma');
    if (!gamma || gamma.to !== gamma.valueFrom + 1 || t.kind[gamma.valueFrom] !== NUMBER) continue;
    const value = Number(text(t, gamma.valueFrom));
    if (!(value > 0 && value < 1)) continue;
    out.push({ rule: 'focal-gamma-below-one', start: t.start[gamma.valueFrom]!, end: t.end[gamma.valueFrom]!, message: gammaMessage(text(t, gamma.valueFrom)), fixes: [] });
  }
}

/** Keras `model.compile(loss=...)`: the loss against the model's last layer, when the model is built in the file. */
function checkCompile(cx: LintContext, out: LintFinding[]): void {
  const t = cx.tokens;
  for (const k of attributeTokens(t, 'compile')) {
    if (t.start[k]! < cx.base || !isOp(t, k - 1, '.') || !isOp(t, k + 1, '(')) continue;
    let from = k - 2;
    if (t.kind[from] !== NAME) continue;
    if (isOp(t, from - 1, '.') && isName(t, from - 2, 'self')) from -= 2;
    else if (isOp(t, from - 1, '.')) continue;
    const loss = argumentsOf(t, k + 1).find((a) => a.keyword === 'loss');
    if (!loss) continue;
    const scope = cx.module.headScope[headOfToken(t, k)]!;
    const modelOutput = single(cx.flow.modelOutput(from, k - 1, scope, t.start[from]!));
    if (!modelOutput) continue;
    // The message says where the model ends itself (a model of another file: in which file).
    const output: Val = modelOutput.origin?.home ? modelOutput : { ...modelOutput, origin: undefined };
    const range = { start: t.start[loss.valueFrom]!, end: t.end[loss.to - 1]! };
    let family: 'keras-softmax' | 'keras-sigmoid';
    let lossCall: LossCall | undefined;
    let open = -1;
    let stringClass: string | undefined;
    // A Keras loss function given as it is (`loss=keras.losses.categorical_crossentropy`): recognition's call names it.
    const compiledFunction = t.kind[loss.valueFrom] === NAME ? compiledFunctionAt(cx, range) : undefined;
    if (loss.to === loss.valueFrom + 1 && t.kind[loss.valueFrom] === STRING) {
      const known = KERAS_LOSS_STRINGS.get(stringContent(t, loss.valueFrom) ?? '');
      if (!known) continue;
      family = known.family;
      stringClass = known.className;
    } else if (compiledFunction) {
      const known = KERAS_LOSS_STRINGS.get(shortName(compiledFunction.api));
      if (!known) continue;
      family = known.family;
      stringClass = known.className;
    } else {
      let start = range.start;
      if (loss.to === loss.valueFrom + 1 && t.kind[loss.valueFrom] === NAME) {
        const assigned = cx.flow.assignmentOf(text(t, loss.valueFrom), scope, range.start);
        if (!assigned) continue;
        start = t.start[assigned.from]!;
      }
      lossCall = constructionAt(cx, start);
      const spec = lossCall ? lossSpec(lossCall.api) : undefined;
      if (!lossCall || !spec || (spec.family !== 'keras-softmax' && spec.family !== 'keras-sigmoid')) continue;
      family = spec.family;
      open = t.match[tokenAtOffset(t, lossCall.end) - 1]!;
    }
    const wants = effectiveFamily(family, lossCall);
    const written = t.text.slice(range.start, range.end);
    // A name holding the string or the function (`cce = 'categorical_crossentropy'`) is named with what it holds.
    const held = compiledFunction && loss.to === loss.valueFrom + 1 ? cx.flow.assignmentOf(written, scope, range.start) : undefined;
    const name = lossCall ? `${shortName(lossCall.api)}(from_logits=${lossCall.inputs.value === 'logits' ? 'True' : 'False'})` : held ? `${written} (${rangeText(t, held.from, held.to)})` : compiledFunction ? written : `'${stringContent(t, loss.valueFrom)}'`;
    if (family === 'keras-softmax' && checkOneOutput(cx, name, (stringClass ?? lossCall?.api ?? '').includes('Sparse'), output, range, out)) continue;
    const flip = (value: string) => (open >= 0 ? setKeyword(t, open, 'from_logits', value) : undefined);
    if (family === 'keras-sigmoid' && checkSoftmaxIntoBce(cx, { name, probabilities: wants === 'keras-probabilities', stringToken: stringClass && !compiledFunction ? loss.valueFrom : undefined }, output, range, out)) continue;
    if ((wants === 'softmax-logits' && output.nature === 'softmax') || (wants === 'sigmoid-logits' && output.nature === 'sigmoid')) {
      const act = output.nature;
      const fixes: LintFix[] = [];
      pushFix(fixes, msg('Use from_logits=False (the model outputs probabilities)'), [flip('False')], true);
      out.push(finding(cx, act === 'softmax' ? 'double-softmax' : 'double-sigmoid', range, msg('{0} applies a {1} itself, but the model ends in {2}: its probabilities are read as logits (Keras warns about this; what it computes then depends on the backend)', name, act, output.producerText), output, act === 'softmax' ? msg('softmax layer here') : msg('sigmoid layer here'), fixes));
    } else if (family === 'keras-softmax' && output.nature === 'sigmoid') {
      checkSigmoidIntoSoftmax(cx, name, wants === 'softmax-logits', true, output, range, out);
    } else if (wants === 'keras-probabilities' && output.nature === 'logits') {
      const fixes: LintFix[] = [];
      // A function named through its module (`keras.losses.binary_crossentropy`) has its class beside it there.
      const prefix = compiledFunction && written.includes('.') ? written.slice(0, written.lastIndexOf('.')) : kerasLossesPrefix(cx.module);
      if (stringClass) pushFix(fixes, msg('Use from_logits=True'), [prefix ? { ...range, newText: `${prefix}.${stringClass}(from_logits=True)` } : undefined], true);
      else pushFix(fixes, msg('Use from_logits=True'), [flip('True')], true);
      out.push(finding(cx, 'logits-into-probability-loss', range, msg("{0} expects probabilities, but the model's last layer {1} has no activation: its raw logits are read as probabilities", name, output.producerText), output, msg('last layer here'), fixes));
    }
  }
}

/**
 * categorical-on-one-output: a categorical loss compiled on a model whose last layer has one unit. The
 * loss normalises over the classes (softmax of logits, or probabilities divided by their sum), which
 * over one output is 1: categorical cross-entropy is then 0 whatever the model predicts; the sparse
 * form has one class, so any label but 0 is out of range.
 */
function checkOneOutput(cx: LintContext, name: string, sparse: boolean, output: Val, range: { start: number; end: number }, out: LintFinding[]): boolean {
  if (outputUnits(cx, output) !== 1) return false;
  const t = cx.tokens;
  const layer = t.text.slice(output.producerStart, output.producerEnd).replace(/\s+/g, ' ');
  const message = sparse
    ? msg('{0} on a model whose last layer {1} has one output: there is one class, so any label but 0 is out of range (an error, or NaN on a GPU) and label 0 gives a loss of 0 (a yes/no output of one unit takes binary_crossentropy; n classes take n units)', name, layer)
    : msg('{0} on a model whose last layer {1} has one output: the categorical loss normalises over the outputs, and one output normalised is always 1, so the loss is 0 whatever the model predicts and nothing is learned (a yes/no output of one unit takes binary_crossentropy; n classes take n units)', name, layer);
  out.push({ rule: 'categorical-on-one-output', ...range, message, fixes: [], related: { start: output.producerStart, end: output.producerEnd, message: msg('the one output'), inContext: output.producerStart < cx.base } });
  return true;
}

/** The Keras loss function compile() is given as it is over `range` (kerasCompileLoss.ts in recognition names exactly it). */
function compiledFunctionAt(cx: LintContext, range: { start: number; end: number }): LossCall | undefined {
  return callMaps(cx).byNameStart.get(range.start)?.find((c) => c.nameEnd === range.end && !c.builtAt && c.library === 'keras' && !isLossClass(c.api));
}

function constructionAt(cx: LintContext, start: number): LossCall | undefined {
  return callMaps(cx).byStart.get(start);
}

function constructionOnLine(cx: LintContext, line: number, api: string): LossCall | undefined {
  return callMaps(cx).byLine.get(line)?.find((c) => c.api === api);
}

function usesOf(cx: LintContext, line: number, callee: string): number {
  return callMaps(cx).uses.get(`${line}:${callee}`) ?? 0;
}

function single(result: Result): Val | undefined {
  return result && !('tuple' in result) ? result : undefined;
}

/** Adds a fix when all its edits are certain; the first safe fix of a finding is its preferred one. */
function pushFix(fixes: LintFix[], title: string, edits: readonly (LintEdit | undefined)[], safe: boolean): void {
  if (edits.length === 0 || edits.some((e) => e === undefined)) return;
  const preferred = safe && !fixes.some((f) => f.preferred);
  fixes.push({ title, edits: edits as LintEdit[], preferred, safety: safe ? 'safe' : 'unsafe' });
}

function finding(cx: LintContext, rule: LintFinding['rule'], range: { start: number; end: number }, message: string, val: Val, relatedMessage: string, fixes: LintFix[], severity?: LintFinding['severity']): LintFinding {
  const where = wherePhrase(cx.tokens, cx.lines, cx.base, val);
  const home = val.origin?.home;
  const elsewhere = home && { file: home.file, ...(home.uri !== undefined ? { uri: home.uri } : {}), start: home.start, end: home.end };
  return {
    rule, ...range, message: where ? msg('{0}: {1}', where, message) : message, severity, fixes,
    related: { start: val.producerStart, end: val.producerEnd, message: where ?? relatedMessage, inContext: val.producerStart < cx.base, ...(elsewhere ? { elsewhere } : {}) },
  };
}
