/*
 * The messages between the extension host and the Loss Explorer webview: the only module both
 * sides import. Types plus small validators, because a message is untrusted data until checked
 * (the webview's messages on the host, and the host's on the webview after a reload mix-up).
 * Imports types only from core, so it stays free of code either side does not need.
 */
import type { LossKind } from './core/params';
import type { SoftmaxKind } from './core/softmaxParams';

/** A loss call found in the editor, as the panel shows it. */
export interface ExplorerCall {
  /** What the panel names it, e.g. 'torchvision.ops.sigmoid_focal_loss (line 12)'. */
  readonly label: string;
  readonly api: string;
  readonly kind: LossKind;
  /** alpha in [0, 1], or null for no alpha weighting. */
  readonly alpha: number | null;
  readonly gamma: number;
  readonly beta?: number;
}

/** One prediction to plot: a probability p or a logit, and its target y. */
export interface ExplorerPoint {
  readonly p?: number;
  readonly logit?: number;
  readonly y: number;
}

/** The most classes the multi-class view shows (and the host may post). */
export const MAX_CLASSES = 1000;
/** The most multi-class rows one `multiclassPoints` message may carry. */
export const MAX_CLASS_POINTS = 1000;

/**
 * How a call's alpha weights the classes: one alpha per class, or one alpha that the panel spreads
 * over however many classes it shows, as kornia ('foreground': [1 - alpha, alpha, ..., alpha]) or
 * Keras ('every': alpha for every class) do.
 */
export type ClassAlpha =
  | { readonly perClass: readonly number[] }
  | { readonly value: number; readonly appliesTo: 'foreground' | 'every' };

/**
 * A softmax (multi-class) loss call found in the editor: nn.CrossEntropyLoss(weight=,
 * label_smoothing=), kornia's focal_loss, Keras's CategoricalFocalCrossentropy. The class weights
 * and alpha multiply: w_c = weight_c alpha_c, as the core's SoftmaxLossParams.classWeights.
 */
export interface ExplorerMulticlassCall {
  readonly label: string;
  readonly api: string;
  readonly kind: SoftmaxKind;
  /** The number of classes when the file says it (2 to MAX_CLASSES); otherwise the panel keeps its own. */
  readonly classes?: number;
  readonly gamma: number;
  /** PyTorch's weight=, one number >= 0 per class, or null for none. */
  readonly classWeights: readonly number[] | null;
  readonly alpha: ClassAlpha | null;
  /** Label smoothing e in [0, 1]. */
  readonly labelSmoothing: number;
}

/** One multi-class sample to plot: its C logits and its target class index. */
export interface ExplorerClassPoint {
  readonly logits: readonly number[];
  readonly target: number;
}

export type LogBaseName = 'e' | '2' | '10';

/** The panel's folding sections: the binary view's four, then the multi-class view's three. */
export type ExplorerSection = 'curves' | 'values' | 'imbalance' | 'examples' | 'mc-sample' | 'mc-classes' | 'mc-curve';
export const EXPLORER_SECTIONS: readonly ExplorerSection[] = ['curves', 'values', 'imbalance', 'examples', 'mc-sample', 'mc-classes', 'mc-curve'];

/**
 * A state to open the panel in (a walkthrough step's command link): the page switches to the view
 * that has `section`, unfolds it, scrolls it into view and sets the parameters given; a parameter
 * left out keeps its value.
 */
export interface ExplorerFocus {
  readonly section: ExplorerSection;
  /** alpha in [0, 1], or null to turn alpha weighting off. */
  readonly alpha?: number | null;
  /** gamma >= 0. */
  readonly gamma?: number;
  /** The paper's Figure 1 preset (FL without alpha at gamma 0, 0.5, 1, 2, 5) on or off. */
  readonly figure1?: boolean;
  /** Where the curves' readout reads: p_t in [0, 0.999]. */
  readonly readPt?: number;
  /** The imbalance view's counts: 100 : 100,000, or the paper's 100,000 : 10,000,000. */
  readonly imbalanceScale?: 'default' | 'paper';
}

