import { DETECTION } from './catalog/detection';
import { MONAI } from './catalog/monai';
import { MMDET_CONFIG_ENTRIES, OPENMMLAB } from './catalog/openmmlab';
import { MMSEG, MMSEG_CONFIG_ENTRIES } from './catalog/mmseg';
import { OPTAX } from './catalog/optax';
import { PADDLE } from './catalog/paddle';
import { SEGMENTATION } from './catalog/segmentation';
import { TENSORFLOW } from './catalog/tensorflow';
import { TENSORFLOW_V1_LOSSES } from './catalog/tensorflowV1Losses';
import { KERAS_BACKEND } from './catalog/kerasBackend';
import { SEGMENTATION_KERAS } from './catalog/segmentationKeras';
import { KERAS_RETINANET } from './catalog/kerasRetinanet';
import { TORCH } from './catalog/torch';
import { TIMM } from './catalog/timm';
import { KERAS_CV } from './catalog/kerasCv';
import { DETREX } from './catalog/detrex';
import { TFLEARN } from './catalog/tflearn';
import { KARBONN } from './catalog/karbonn';
import { NNUNET } from './catalog/nnunet';
import { SKORCH_NETS } from './catalog/skorch';
import type { CatalogEntry } from './catalog/types';

/*
 * The one catalog of loss APIs Loss Lens recognizes, combined from one file per library family in
 * catalog/. Source of truth: each library's own signature and defaults (torchvision/ops/focal_loss.py,
 * fvcore/nn/focal_loss.py, mmdet/models/losses/*.py, keras/src/losses/losses.py,
 * optax/losses/_classification.py, ...; each family file says what it was checked against).
 * Parameters are listed in positional order so positional arguments map by the library's signature;
 * `keywordOnly` marks parameters after a bare `*`.
 */

export type { AlphaOff, CallFacts, CatalogEntry, Flagged, Literal, ParamSpec } from './catalog/types';
export { PPDET_YAML_TYPES } from './catalog/paddle';
export { KERAS_CV_FOCAL } from './catalog/kerasCv';
export { HUB_LOAD_KEYWORDS, HUB_LOSSES } from './catalog/hub';
export { SKORCH_CLASSIFIER_NLL, SKORCH_NETS } from './catalog/skorch';
/** Last names of skorch's nets, whose calls may build a criterion (skorchLosses.ts). */
export const SKORCH_NET_NAMES: ReadonlySet<string> = new Set([...SKORCH_NETS.keys()].map((path) => path.slice(path.lastIndexOf('.') + 1)));

export const CATALOG: readonly CatalogEntry[] = [...DETECTION, ...OPENMMLAB, ...MMSEG, ...PADDLE, ...TENSORFLOW, ...TENSORFLOW_V1_LOSSES, ...KERAS_BACKEND, ...TORCH, ...OPTAX, ...SEGMENTATION, ...SEGMENTATION_KERAS, ...MONAI, ...TIMM, ...KERAS_CV, ...DETREX, ...TFLEARN, ...KARBONN, ...NNUNET, ...KERAS_RETINANET];

/**
 * mmdet-style config dicts, dict(type='FocalLoss', ...) and {'type': 'mmdet.VarifocalLoss', ...}: the
 * catalog entry of each config type (FocalLoss, CrossEntropyLoss, QualityFocalLoss, VarifocalLoss, bare
 * and `mmdet.`-scoped, and mmrotate's SmoothFocalLoss). Every parameter is a keyword.
 */
export const MMDET_CONFIG_TYPES: ReadonlyMap<string, CatalogEntry> = MMDET_CONFIG_ENTRIES;
/**
 * mmseg's config dicts (CrossEntropyLoss, FocalLoss, bare and `mmseg.`-scoped): a bare type is mmseg's in a
 * decode head's `loss_decode` or under default_scope 'mmseg'. Every parameter is a keyword.
 */
export const MMSEG_CONFIG_TYPES: ReadonlyMap<string, CatalogEntry> = MMSEG_CONFIG_ENTRIES;
export const MMDET_FOCAL_LOSS: CatalogEntry = CATALOG.find((e) => e.api === 'mmdet.models.losses.FocalLoss')!;

/** Catalog entries by fully qualified name. */
export const BY_PATH: ReadonlyMap<string, CatalogEntry> = new Map(CATALOG.flatMap((e) => e.paths.map((path) => [path, e] as const)));

/** Last segments of every known path: a call whose last name is not here (nor the user's own) is not a loss call. */
export const KNOWN_NAMES: ReadonlySet<string> = new Set(CATALOG.flatMap((e) => e.paths.map((path) => path.slice(path.lastIndexOf('.') + 1))));

/**
 * Heads a fully qualified call conventionally starts with, used only when the file binds that head
 * to nothing (a notebook cell without its import cell): `F.cross_entropy`, `nn.BCELoss`, `tf.keras...`.
 */
export const CONVENTIONAL_HEADS: ReadonlyMap<string, string> = new Map([
  ['F', 'torch.nn.functional'], ['nn', 'torch.nn'], ['tf', 'tensorflow'], ['tfa', 'tensorflow_addons'], ['smp', 'segmentation_models_pytorch'],
  ...['torch', 'torchvision', 'fvcore', 'mmcv', 'mmdet', 'mmseg', 'mmrotate', 'keras', 'tensorflow', 'tensorflow_addons', 'optax', 'kornia', 'monai', 'segmentation_models_pytorch', 'ultralytics', 'yolov5', 'transformers', 'paddle', 'ppdet', 'timm', 'keras_cv', 'detrex'].map((m) => [m, m] as [string, string]),
]);

/** detectron2 config keys (Python `cfg.MODEL.RETINANET.FOCAL_LOSS_GAMMA = 2.0` and YAML). */
export const DETECTRON2_DEFAULTS = { FOCAL_LOSS_ALPHA: 0.25, FOCAL_LOSS_GAMMA: 2.0 } as const;
/** ultralytics / YOLOv5 hyperparameter: focal loss gamma, 0 = focal loss off; alpha fixed at 0.25. */
export const ULTRALYTICS_FL_ALPHA = 0.25;
