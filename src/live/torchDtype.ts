import type { ParsedBatchSummary, TensorDescription } from '../core/batchSummary';
import type { BatchRequest } from './batchRequest';

/*
 * What PyTorch refuses before it computes anything, read from the dtypes the loss receives (after the
 * argument's own steps, so `labels.float()` is float32). Its losses take floating-point predictions
 * (class indices passed as scores: `log_softmax` "not implemented for 'Long'", BCE's "result type Float
 * can't be cast to the desired output type Long"), and its binary cross-entropies floating-point targets
 * (labels kept as int64: "Found dtype Long but expected Float", a common first error with BCELoss /
 * BCEWithLogitsLoss: pytorch/pytorch#842 is still open, and users meet it in PyTorch 1.8 to 2.x, e.g.
 * PacktPublishing/Mastering-PyTorch#4, NVIDIA/apex#1039). Checked with Debian's torch 1.13 for every
 * PyTorch loss Loss Lens reads (test/live/summary_cases.py runs each call and keeps its error). The snippet computes a float64 copy
 * whatever the dtype, so without this the hover would show a loss the call never returns.
 */

/** The libraries whose calls are PyTorch's own losses (torchvision's focal loss calls BCE-with-logits). */
const TORCH_LIBRARIES = new Set(['torch', 'torchvision']);
/** Integer and boolean dtypes as the snippet writes them (torch's names without `torch.`). */
const NOT_FLOAT = /^(u?int(8|16|32|64)|bool)$/;

const notFloat = (description: TensorDescription | undefined): string | undefined =>
  description?.type === 'torch.Tensor' && description.dtype !== undefined && NOT_FLOAT.test(description.dtype) ? description.dtype : undefined;

/**
 * The read as a refusal when PyTorch raises on this call's dtypes (`error` 'pred-not-float' or
 * 'target-not-float', `detail` the dtype); the read unchanged otherwise. Calls of other libraries
 * (TensorFlow and Keras cast), and requests without a library (a selection), are left as they are.
 */
export function withTorchDtypeRefusal(read: ParsedBatchSummary, request: BatchRequest): ParsedBatchSummary {
  if (read.ok === false || request.library === undefined || !TORCH_LIBRARIES.has(request.library)) return read;
  const inputs = read.ok === true ? read.summary.inputs : read.inputs;
  const model = read.ok === true ? read.summary.model : request.spec.model;
  const pred = notFloat(inputs?.pred);
  if (pred) return { ok: false, error: 'pred-not-float', detail: pred };
  // Class indices are integers for the softmax losses; only the binary ones need float targets.
  const target = model === 'sigmoid' ? notFloat(inputs?.target) : undefined;
  if (target) return { ok: false, error: 'target-not-float', detail: target };
  return read;
}
