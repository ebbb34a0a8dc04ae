import type { LossKind } from '../../core';

/*
 * What recognition hands to the hover (and later diagnostics): one recognized loss call with every
 * parameter that matters for the loss, and where each value came from, so the hover can say
 * "gamma 2.0 (the library's default)" or "gamma = GAMMA, line 12" instead of guessing.
 */

/**
 * Where a parameter's value came from. `line` is 0-based in the text; with `inContext` it is a line
 * of the context text instead (e.g. a constant defined in an earlier notebook cell).
 */
export type ValueOrigin =
  | { readonly kind: 'explicit' }
  | { readonly kind: 'default' }
  | {
      readonly kind: 'resolved';
      readonly line: number;
      readonly inContext?: boolean;
      /**
       * With `inContext`, set by the editor when it knows the notebook: the 1-based number of the cell holding
       * the value, `line` then counted in that cell (the joined context's line numbers mean nothing to a reader).
       */
      readonly cell?: number;
      readonly file?: string;
      /**
       * Set when the value is what pytest's `@pytest.mark.parametrize` (at `line`) passes to a test's
       * parameter (also through `pytestmark`), what parameterized's `expand` passes ('parameterized'), what a
       * parametrized fixture of the file returns ('fixture'), what a `for` loop (at `line`) gives its variable,
       * or ('branches') what the candidates a called name may hold pass (the if / else branches that build
       * it, the first at `line`), or ('calls') what the file's calls of a function pass to its parameter
       * (the first at `line`), or ('list') what the losses of a list a `for` loop takes one by one pass
       * (the first at `line`), or ('uncalledDefault') a parameter's default (at `line`) in a function or class no call in this file
       * calls: what runs unless a call in another file passes another value.
       */
      readonly via?: 'parametrize' | 'loop' | 'parameterized' | 'fixture' | 'branches' | 'calls' | 'list' | 'uncalledDefault';
    }
  | { readonly kind: 'unresolved' };

/** The origins that carry nothing else, shared by every reader of values. */
export const DEFAULT = { kind: 'default' } as const;
export const EXPLICIT = { kind: 'explicit' } as const;
export const UNRESOLVED = { kind: 'unresolved' } as const;

/**
 * One parameter's value. `text` is the source text as written in the call (explicit, resolved,
 * unresolved) or the default rendered in the library's syntax ('default'). `value` is undefined
 * when it could not be worked out (origin 'unresolved'), when the call receives several values
 * (`values`), or when it is a list of numbers where one is expected (`list`); an unresolved value is never replaced by the library's default.
 */
export interface ParamValue<T> {
  readonly value: T | undefined;
  readonly origin: ValueOrigin;
  readonly text: string;
  /**
   * Every value the call receives, in the file's order, when there are several: a test parametrized
   * by pytest runs it once per value (then `value` is undefined and nothing is computed from one).
   */
  readonly values?: readonly T[];
  /**
   * The numbers of a list or tensor written where the formula takes one number (a per-class alpha,
   * `alpha=[0.25, 0.75]`): known and shown as they are, but no one value (`value` is undefined).
   */
  readonly list?: readonly number[];
}

/** What the predictions must be; 'log-probabilities' for NLL losses (log_softmax outputs). */
export type InputsKind = 'logits' | 'probabilities' | 'log-probabilities';

/**
 * How the loss turns scores into probabilities: one sigmoid per element (binary, or one-vs-rest per
 * class), or a softmax over the class dimension. Undefined when the file does not say (a flag such
 * as MONAI's use_softmax that could not be worked out).
 */
export type ClassModel = 'sigmoid' | 'softmax';