/** The largest p_t the curves' readout reads at (its slider's end). */
export const MAX_READ_PT = 0.999;

export interface ExplorerSettings {
  readonly logBase: LogBaseName;
  readonly precision: number;
  readonly defaultAlpha: number | null;
  readonly defaultGamma: number;
}

/** Host -> webview. */
export type HostMessage =
  | { readonly type: 'call'; readonly call: ExplorerCall }
  | { readonly type: 'points'; readonly points: readonly ExplorerPoint[]; readonly source: string }
  /** Shows a softmax call in the multi-class view (and switches to it). */
  | { readonly type: 'multiclassCall'; readonly call: ExplorerMulticlassCall }
  /** Rows of logits with class indices, shown in the multi-class view (which it switches to). */
  | { readonly type: 'multiclassPoints'; readonly points: readonly ExplorerClassPoint[]; readonly source: string }
  | { readonly type: 'settings'; readonly settings: ExplorerSettings }
  /** Opens a section in a given state (see ExplorerFocus). */
  | { readonly type: 'focus'; readonly focus: ExplorerFocus }
  | { readonly type: 'exported'; readonly what: string; readonly ok: boolean; readonly detail: string }
  /** Asks the page for its values table, as the export buttons would (the "Copy Values as Markdown Table" command). */
  | { readonly type: 'export'; readonly format: ExportFormat; readonly action: 'copy' | 'save' };

export type ExportFormat = 'csv' | 'markdown';

/** Webview -> host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  /** Whether the panel follows the editor; the host checks it before posting a call. */
  | { readonly type: 'follow'; readonly follow: boolean }
  | { readonly type: 'copyText'; readonly format: ExportFormat; readonly text: string }
  | { readonly type: 'saveText'; readonly format: ExportFormat; readonly text: string }
  | { readonly type: 'savePng'; readonly dataUrl: string }
  /** The answer to the host's `export` when the table is empty, so the host never waits for nothing. */
  | { readonly type: 'nothingToExport'; readonly format: ExportFormat }
  /** The header's settings link: the host opens the Settings editor at Loss Lens's settings. */
  | { readonly type: 'openSettings' };

const LOSS_KIND_NAMES: readonly string[] = ['ce', 'balanced', 'focal', 'focal-star'];
const LOG_BASE_NAMES: readonly string[] = ['e', '2', '10'];

/** Longest text the host accepts from the webview for an export (a table of a few hundred rows fits). */
export const MAX_EXPORT_TEXT = 1_000_000;
/** Longest PNG data URL accepted (a 4k chart is a few MB). */
export const MAX_PNG_DATA_URL = 20_000_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** alpha in [0, 1], or null for no alpha weighting. */
export function isAlpha(value: unknown): value is number | null {
  return value === null || (isFiniteNumber(value) && value >= 0 && value <= 1);
}

export function isLogBaseName(value: unknown): value is LogBaseName {
  return typeof value === 'string' && LOG_BASE_NAMES.includes(value);
}

/** The base as a number for the core's `base` parameter. */
export function logBaseValue(name: LogBaseName): number {
  return name === 'e' ? Math.E : Number(name);
}

export function isExplorerCall(value: unknown): value is ExplorerCall {
  if (!isRecord(value)) return false;
  return (
    typeof value.label === 'string' &&
    typeof value.api === 'string' &&
    typeof value.kind === 'string' &&
    LOSS_KIND_NAMES.includes(value.kind) &&
    isAlpha(value.alpha) &&
    isFiniteNumber(value.gamma) &&
    value.gamma >= 0 &&
    (value.beta === undefined || isFiniteNumber(value.beta))
  );
}

/** Shape only: the values themselves are checked by the core when computed, so errors read the same everywhere. */
export function isExplorerPoint(value: unknown): value is ExplorerPoint {
  if (!isRecord(value) || typeof value.y !== 'number') return false;
  const hasP = typeof value.p === 'number';
  const hasLogit = typeof value.logit === 'number';
  return hasP !== hasLogit && (value.p === undefined || hasP) && (value.logit === undefined || hasLogit);
}

