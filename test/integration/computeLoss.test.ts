// lossLens.computeLoss, called through VS Code's command service as a command link or another
// extension would call it, returns the numbers the core computes and PyTorch agrees with.
import * as assert from './assert';
import * as vscode from 'vscode';
import { lossFromLogit, lossFromProb } from '../../src/core';
import type { LossReport } from '../../src/extension/lossReport';
import type { SoftmaxReport } from '../../src/extension/softmaxReport';
import { fixtureUri, lossLensHover, positionOf } from './fixtures';

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

/** The arguments of the hover's "Compute at a value..." link, decoded as VS Code decodes a command URI. */
function computeLinkArgs(hover: string): unknown[] {
  const link = /\[Compute at a value\.\.\.\]\(command:lossLens\.computeLoss\?([^ )]+)/.exec(hover);
  assert.ok(link, `no Compute link in\n${hover}`);
  return JSON.parse(decodeURIComponent(link[1]!)) as unknown[];
}

interface AskedBox {
  readonly title: string;
  readonly prompt: string;
}

/**
 * Runs Compute Loss with `args`, answering its input boxes in order with `answers`. The suite
 * shares the extension's vscode API object (both load it from this extension's folder), so
 * replacing window.showInputBox here is what the command calls; each answer passes through the
 * box's own validateInput first, as typing it would.
 */
async function computeAnswering(args: unknown[], answers: string[]): Promise<{ boxes: AskedBox[]; report: LossReport | SoftmaxReport | undefined }> {
  const window = vscode.window as { showInputBox: typeof vscode.window.showInputBox };
  const original = window.showInputBox;
  const boxes: AskedBox[] = [];
  window.showInputBox = async (options?: vscode.InputBoxOptions) => {
    boxes.push({ title: options?.title ?? '', prompt: options?.prompt ?? '' });
    const answer = answers[boxes.length - 1];
    // An unexpected question is answered with Escape, so the command ends and the test says what it asked.
    if (answer === undefined) return undefined;
    const check = await options?.validateInput?.(answer);
    const refused = typeof check === 'string' ? check : check && check.severity === vscode.InputBoxValidationSeverity.Error ? check.message : undefined;
    assert.ok(!refused, `box ${boxes.length} refused ${JSON.stringify(answer)}: ${refused}`);
    return answer;
  };
  try {
    const report = await vscode.commands.executeCommand<LossReport | SoftmaxReport | undefined>(COMMAND, ...args);
    return { boxes, report };
  } finally {
    window.showInputBox = original;
  }
}

describe('Compute Loss from the hover link', () => {
  before(async () => {
    await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
  });

  it("a sigmoid call's link asks for the prediction and its target, numbered 1/2 and 2/2, and uses the call's alpha and gamma", async () => {
    const uri = fixtureUri('train.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const hover = await lossLensHover(uri, positionOf(document, 'sigmoid_focal_loss(logits', 3));
    assert.ok(hover, 'no Loss Lens hover on sigmoid_focal_loss');
    const { boxes, report } = await computeAnswering(computeLinkArgs(hover), ['0.9', '0']);
    assert.deepEqual(
      boxes.map((box) => box.title),
      ['Loss Lens: Compute Loss (1/2)', 'Loss Lens: Compute Loss (2/2)'],
      JSON.stringify(boxes),
    );
    assert.match(boxes[0]!.prompt, /^Prediction/);
    assert.ok(!/classes/.test(boxes[0]!.prompt), 'a sigmoid call is not offered class scores');
    assert.match(boxes[1]!.prompt, /^Target y/);
    assert.ok(report && 'breakdown' in report, 'no binary report');
    // train.py: sigmoid_focal_loss(..., alpha=0.25, gamma=2.0); the typed negative gets alpha_t = 0.75.
    assert.deepEqual([report.y, report.alpha, report.gamma], [0, 0.25, 2]);
    assert.equal(report.breakdown.focal, lossFromProb('focal', 0.9, 0, { alpha: 0.25, gamma: 2 }));
  });

  it("a softmax call's link asks for the class scores and the target class, numbered 1/2 and 2/2", async () => {
    const text = 'import torch\nimport torch.nn as nn\ncriterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 3.0]), label_smoothing=0.1)\n';
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: text });
    const hover = await lossLensHover(document.uri, positionOf(document, 'CrossEntropyLoss(', 2));
    assert.ok(hover, 'no Loss Lens hover on CrossEntropyLoss');
    const { boxes, report } = await computeAnswering(computeLinkArgs(hover), ['2.0, 0.5, -1.0', '1']);
    assert.deepEqual(
      boxes.map((box) => box.title),
      ['Loss Lens: Compute Loss (1/2)', 'Loss Lens: Compute Loss (2/2)'],
      JSON.stringify(boxes),
    );
    assert.ok(report && 'probabilities' in report, 'no softmax report');
    assert.equal(report.target, 1);
  });

  it('the palette asks four numbered questions; class scores at the first renumber the rest 2/3 and 3/3', async () => {
    const binary = await computeAnswering([], ['0.9', '1', '0.25', '2']);
    assert.deepEqual(binary.boxes.map((box) => box.title.replace('Loss Lens: Compute Loss', '')), [' (1/4)', ' (2/4)', ' (3/4)', ' (4/4)']);
    assert.ok(binary.report && 'breakdown' in binary.report);
    assert.equal(binary.report.breakdown.focal, lossFromProb('focal', 0.9, 1, { alpha: 0.25, gamma: 2 }));
    const classes = await computeAnswering([], ['2.0, 0.5, -1.0', '0', '2']);
    assert.deepEqual(classes.boxes.map((box) => box.title.replace('Loss Lens: Compute Loss', '')), [' (1/4)', ' (2/3)', ' (3/3)']);
    assert.ok(classes.report && 'probabilities' in classes.report);
  });

  it('class scores passed as the prediction ask the target and gamma, numbered 1/2 and 2/2 (not 1/3, 2/3)', async () => {
    const { boxes, report } = await computeAnswering([{ prediction: '2.0, 0.5, -1.0' }], ['0', '2']);
    assert.deepEqual(boxes.map((box) => box.title.replace('Loss Lens: Compute Loss', '')), [' (1/2)', ' (2/2)']);
    assert.ok(report && 'probabilities' in report);
  });
});
