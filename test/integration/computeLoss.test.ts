// lossLens.computeLoss, called through VS Code's command service as a command link or another
// extension would call it, returns the numbers the core computes and PyTorch agrees with.
import * as assert from './assert';
import * as vscode from 'vscode';
import { lossFromLogit, lossFromProb } from '../../src/core';
import type { LossReport } from '../../src/extension/lossReport';

const COMMAND = 'lossLens.computeLoss';

function compute(args: object): Thenable<LossReport | undefined> {
  return vscode.commands.executeCommand<LossReport | undefined>(COMMAND, args);
}

/** Equal up to float64 rounding: the command and torch take different but exact-enough routes. */
function assertClose(actual: number, expected: number, what: string): void {
  const tolerance = 1e-12 + 1e-9 * Math.abs(expected);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: got ${actual}, expected ${expected}`);
}

// torch.nn.functional.binary_cross_entropy / torchvision.ops.sigmoid_focal_loss in float64, copied
// from test/fixtures/torch-golden.json (torch 1.13, torchvision 0.14) so this suite needs no files.
const TORCH_PROB = { p: 0.9, y: 1, ce: 0.10536051565782628, balanced: 0.02634012891445657, focal: 0.00026340128914456557 };
const TORCH_LOGIT = [
  { logit: 2.501027316794339, y: 1, focal: 0.00011316487806651421 },
  { logit: -1.6393711223963112, y: 0, focal: 0.0035154331238288 },
  { logit: 7.178644062156377, y: 0, focal: 5.376350627670908 },
];

describe('Compute Loss command', () => {
  it('p = 0.9, y = 1, alpha = 0.25, gamma = 2 returns what the core and torch compute', async () => {
    const report = await compute({ p: 0.9, y: 1, alpha: 0.25, gamma: 2 });
    assert.ok(report, 'the command returned nothing');
    const params = { alpha: 0.25, gamma: 2 };
    const b = report.breakdown;
    assert.equal(b.ce, lossFromProb('ce', 0.9, 1, params));
    assert.equal(b.balanced, lossFromProb('balanced', 0.9, 1, params));
    assert.equal(b.focal, lossFromProb('focal', 0.9, 1, params));
    assertClose(b.pt, 0.9, 'p_t');
    assertClose(b.ce, TORCH_PROB.ce, 'CE vs torch');
    assertClose(b.balanced, TORCH_PROB.balanced, 'balanced CE vs torch');
    assertClose(b.focal, TORCH_PROB.focal, 'focal vs torch');
    assert.deepEqual([report.y, report.alpha, report.gamma], [1, 0.25, 2]);
  });

  for (const c of TORCH_LOGIT) {
    it(`logit ${c.logit.toFixed(3)}, y = ${c.y} matches torchvision's sigmoid_focal_loss`, async () => {
      const report = await compute({ logit: c.logit, y: c.y, alpha: 0.25, gamma: 2 });
      assert.ok(report, 'the command returned nothing');
      assert.equal(report.breakdown.focal, lossFromLogit('focal', c.logit, c.y, { alpha: 0.25, gamma: 2 }));
      assert.equal(report.breakdown.logit, c.logit);
      assertClose(report.breakdown.focal, c.focal, 'focal vs torch');
    });
  }

  it('a prediction typed as text ("logit=2.5") is read as a logit', async () => {
    const report = await compute({ prediction: 'logit=2.5', y: 1, alpha: 0.25, gamma: 2 });
    assert.ok(report, 'the command returned nothing');
    assert.equal(report.breakdown.focal, lossFromLogit('focal', 2.5, 1, { alpha: 0.25, gamma: 2 }));
  });

  it('bad input (p = 1.5, alpha = 2) returns undefined instead of throwing', async () => {
    // An exception would reject executeCommand; the command shows an error message instead.
    assert.equal(await compute({ p: 1.5, y: 1, alpha: 0.25, gamma: 2 }), undefined);
    assert.equal(await compute({ p: 0.9, y: 1, alpha: 2, gamma: 2 }), undefined);
  });

  it('agrees with a sample of test/fixtures/torch-golden.json', async () => {
    // Read through VS Code's file system, which both extension hosts (Node and web worker) have; the
    // extension under test is this repository, so the fixture sits under its root.
    const root = vscode.extensions.getExtension('loss-lens.loss-lens')!.extensionUri;
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, 'test', 'fixtures', 'torch-golden.json'));
    const golden = JSON.parse(new TextDecoder().decode(bytes)) as { logit_cases: { fn: string; logit: number; y: number; alpha: number | null; gamma: number; loss: number }[] };
    // Every 50th focal case: enough spread over gamma, alpha and soft targets, still quick over IPC.
    const cases = golden.logit_cases.filter((c) => c.fn === 'focal').filter((_, i) => i % 50 === 0);
    for (const c of cases) {
      const report = await compute({ logit: c.logit, y: c.y, alpha: c.alpha, gamma: c.gamma });
      assert.ok(report, `no report for ${JSON.stringify(c)}`);
      assertClose(report.breakdown.focal, c.loss, `focal for ${JSON.stringify(c)}`);
    }
    console.log(`      checked ${cases.length} torch cases`);
  });
});