function isNumberList(value: unknown, ok: (n: number) => boolean): value is readonly number[] {
  return Array.isArray(value) && value.length >= 2 && value.length <= MAX_CLASSES && value.every((n) => typeof n === 'number' && ok(n));
}

function isClassCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 2 && value <= MAX_CLASSES;
}

export function isClassAlpha(value: unknown): value is ClassAlpha {
  if (!isRecord(value)) return false;
  if ('perClass' in value) return isNumberList(value.perClass, (a) => a >= 0 && a <= 1);
  return isFiniteNumber(value.value) && value.value >= 0 && value.value <= 1 && (value.appliesTo === 'foreground' || value.appliesTo === 'every');
}

/** Shape and ranges; class weights and a per-class alpha must have as many entries as each other and as `classes`. */
export function isExplorerMulticlassCall(value: unknown): value is ExplorerMulticlassCall {
  if (!isRecord(value)) return false;
  if (
    !(
      typeof value.label === 'string' &&
      typeof value.api === 'string' &&
      (value.kind === 'ce' || value.kind === 'focal') &&
      (value.classes === undefined || isClassCount(value.classes)) &&
      isFiniteNumber(value.gamma) &&
      value.gamma >= 0 &&
      isFiniteNumber(value.labelSmoothing) &&
      value.labelSmoothing >= 0 &&
      value.labelSmoothing <= 1 &&
      (value.classWeights === null || isNumberList(value.classWeights, (w) => Number.isFinite(w) && w >= 0)) &&
      (value.alpha === null || isClassAlpha(value.alpha))
    )
  ) {
    return false;
  }
  const lengths = [value.classes, (value.classWeights as readonly number[] | null)?.length, (value.alpha as { perClass?: readonly number[] } | null)?.perClass?.length];
  const known = lengths.filter((n): n is number => n !== undefined);
  return known.every((n) => n === known[0]);
}

/** Logits are numbers (infinities allowed, NaN not); the target a class index of the row. */
export function isExplorerClassPoint(value: unknown): value is ExplorerClassPoint {
  if (!isRecord(value) || !isNumberList(value.logits, (x) => !Number.isNaN(x))) return false;
  const target = value.target;
  return typeof target === 'number' && Number.isInteger(target) && target >= 0 && target < value.logits.length;
}

/** Rows of one width, at most MAX_CLASS_POINTS of them. */
export function isExplorerClassPoints(value: unknown): value is readonly ExplorerClassPoint[] {
  if (!Array.isArray(value) || value.length > MAX_CLASS_POINTS || !value.every(isExplorerClassPoint)) return false;
  return value.every((point: ExplorerClassPoint) => point.logits.length === (value[0] as ExplorerClassPoint).logits.length);
}

export function isExplorerSettings(value: unknown): value is ExplorerSettings {
  if (!isRecord(value)) return false;
  return (
    isLogBaseName(value.logBase) &&
    isFiniteNumber(value.precision) &&
    Number.isInteger(value.precision) &&
    value.precision >= 1 &&
    value.precision <= 17 &&
    isAlpha(value.defaultAlpha) &&
    isFiniteNumber(value.defaultGamma) &&
    value.defaultGamma >= 0
  );
}

const FOCUS_KEYS: readonly string[] = ['section', 'alpha', 'gamma', 'figure1', 'readPt', 'imbalanceScale'];

export function isExplorerSection(value: unknown): value is ExplorerSection {
  return typeof value === 'string' && (EXPLORER_SECTIONS as readonly string[]).includes(value);
}

/**
 * A known section and parameters in range; a key it does not know is refused, so a misspelt
 * parameter in a command link fails its test instead of being ignored.
 */
export function isExplorerFocus(value: unknown): value is ExplorerFocus {
  if (!isRecord(value) || !Object.keys(value).every((key) => FOCUS_KEYS.includes(key))) return false;
  return (
    isExplorerSection(value.section) &&
    (value.alpha === undefined || isAlpha(value.alpha)) &&
    (value.gamma === undefined || (isFiniteNumber(value.gamma) && value.gamma >= 0)) &&
    (value.figure1 === undefined || typeof value.figure1 === 'boolean') &&
    (value.readPt === undefined || (isFiniteNumber(value.readPt) && value.readPt >= 0 && value.readPt <= MAX_READ_PT)) &&
    (value.imbalanceScale === undefined || value.imbalanceScale === 'default' || value.imbalanceScale === 'paper')
  );
}

