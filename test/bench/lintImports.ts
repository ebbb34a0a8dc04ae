import { loadavg } from 'node:os';
import { LossCallIndex, type ImportedModules } from '../../src/language/recognition';
import { lintPython } from '../../src/language/lint';
import { lintBenchFile } from './lint';
import { percentile, report } from './measure';

/*
 * Cost of reading models of other files (issue 23: the training script imports its model): the lint's
 * 20,000-line bench file with, at its end, `from bench_model import BenchNet` and a loss on a BenchNet's
 * output, the model module a 2,000-line file of the lint corpus's cases ending in the class. The
 * imported module is read once per text (importedModels.ts): a lint of a new version of the script
 * whose imported files did not change (their key the same) parses nothing of them; a model file that
 * changed is parsed again, once (by the index's read, shared with the lint: recognition's
 * importedModule), and only its bindings and flow are the lint's own. The targets are the lint
 * bench's (lint.ts); these rows compare the lint with and without the imported model.
 */

const SCRIPT_END = '\nimport torch.nn as nn\nfrom bench_model import BenchNet\nbench_net = BenchNet()\nbench_loss = nn.CrossEntropyLoss()(bench_net(bench_x), bench_y)\n';
const MODEL_END = '\nimport torch.nn as nn\nimport torch.nn.functional as F\n\nclass BenchNet(nn.Module):\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\n';

function timeMs(work: () => unknown): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function benchLintImports(): void {
  const script = lintBenchFile(20_000) + SCRIPT_END;
  const model = lintBenchFile(2_000) + MODEL_END;
  const sourcesOf = (text: string, key: string): ImportedModules => ({ key, get: (name) => (name === 'bench_model' ? { text, file: 'bench_model.py' } : undefined) });
  const check = lintPython(script, { imported: sourcesOf(model, 'check') });
  if (!check.some((f) => f.message.includes('(bench_model.py, line'))) throw new Error('the imported model was not read');
  // Each run: a fresh read of the script (a new version), linted without imported files, with the
  // same model file (key unchanged, its analysis kept), and with a model file changed (a new text).
  const without: number[] = [];
  const sameModel: number[] = [];
  const changedModel: number[] = [];
  for (let run = 0; run < 15; run++) {
    const plain = new LossCallIndex().read('file:///bench.py', run, script, 'python');
    without.push(timeMs(() => lintPython(script, plain)));
    const same = sourcesOf(model, 'same');
    const read = new LossCallIndex().read('file:///bench.py', run, script, 'python', undefined, same);
    sameModel.push(timeMs(() => lintPython(script, read)));
    const changedText = `${model}# edit ${run}\n`;
    const changed = sourcesOf(changedText, `changed ${run}`);
    const again = new LossCallIndex().read('file:///bench.py', run, script, 'python', undefined, changed);
    changedModel.push(timeMs(() => lintPython(script, again)));
  }
  report(`Loss lint with an imported model module (script 20,000 lines, model module 2,000 lines; load average ${loadavg()[0]!.toFixed(1)})`, [
    ['lint after the index is ready, no imported files, median', percentile(without, 0.5), 'ms', undefined],
    ['... the same model file (read before, key unchanged), median', percentile(sameModel, 0.5), 'ms', undefined],
    ['... the model file changed (parsed again), median', percentile(changedModel, 0.5), 'ms', undefined],
  ]);
}