export interface LossCall {
  /** Canonical name, e.g. 'torchvision.ops.sigmoid_focal_loss'; 'user:focal_loss' for the file's own functions. */
  readonly api: string;
  /** 'torchvision', 'fvcore', 'keras', ... or 'user' for a function defined in the same file. */
  readonly library: string;
  readonly kind: LossKind;
  /** The callee as written: 'sfl', 'F.binary_cross_entropy_with_logits', "dict(type='FocalLoss'", 'FOCAL_LOSS_GAMMA'. */
  readonly callee: string;
  /** Offsets of the whole call / dict / config assignment / YAML entry in the text. */
  readonly start: number;
  readonly end: number;
  /** Offsets of the name the mouse rests on (for dict configs: the type string's content). */
  readonly nameStart: number;
  readonly nameEnd: number;
  /** Effective alpha: null means no alpha weighting (fvcore -1, optax None, Keras without apply_class_balancing, ...). */
  readonly alpha: ParamValue<number | null>;
  /**
   * 'every' when alpha multiplies every element alike (a user's own loss whose body does so: no class
   * balancing); otherwise alpha is the library's (alpha_t for the binary losses).
   */
  readonly alphaWeighting?: 'every';
  /** Focusing parameter; 0 for the cross-entropy family. */
  readonly gamma: ParamValue<number>;
  /** The library's name for the focusing parameter when it is not `gamma` (QualityFocalLoss's `beta`). */
  readonly gammaParam?: string;
  /** FL* beta, when the API has one. */
  readonly beta?: ParamValue<number>;
  /** What the API expects as predictions; fixed by the API ('default') or by a flag such as Keras from_logits. */
  readonly inputs: ParamValue<InputsKind>;
  readonly classModel: ClassModel | undefined;
  readonly reduction: ParamValue<string>;
  /** What reduction='mean' divides by, where that is not every element (PyTorch's weighted CE). */
  readonly meanDivisor?: string;
  /**
   * The number of classes, for softmax calls, when the file says it: the length of the class weights,
   * or `num_classes` / `NUM_CLASSES` (and similar) bound to one integer in the file.
   */
  readonly classes?: ParamValue<number>;
  /**
   * For a call of a name bound to a loss (`criterion(out, y)` after `criterion = nn.CrossEntropyLoss()`):
   * where and how the name got its loss; the parameters' values come from there.
   */
  readonly builtAt?: {
    readonly line: ValueOrigin;
    /** 'class': a loss class held as a value (a class attribute, a parameter) built here with this call's arguments (lossClasses.ts); `line` is where the class is named. */
    readonly how: 'instance' | 'reference' | 'partial' | 'class';
    /** Where the name's other candidates are built, when it may hold one of several of the same API (branchCalls.ts). */
    readonly alsoAt?: readonly ValueOrigin[];
    /** Set when the name is a `for` loop's variable taking each loss of a list in turn (loopLosses.ts): the loop's line. */
    readonly loop?: ValueOrigin;
  };
  /**
   * For the user's own loss defined in another file of the workspace: its positional parameters and
   * the number defaults of alpha and gamma there (the lint checks the call's order against them).
   */
  readonly signature?: { readonly file: string; readonly line: number; readonly positional: readonly string[]; readonly alphaDefault?: number; readonly gammaDefault?: number };
  /**
   * Set when the call is of a method of the file that returns one loss call of its parameters
   * (`model.loss(out, y)` with `def loss(self, out, y): return self.criterion(out, y)`;
   * wrapperMethods.ts): the method (`Net.loss`), the 0-based line of its returned call and that call's
   * start (as `start`). The values are that call's; only the prediction and target come from this
   * call's arguments, by position. `file` is set when the wrapper is another file's (importedWrappers.ts):
   * `line` and `start` are then that file's.
   */
  readonly through?: { readonly method: string; readonly line: number; readonly start: number; readonly file?: string };
  /** Notes that apply to this call as written (not a generic list for the API). */
  readonly caveats: readonly string[];
  /**
   * Facts about where the loss comes from that warn of nothing ("focal_loss is defined in this file (line 4).",
   * "Its body weighs positives by alpha and negatives by 1 − alpha (alpha_t)."): shown after the caveats, unmarked.
   */
  readonly notes?: readonly string[];
  /** Other parameters that change the loss: pos_weight, label_smoothing, apply_class_balancing, loss_weight, ... */
  readonly extra: readonly { readonly name: string; readonly value: ParamValue<unknown> }[];
  /**
   * Set when the core's numbers are not what this call computes (quality focal and varifocal losses, the
   * Dice part of MONAI's DiceFocalLoss, a smoothing or class weight the values would leave out): why, in
   * one sentence. The call's parameters are still shown; no table of values should be.
   */
  readonly notModeled?: string;
}

/** A recognized call whose parameters are worked out only when `call()` is first asked for. */
export interface LazyLossCall {
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  call(): LossCall;
}
