import type { LossKind } from '../../../core';
import type { Literal } from '../arrayValues';
import type { ClassModel, InputsKind } from '../lossCall';

/* The shape of a catalog entry: one loss API, its signature in positional order, and how its parameters map to the core's. */

export type { Literal } from '../arrayValues';

export interface ParamSpec {
  readonly name: string;
  /** The library's default; absent with `required` for parameters the caller must pass. */
  readonly default?: Literal;
  readonly required?: boolean;
  readonly keywordOnly?: boolean;
}

/** A property of the API that is fixed, or decided by one of its boolean parameters (Keras from_logits). */
export type Flagged<T extends string> =
  | T
  | {
      readonly flag: string;
      readonly whenTrue: T;
      readonly whenFalse: T;
      /** A second flag that, when true, also picks `whenTrue` (mmdet CrossEntropyLoss: use_sigmoid or use_mask is a sigmoid). */
      readonly orFlag?: string;
    };

/** How the API turns alpha off. */
export type AlphaOff =
  | 'negative' // torchvision / fvcore: alpha < 0 (conventionally -1)
  | 'none' // optax, MONAI, smp: alpha=None
  | 'zero-or-none' // TF Addons: 0 or None
  | 'not-positive' // ultralytics FocalLoss: applied only when alpha > 0
  | 'needs-class-balancing' // Keras: alpha ignored unless apply_class_balancing=True
  | 'never'; // keras-cv FocalLoss: always weighted (float(alpha))

/** What a caveat rule sees of one call: resolved values by parameter name, and argument source text. */
export interface CallFacts {
  value(name: string): unknown;
  /** Whether the value of `name` is known (explicit, default or resolved). */
  known(name: string): boolean;
  explicit(name: string): boolean;
  /** Source text of the argument, '' when not written. */
  argText(name: string): string;
}

export interface CatalogEntry {
  readonly api: string;
  readonly library: string;
  readonly kind: LossKind;
  /** Fully qualified names the API can be reached by. */
  readonly paths: readonly string[];
  readonly params: readonly ParamSpec[];
  /** Alpha parameter and how it is switched off; absent: the API has no alpha (null). */
  readonly alpha?: { readonly param: string; readonly off: AlphaOff };
  /** 'every': alpha multiplies every element alike (no alpha_t), as LossCall.alphaWeighting. */
  readonly alphaWeighting?: 'every';
  /** Gamma parameter name, or a fixed value (0 for the cross-entropy family). */
  readonly gamma: string | number;
  /** What the predictions must be: fixed, or decided by a boolean flag. */
  readonly inputs: Flagged<InputsKind>;
  /** Softmax over classes, or a flag that switches it on (MONAI use_softmax); absent: one sigmoid per element. */
  readonly classModel?: Flagged<ClassModel>;
  /** The parameter holding the prediction tensor (checked for a sigmoid applied before the call). */
  readonly predictionParam?: string;
  readonly reduction: { readonly param: string } | { readonly fixed: string };
  /**
   * Constants the reduction may be written as, by their last name (TF 1's `tf.losses.Reduction.NONE`): the value
   * each stands for, so a call that names one has a known reduction.
   */
  readonly reductionNames?: ReadonlyMap<string, string>;
  /** What reduction='mean' divides by, where that is not "every element" (PyTorch's weighted CE). */
  readonly meanDivisor?: string;
  readonly extras: readonly string[];
  readonly caveats?: (call: CallFacts) => string[];
  /**
   * Why the core's numbers are not what this call computes, or undefined when they are: for every call
   * (QFL's |y - sigma|^beta, varifocal's asymmetric weights, the Dice part of DiceFocalLoss) or for this
   * call as written (a smoothing or class weight the table would leave out). The call is recognised and
   * its parameters shown, without a table of values.
   */
  readonly notModeled?: (call: CallFacts) => string | undefined;
  /**
   * A keyword value, written as this Python literal, that the library's own loss refuses when it is built
   * (mmseg's FocalLoss asserts use_sigmoid=True): a file writing it builds a fork's loss of the same name,
   * whose computation is not known, so the call is claimed by no one.
   */
  readonly refuses?: { readonly param: string; readonly literal: string };
  /**
   * Another entry when a string parameter picks another loss (detrex SetCriterion's
   * loss_class_type="ce_loss"): chosen from the literal written; this entry for its default.
   */
  readonly variant?: { readonly param: string; readonly others: ReadonlyMap<string, CatalogEntry> };
}
