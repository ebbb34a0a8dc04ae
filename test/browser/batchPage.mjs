// The batch view's test batches: the recorded debugpy sessions (test/fixtures/batch) and a larger
// batch summarised here by the debuggee snippet under Debian's python3, as ExplorerBatch messages.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** An ExplorerBatch from a recording ({ request: { pred, target, spec }, summary }), as the host posts it. */
export function batchOf(recorded, overrides = {}) {
  const file = recorded.recorded?.script ?? 'live/retina_step.py';
  return {
    stop: { file, line: recorded.recorded?.line ?? 11, frame: 'train_step', time: '12:34:56' },
    label: recorded.request.spec.model === 'softmax' ? 'torch.nn.CrossEntropyLoss (line 16)' : 'torchvision.ops.sigmoid_focal_loss (line 11)',
    pred: recorded.request.pred,
    target: recorded.request.target,
    spec: recorded.request.spec,
    summary: recorded.summary,
    ...overrides,
  };
}

export function recordedBatch(name, overrides = {}) {
  return batchOf(JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'batch', `${name}.json`), 'utf8')), overrides);
}

/** A batch of `n` anchors summarised by the snippet with a view sample of at most `view`. */
export function generatedBatch(n, view) {
  const run = spawnSync('/usr/bin/python3', [join(root, 'test', 'live', 'view_batch.py'), join(root, 'src', 'live', 'batchSummary.py'), String(n), String(view)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`/usr/bin/python3 failed (npm run harness installs python3-torch):\n${run.stderr}`);
  return batchOf(JSON.parse(run.stdout));
}