export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'call':
      return isExplorerCall(value.call);
    case 'points':
      return Array.isArray(value.points) && value.points.every(isExplorerPoint) && typeof value.source === 'string';
    case 'multiclassCall':
      return isExplorerMulticlassCall(value.call);
    case 'multiclassPoints':
      return isExplorerClassPoints(value.points) && typeof value.source === 'string';
    case 'settings':
      return isExplorerSettings(value.settings);
    case 'focus':
      return isExplorerFocus(value.focus);
    case 'exported':
      return typeof value.what === 'string' && typeof value.ok === 'boolean' && typeof value.detail === 'string';
    case 'export':
      return isExportFormat(value.format) && (value.action === 'copy' || value.action === 'save');
    default:
      return false;
  }
}

function isExportFormat(value: unknown): value is ExportFormat {
  return value === 'csv' || value === 'markdown';
}

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'openSettings':
      return true;
    case 'follow':
      return typeof value.follow === 'boolean';
    case 'copyText':
    case 'saveText':
      return isExportFormat(value.format) && typeof value.text === 'string' && value.text.length <= MAX_EXPORT_TEXT;
    case 'nothingToExport':
      return isExportFormat(value.format);
    case 'savePng':
      return (
        typeof value.dataUrl === 'string' &&
        value.dataUrl.length <= MAX_PNG_DATA_URL &&
        value.dataUrl.startsWith('data:image/png;base64,')
      );
    default:
      return false;
  }
}

/*
 * The webview's strings. The page never calls VS Code's l10n: the host builds one table
 * (src/extension/webviewStrings.ts, a vscode.l10n.t per string) and hands it to the page as JSON in
 * the app root's data-strings attribute, so it is there before the first element is built and the
 * CSP stays as strict as before. Below, every key with its English text: what the page shows when
 * a key is absent (no host, as in the browser tests, or a table from an older build). Templates
 * hold {0}, {1}, ... that the page fills in (core formatMessage).
 */
