/**
 * Loss Lens numeric core: cross-entropy, alpha-balanced CE, focal loss and FL*, with the semantics of
 * torchvision.ops.sigmoid_focal_loss, and softmax (multi-class) CE and focal loss. Pure TypeScript
 * (no vscode, no DOM, no Node APIs): it runs in the extension host, the webview and tests alike.
 * These names are public API.
 */
export type { LossKind, LossParams } from './params';
export { LOSS_KINDS, DEFAULT_GAMMA, DEFAULT_BETA, isLossKind } from './params';
export { LossInputError } from './errors';
export { lossFromProb, lossFromLogit, gradFromLogit } from './losses';
export { batchFromLogits } from './batch';
export type { SoftmaxKind, SoftmaxLossParams } from './softmaxParams';
export { SOFTMAX_KINDS } from './softmaxParams';
export { softmaxLoss, softmaxBatch, softmaxMeanDivisor, softmaxProbabilities } from './softmax';
export { softmaxContributions, softmaxSpreadCurve } from './softmaxContributions';
export { sigmoid, logitOf } from './kernels';
export type { Prediction, LossBreakdown } from './breakdown';
export { lossBreakdown } from './breakdown';
export { ceOverFocalRatio, ptForRatio, maxRatioUpTo } from './paper';
export type { PaperSetting } from './paperTable1';
export { PAPER_TABLE_1A, PAPER_TABLE_1B, PAPER_CHOICE, paperTable1Line } from './paperTable1';
export type { SeedExample, SeedExampleValue } from './seedExamples';
export { SEED_EXAMPLES, seedExampleValues, agreesWithPrinted } from './seedExamples';
export { formatNumber, formatNumbersAlike, formatRatio, formatScientific } from './format';
export type { MessageArg, MessageParts } from './message';
export { msg, formatMessage, messageParts } from './message';
export { resolveKoreanParticles } from './koreanParticles';
export type { BatchSpec, BatchCheck, BatchSummary, ParsedBatchSummary, TensorDescription } from './batchSummary';
export { parseBatchSummary, batchSummaryOf } from './batchSummary';
export type { BatchView, BinaryBatchView, BinaryViewGroup, BinaryHardSample, SoftmaxBatchView, SoftmaxHardSample } from './batchView';
export { isBatchView, float64Column, int32Column } from './batchView';
export type { BatchViewControls, PreparedBatch } from './batchViewMath';
export { prepareBatchView, callControls, batchViewNumbers, batchViewUnmodelled } from './batchViewMath';
export type { BatchViewNumbers, GroupFigures, CurveSet, HardRow, BatchViewNote } from './batchViewNumbers';
export { anyEstimated, at90 } from './batchViewNumbers';
export type { Figure } from './batchViewFigures';
export { batchCheckMessage, batchPriorMessage, isBatchNote } from './batchCheckText';