const ENGLISH_STRINGS = {
  'explorer.title': 'Loss Explorer',
  'explorer.follow': 'Follow the editor (uncheck to lock this view)',
  'explorer.showing': 'Showing {0}',
  'explorer.notFollowing': 'Not following a call: set the parameters below, or put the cursor on a loss call.',
  'explorer.binaryRegion': 'Binary losses',
  'explorer.multiclassRegion': 'Multi-class losses',
  'explorer.settings': 'Settings',
  'explorer.settingsTitle': 'Open the Loss Lens settings (default alpha and gamma, log base, precision)',
  'controls.alphaRange': 'alpha must be in [0, 1] (got {0}); for no alpha weighting, untick "{1}".',
  'section.curves': 'Loss and gradient curves',
  'section.values': 'Your values',
  'section.imbalance': 'Class imbalance',
  'section.examples': 'Worked examples from a Korean explanation of the paper',
  'section.mcSample': 'Sample of C classes',
  'section.mcClasses': 'Probabilities, contributions and gradients',
  'section.mcCurve': 'CE and FL against p_t of the true class',
  'mode.legend': 'View',
  'mode.binary': 'Binary (sigmoid per prediction)',
  'mode.multiclass': 'Multi-class (softmax over C classes)',
  'controls.shared': 'Parameters of both views',
  'controls.binary': 'Binary loss parameters',
  'controls.alpha': 'alpha (weight of positives)',
  'controls.alphaOn': 'alpha weighting on',
  'controls.gamma': 'gamma (focusing)',
  'controls.beta': 'beta (FL* only)',
  'controls.curves': 'Curves',
  'controls.figure1': 'Figure 1 preset (FL at gamma 0, 0.5, 1, 2, 5)',
  'controls.curvesFor': 'Curves for',
  'controls.positives': 'positives (y = 1)',
  'controls.negatives': 'negatives (y = 0)',
  'controls.yAxis': 'y axis',
  'controls.linear': 'linear',
  'controls.logarithmic': 'logarithmic',
  'controls.logBase': 'log base',
  'controls.nats': 'e (nats)',
  'controls.bits': '2 (bits)',
  'controls.slider': '{0} slider',
  'readout.focalAlpha': 'FL (alpha {0}, gamma {1})',
  'readout.focalNoAlpha': 'FL (no alpha, gamma {0})',
  'readout.equalsPositive': 'at p_t = {0} (a positive), {1} equals CE',
  'readout.equalsNegative': 'at p_t = {0} (a negative), {1} equals CE',
  'readout.zeroPositive': 'at p_t = {0} (a positive), {1} is 0: alpha_t = {2} weights positives out',
  'readout.zeroNegative': 'at p_t = {0} (a negative), {1} is 0: alpha_t = {2} weights negatives out',
  'readout.lowerPositive': 'at p_t = {0} (a positive), {1} is {2} lower than CE',
  'readout.lowerNegative': 'at p_t = {0} (a negative), {1} is {2} lower than CE',
  'readout.detailPositive': 'for a positive: CE {0} · balanced CE {1} · FL {2}{3} ({4}, (1 - p_t)^gamma {5})',
  'readout.detailNegative': 'for a negative: CE {0} · balanced CE {1} · FL {2}{3} ({4}, (1 - p_t)^gamma {5})',
  'readout.alphaOff': 'alpha off',
  'curves.lossTitle': 'Loss against p_t',
  'curves.gradTitle': 'Gradient against the logit',
  'curves.lossAria': 'Loss against p_t',
  'curves.gradAria': 'Gradient of the loss against the logit',
  'curves.gradPng': 'Gradient of the loss against the logit (d loss / d x)',
  'curves.readAria': 'Read the curves at p_t',
  'curves.readAt': 'Read at p_t',
  'curves.ptAxis': 'p_t (probability of the true class)',
  'curves.lossAxis': 'loss',
  'curves.logitAxis': 'logit x',
  'curves.gamma0': 'gamma 0 (CE)',
  'curves.gamma': 'gamma {0}',
  'curves.figure1Note': "The paper's Figure 1: FL without alpha at gamma 0, 0.5, 1, 2 and 5.",
  'curves.noStarAtGamma0': 'FL* divides by gamma, so it is not drawn at gamma 0.',
  'curves.notePositives': 'Curves for positives (y = 1, alpha_t = alpha); losses in base {0}.',
  'curves.noteNegatives': 'Curves for negatives (y = 0, alpha_t = 1 - alpha); losses in base {0}.',
  'curves.yourFL': 'your values: FL',
  'curves.yourCE': 'your values: CE',
  'curves.yourGrad': 'your values: dFL/dx',
  'curves.gradPoint': 'logit {0}: dFL/dx {1}',
  'curves.parameters': 'Curves for {0}; {1}; log base {2}; y axis {3}.',
  'curves.forPositives': 'positives (y = 1, alpha_t = alpha)',
  'curves.forNegatives': 'negatives (y = 0, alpha_t = 1 - alpha)',
  'curves.figure1Parameters': "the paper's Figure 1: FL without alpha at gamma 0, 0.5, 1, 2, 5",
  'curves.parametersAlpha': 'alpha {0}, gamma {1}, beta {2} (FL*)',
  'curves.parametersNoAlpha': 'no alpha, gamma {0}, beta {1} (FL*)',
  'curves.yLinear': 'linear',
  'curves.yLog': 'log',
  'values.formAria': 'Add a prediction',
  'values.prediction': 'Prediction',
  'values.as': 'as',
  'values.probability': 'probability p',
  'values.logit': 'logit',
  'values.target': 'target y',
  'values.add': 'Add',
  'values.clear': 'Clear',
  'values.caption': 'Your values with every quantity of the paper',
  'values.none': 'No values yet: type one above, or select numbers in the editor.',
  'values.from': 'From: {0}',
  'values.typed': 'typed values',
  'values.andTyped': '{0} and typed values',
  'export.heading': 'Export',
  'export.copyCsv': 'Copy values as CSV',
  'export.copyMarkdown': 'Copy values as Markdown',
  'export.saveCsv': 'Save values as CSV...',
  'export.saveMarkdown': 'Save values as Markdown...',
  'export.saveLossPng': 'Save loss chart as PNG...',
  'export.saveGradPng': 'Save gradient chart as PNG...',
  'export.nothing': 'No values to export yet.',
  'export.done': '{0}: {1}.',
  'export.failed': '{0} failed: {1}',
  'imbalance.scaleDefault': '100 positives : 100,000 negatives',
  'imbalance.scalePaper': '100,000 : 10,000,000 (paper scale)',
  'imbalance.hint': 'Easy means p_t > 0.5. Logits of each class are the quantiles of a normal distribution, so results are reproducible.',
  'imbalance.counts': 'Counts',
  'imbalance.negMean': 'negatives: mean logit (lower is easier)',
  'imbalance.negSd': 'negatives: logit spread',
  'imbalance.posMean': 'positives: mean logit (higher is easier)',
  'imbalance.posSd': 'positives: logit spread',
  'imbalance.recomputing': 'Recomputing 10,000,000 negatives...',
  'imbalance.building': 'Building 10,000,000 negatives...',
  'imbalance.built': '{0}: built in {1} ms.',
  'imbalance.loss': 'loss',
  'imbalance.total': 'total',
  'imbalance.perPositive': 'per positive',
  'imbalance.easyNegatives': 'easy negatives',
  'imbalance.hardNegatives': 'hard negatives',
  'imbalance.positives': 'positives',
  'imbalance.figure4': "Cumulative normalized loss (the paper's Figure 4), gamma 0, 0.5, 1, 2",
  'imbalance.positivesAria': 'Cumulative normalized loss of positives',
  'imbalance.negativesAria': 'Cumulative normalized loss of negatives',
  'imbalance.positivesAxis': 'fraction of positives (easiest first)',
  'imbalance.negativesAxis': 'fraction of negatives (easiest first)',
  'imbalance.cumulativeAxis': 'cumulative normalized loss',
  'examples.about':
    'A Korean explanation of the focal loss paper, written by hand, worked these examples; this project began from it. ' +
    'Each row is one of its figures: what it printed, the true value in the logarithm base it used (it mixes ln and log10) and in the base chosen here, ' +
    'and whether the printed figure agrees (rounded), is truncated (cut off where rounding would end higher), rounded up, or wrong.',
  'examples.caption': 'True values computed by Loss Lens; the chosen base is {0}.',
  'examples.example': 'example',
  'examples.printed': 'printed',
  'examples.trueInItsBase': 'true, in its base',
  'examples.trueChosenBase': 'true, chosen base',
  'examples.check': 'check',
  'examples.wrongBecause': 'wrong: {0}',
  'verdict.agrees': 'agrees (the printed digits are the true value rounded)',
  'verdict.truncated': 'truncated: the true value cut off after the printed digits; rounded it would end one digit higher',
  'verdict.rounded': 'rounded up: agrees to the printed digits',
  'verdict.wrong': 'wrong',
  'example.ce-foreground': 'CE of a foreground predicted at 0.95',
  'example.ce-background': 'CE of a background predicted at 0.05',
  'example.balanced-positive-0.5': 'Balanced CE (alpha 0.75) of a positive at 0.5',
  'example.balanced-negative-0.5': 'Balanced CE (alpha 0.75) of a negative at 0.5',
  'example.balanced-positive-0.98': 'Balanced CE (alpha 0.75) of a positive at 0.98',
  'example.balanced-negative-0.2': 'Balanced CE (alpha 0.75) of a negative at 0.2',
  'example.focal-positive-0.98': 'FL (gamma 2) of a positive at 0.98',
  'example.focal-negative-0.2': 'FL (gamma 2) of a negative at 0.2',
  'exampleNote.balanced-positive-0.98': 'matches no logarithm base: log10 gives 0.00658, ln gives 0.0152',
  'exampleNote.focal-positive-0.98': 'the exponent is off by one: log10 gives 3.50956972e-6',
  'mc.classes': 'classes C',
  'mc.inputAs': 'edit the sample as',
  'mc.logits': 'logits',
  'mc.probabilities': 'probabilities',
  'mc.sample': 'Sample',
  'mc.sampleHint': 'one number per class, separated by commas or spaces; another count changes C',
  'mc.sampleLogits': 'Logits of the sample',
  'mc.sampleProbabilities': 'Probabilities of the sample (softmax of its logits)',
  'mc.editClass': 'edit class',
  'mc.itsLogit': 'its logit',
  'mc.logitOfClass': 'logit of class {0}',
  'mc.target': 'target',
  'mc.targetClassIndex': 'a class index',
  'mc.targetSoft': 'a soft target (probabilities)',
  'mc.targetClass': 'target class',
  'mc.softTarget': 'Soft target',
  'mc.softTargetHint': 'C probabilities summing to 1',
  'mc.weights': 'Class weights (weight=)',
  'mc.weightsHint': 'C numbers >= 0; empty for none',
  'mc.alpha': 'alpha per class',
  'mc.alphaHint': 'C numbers in [0, 1], multiplied into the weights; empty for none',
  'mc.smoothing': 'label smoothing',
  'mc.name.classes': 'classes',
  'mc.name.class': 'class',
  'mc.name.targetClass': 'target class',
  'mc.name.logits': 'logits',
  'mc.name.probabilities': 'probabilities',
  'mc.name.softTarget': 'soft target',
  'mc.name.classWeights': 'class weights',
  'mc.name.alpha': 'alpha',
  'mc.error.wholeNumber': '{0} must be a whole number in [{1}, {2}] (got {3})',
  'mc.error.count': '{0}: between 2 and {1} numbers, one per class (got {2})',
  'mc.error.sum': 'probabilities must sum to 1 (within {0}; got {1})',
  'mc.error.logit': 'logit must be a decimal number (got {0})',
  'mc.error.probability': 'must be a probability in [0, 1]',
  'mc.error.unitInterval': 'must be in [0, 1]',
  'list.error.notNumber': '{0}: item {1} is not a decimal number (got {2})',
  'list.error.length': '{0} must be {1} numbers, one per class (got {2})',
  'list.error.item': '{0}: item {1} {2} (got {3})',
  'mc.headline': '{0}, p = {1} of {2} classes: CE {3} · FL (gamma {4}) {5}; {6} ({7}, base {8}).',
  'mc.headlineSoft': 'Soft target (most on class {0})',
  'mc.headlineClass': 'Target class {0}',
  'mc.flEqualsCe': 'FL equals CE',
  'mc.flIsZero': 'FL is 0',
  'mc.flLower': 'FL is {0} lower than CE',
  'mc.labelSmoothing': 'label smoothing {0}',
  'mc.probAria': 'Softmax probability of each class',
  'mc.partAria': "Each class's contribution to CE and FL",
  'mc.gradAria': 'Gradient of CE and FL per logit',
  'mc.curveAria': 'CE and FL against p_t of the true class',
  'mc.saveProbPng': 'Save probabilities chart as PNG...',
  'mc.savePartPng': 'Save contributions chart as PNG...',
  'mc.saveGradPng': 'Save gradients chart as PNG...',
  'mc.saveCurvePng': 'Save p_t chart as PNG...',
  'mc.curvesCaption': '{0} Curves: the other classes share 1 - p_t evenly.',
  'mc.captionTarget': '{0} classes, target class {1}',
  'mc.captionSoftTarget': '{0} classes, soft target {1} (most on class {2})',
  'mc.captionGamma': 'gamma {0}',
  'mc.captionWeights': 'class weights {0}',
  'mc.captionNoWeights': 'no class weights',
  'mc.captionNoAlpha': 'no alpha',
  'mc.captionAlphaPerClass': 'alpha per class {0}',
  'mc.captionAlphaEvery': 'alpha {0} on every class',
  'mc.captionAlphaForeground': 'alpha {0} (1 - alpha on class 0)',
  'mc.captionSmoothing': 'label smoothing {0}',
  'mc.captionBase': 'log base {0}',
  'mc.captionYAxis': 'y axis {0}',
  'mc.captionRange': '{0} values from {1} to {2}',
  'mc.captionJoin': '{0}.',
  'mc.classAxis': 'class',
  'mc.contributionAxis': 'contribution to the loss',
  'mc.probHeading': 'Softmax probabilities',
  'mc.partHeading': "Each class's contribution to the loss",
  'mc.gradHeading': 'Gradient per logit',
  'mc.classCaption': 'The classes of the sample with their probability, contributions and gradients',
  'mc.col.class': 'class',
  'mc.col.target': 'target',
  'mc.col.weight': 'weight',
  'mc.col.cePart': 'CE part',
  'mc.col.flPart': 'FL part',
  'mc.col.row': 'row',
  'mc.cePart': 'CE part',
  'mc.flPart': 'FL part (gamma {0})',
  'mc.flCurve': 'FL (gamma {0})',
  'mc.sampleCE': 'this sample: CE',
  'mc.sampleFL': 'this sample: FL',
  'mc.rowsFL': 'rows: FL',
  'mc.allClasses': 'All {0} classes; the target is outlined in the charts.',
  'mc.someClasses': '{0} of {1} classes: the true class and the most probable.',
  'mc.curveNote':
    'Curves: class {0} has probability p_t and the other {1} classes share 1 - p_t evenly, (1 - p_t) / {1} each; with the weights, smoothing and target above. ' +
    'Markers: this sample and the rows at their own p_t (their other classes are not spread evenly, so they need not lie on the curves).',
  'mc.rowsHeading': 'Rows from the editor',
  'mc.noRows': 'No rows: select rows of logits with their class indices in the editor and run Compute Loss for Selection.',
  'mc.rows': '{0} rows from {1}.',
  'mc.rowsError': '{0} rows from {1}: {2}.',
  'mc.rowsListed': '{0} rows from {1}; the first {2} are listed, all are drawn.',
  'mc.rowsErrorListed': '{0} rows from {1}: {2}; the first {3} are listed, all are drawn.',
  'mc.edit': 'Edit',
  'chart.axis': 'y axis ({0}) {1} from {2} to {3}; ticks {4}',
  'chart.axisBeyond': 'y axis ({0}) {1} from {2} to {3}; ticks {4}; beyond the axes: {5}',
  'mc.editRow': 'Edit row {0} as the sample',
};

export type WebviewStringKey = keyof typeof ENGLISH_STRINGS;
/** One text per key, in the display language. */
export type WebviewStrings = { readonly [K in WebviewStringKey]: string };
/** The English defaults. */
export const WEBVIEW_STRINGS: WebviewStrings = ENGLISH_STRINGS;
export const WEBVIEW_STRING_KEYS = Object.keys(ENGLISH_STRINGS) as readonly WebviewStringKey[];

/**
 * What the host hands the page. `ui`: the page's own strings. `messages`: the translations of the
 * core's `msg` templates (English template -> display language; empty in English), because the
 * core's error messages are made in the page, by the page's copy of the core, and the page
 * translates them as the host's `localize` does: the template `messageParts` remembers, looked up
 * here, filled with its arguments.
 */
export interface WebviewStringsTable {
  readonly lang: string;
  readonly ui: Partial<WebviewStrings>;
  readonly messages: Readonly<Record<string, string>>;
}

/** The largest table the page reads (the whole Korean bundle is about 100 KB). */
export const MAX_STRINGS_TABLE = 2_000_000;

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((text) => typeof text === 'string');
}

/** Known keys only, each a string; messages a record of strings. */
export function isWebviewStringsTable(value: unknown): value is WebviewStringsTable {
  return (
    isRecord(value) &&
    typeof value.lang === 'string' &&
    isStringRecord(value.ui) &&
    Object.keys(value.ui).every((key) => Object.prototype.hasOwnProperty.call(ENGLISH_STRINGS, key)) &&
    isStringRecord(value.messages)
  );
}
