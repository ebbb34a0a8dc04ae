// Live values in real Python debug sessions: the test fixture extension (test/fixtures/debugpy-adapter)
// starts Debian's debugpy adapter for the `debugpy` type, a script of the fixture workspace stops at a
// breakpoint, and the hover on its loss call gains the batch section, whose numbers must be PyTorch's
// float64 values for the same batch, computed by the script itself (1e-9 relative). Node host only:
// the web worker host cannot start a debug adapter, and there the hover stays as it is.
import * as assert from './assert';
import * as vscode from 'vscode';
import type { LossLensApi } from '../../src/extension/extension';
import type { ComputeSelectionResult } from '../../src/extension/selectionCommand';
import type { ShowBatchResult } from '../../src/extension/showBatchCommand';
import { EXPECTED_HOST } from './host';
import { explorerTabs, fixtureUri, hoverTexts, positionOf, waitFor, withSetting } from './fixtures';

/** Debian's interpreter, where python3-debugpy, -numpy, -torch and -torchvision are installed. */
const PYTHON = '/usr/bin/python3';

function pausedFrame(): vscode.DebugStackFrame | undefined {
  const item = vscode.debug.activeStackItem;
  return item instanceof vscode.DebugStackFrame ? item : undefined;
}

/** Starts `script` under debugpy with a breakpoint on the line holding `stopAt`, and waits for the stop. */
async function pausedAt(script: string, stopAt: string): Promise<{ document: vscode.TextDocument; frame: vscode.DebugStackFrame }> {
  const uri = fixtureUri(`live/${script}`);
  const document = await vscode.workspace.openTextDocument(uri);
  const line = positionOf(document, stopAt).line;
  vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
  vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(uri, new vscode.Position(line, 0)))]);
  const folder = vscode.workspace.workspaceFolders![0]!;
  const started = await vscode.debug.startDebugging(folder, { type: 'debugpy', name: `live ${script}`, request: 'launch', program: uri.fsPath, python: PYTHON, console: 'internalConsole', justMyCode: true });
  assert.ok(started, 'the debug session did not start');
  // torch takes seconds to import on a busy machine: wait for the stop itself, not for a time.
  await waitFor(() => pausedFrame() !== undefined, `a stop at ${script}:${line + 1}`, 240_000);
  return { document, frame: pausedFrame()! };
}

/** Steps over one line in the paused frame and waits for the next stop. */
async function stepOver(): Promise<void> {
  const frame = pausedFrame()!;
  const stopped = new Promise<void>((resolve) => {
    const sub = vscode.debug.onDidChangeActiveStackItem((item) => {
      if (item instanceof vscode.DebugStackFrame) {
        sub.dispose();
        resolve();
      }
    });
  });
  await frame.session.customRequest('next', { threadId: frame.threadId });
  await stopped;
}

async function stopSession(): Promise<void> {
  const session = vscode.debug.activeDebugSession;
  vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
  if (!session) return;
  const ended = new Promise<void>((resolve) => {
    const done = vscode.debug.onDidTerminateDebugSession(() => {
      done.dispose();
      resolve();
    });
  });
  await vscode.debug.stopDebugging(session);
  await ended;
}

/** What the debuggee says `expression` is (the test's own read, not Loss Lens's). */
async function valueOf(frame: vscode.DebugStackFrame, expression: string): Promise<string> {
  const response = (await frame.session.customRequest('evaluate', { expression, frameId: frame.frameId, context: 'repl' })) as { result: string };
  return response.result;
}

/** The batch section of the hover at `needle`: the hover text holding "This batch". */
async function batchHover(document: vscode.TextDocument, needle: string): Promise<string> {
  const texts = await hoverTexts(document.uri, positionOf(document, needle, 1));
  const section = texts.find((text) => text.includes('This batch'));
  assert.ok(section, `no batch section in:\n${texts.join('\n---\n')}`);
  return section;
}

/** The number after a bold label in the section (the hover prints 17 significant digits here). */
function numberAfter(section: string, pattern: RegExp): number {
  const match = pattern.exec(section);
  assert.ok(match, `${pattern} not in:\n${section}`);
  return Number(match[1]!.replace(/,/g, ''));
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

(EXPECTED_HOST === 'node' ? describe : describe.skip)('Live values from a paused Python debug session', function () {
  this.timeout(300_000);

  before(async () => {
    await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
  });

  afterEach(async () => {
    await stopSession();
  });

  it("RetinaNet step, 10^5 anchors: torchvision's focal loss of this batch as PyTorch computes it, and the seed's argument", async () => {
    const { document, frame } = await pausedAt('retina_step.py', 'loss = sigmoid_focal_loss');
    await withSetting('precision', 17, async () => {
      const section = await batchHover(document, 'sigmoid_focal_loss(cls');
      assert.match(section, /`cls_logits` float32 \[100000\]/);
      assert.match(section, /100,000 elements: [\d,]+ positives/);
      const sum = numberAfter(section, /reduction `"sum"`\): \*\*([^*]+)\*\*/);
      const reference = Number(await valueOf(frame, 'REF_SUM'));
      assert.ok(relative(sum, reference) <= 1e-9, `hover ${sum}, PyTorch ${reference}`);
      const ceMean = numberAfter(section, /plain CE ([^ ]+) \(mean\)/);
      assert.ok(relative(ceMean, Number(await valueOf(frame, 'REF_CE_MEAN'))) <= 1e-9, `plain CE ${ceMean}`);
      assert.match(section, /Easy negatives \(p_t > 0\.9\): [\d,]+ carry [\d.]+% of the CE, [\d.e-]+% of the FL \(γ 2, α 0\.25\)/);
      assert.match(section, /The hardest 1% of elements carry [\d.]+% of the FL/);
      assert.doesNotMatch(section, /⚠/, 'a correct batch raises no warning');
      assert.match(section, /Open this batch in the Loss Explorer/);
      // The batch's numbers stand in for the static part's p_t table: both would not fit the box.
      const texts = await hoverTexts(document.uri, positionOf(document, 'sigmoid_focal_loss(cls', 1));
      const staticPart = texts.find((text) => text.includes('torchvision.ops.sigmoid') && !text.includes('This batch'));
      assert.ok(staticPart, texts.join('\n---\n'));
      assert.doesNotMatch(staticPart, /\| CE \|/);
    });
    // Compute Loss for Selection on two expressions: the same batch, the settings' focal loss (0.25, 2).
    const selected = await vscode.commands.executeCommand<ComputeSelectionResult>('lossLens.computeSelection', { text: 'cls_logits, gt_targets', loss: 'focal' });
    const summary = selected?.live?.summary;
    assert.ok(summary, JSON.stringify(selected));
    const reference = Number(await valueOf(frame, 'REF_SUM'));
    assert.ok(relative(summary.loss.sum, reference) <= 1e-9, `selection ${summary.loss.sum}, PyTorch ${reference}`);
    assert.ok(relative(summary.loss.mean!, reference / 100_000) <= 1e-9);
    // One expression: the target is given (the input box's answer in a test).
    const one = await vscode.commands.executeCommand<ComputeSelectionResult>('lossLens.computeSelection', { text: 'cls_logits[:1000]', target: 'gt_targets[:1000]', loss: 'ce' });
    assert.equal(one?.live?.summary?.n, 1000);
    // A call in the selection is never evaluated.
    const refused = await vscode.commands.executeCommand<ComputeSelectionResult>('lossLens.computeSelection', { text: 'model(cls_logits), gt_targets', loss: 'ce' });
    assert.match(refused?.live?.refusal ?? '', /`model\(cls_logits\)` is not evaluated: it calls something/);
  });

  it("Show Batch in Loss Explorer, from the hover's link: the batch view's exact sums and Figure 4 curves are PyTorch's for this batch", async () => {
    const { document, frame } = await pausedAt('retina_step.py', 'loss = sigmoid_focal_loss');
    const section = await batchHover(document, 'sigmoid_focal_loss(cls');
    // The link the hover offers, run as VS Code runs a command link: its arguments from the URI.
    const link = /\]\(command:lossLens\.showBatchInExplorer\?([^ )]+)/.exec(section);
    assert.ok(link, `no batch view link in:\n${section}`);
    const args = JSON.parse(decodeURIComponent(link[1]!)) as unknown[];
    const shown = await vscode.commands.executeCommand<ShowBatchResult>('lossLens.showBatchInExplorer', ...args);
    assert.ok(shown?.ok === true, JSON.stringify(shown));
    const { batch } = shown;
    await waitFor(() => explorerTabs().length === 1, 'the Loss Explorer to open');
    assert.deepEqual(batch.stop, { file: 'live/retina_step.py', line: positionOf(document, 'loss = sigmoid_focal_loss').line + 1, frame: 'train_step', time: batch.stop.time });
    assert.equal(batch.pred, 'cls_logits');
    const view = batch.summary.view;
    assert.ok(view && 'positives' in view, 'a binary view');
    // The whole batch fits the sample: 100,000 values, positives first.
    assert.equal(view.sample.size, 100_000);
    assert.equal(view.sample.groups.positives, batch.summary.positives);
    // Exact over the batch: FL at gamma 2 from the groups' sums with alpha 0.25 is torchvision's sum.
    const g2 = view.gammas.indexOf(2);
    const fl = 0.25 * view.positives.flSums[g2]! + 0.75 * view.negatives.flSums[g2]!;
    assert.ok(relative(fl, Number(await valueOf(frame, 'REF_SUM'))) <= 1e-9, `view ${fl}`);
    // Figure 4: the easiest 90% of negatives' share of their CE and of their FL at gamma 2.
    const at90 = view.fractions.indexOf(0.9);
    assert.ok(relative(view.negatives.curves[0]![at90]!, Number(await valueOf(frame, 'REF_NEG_EASY90_CE'))) <= 1e-9);
    assert.ok(relative(view.negatives.curves[g2]![at90]!, Number(await valueOf(frame, 'REF_NEG_EASY90_FL'))) <= 1e-9);
    // The histograms count every element once.
    const counted = [...view.positives.histogram, ...view.negatives.histogram].reduce((a, b) => a + b, 0);
    assert.equal(counted, 100_000);
    // The hardest negative is a real element: its logit is the program's.
    const hardest = view.negatives.hardest[0]!;
    assert.equal(Number(await valueOf(frame, `cls_logits[${hardest.flat}].item()`)), hardest.x);
    // Not paused: the command says why, and shows nothing new.
    await stopSession();
    const after = await vscode.commands.executeCommand<ShowBatchResult>('lossLens.showBatchInExplorer', ...args);
    assert.ok(after?.ok === false && /paused/.test(after.reason), JSON.stringify(after));
    for (const tab of explorerTabs()) await vscode.window.tabGroups.close(tab);
  });

  it('softmax classifier: nn.CrossEntropyLoss(weight=, label_smoothing=) built elsewhere, as PyTorch computes it; the softmax-into-CE mistake is named', async () => {
    const { document, frame } = await pausedAt('softmax_step.py', 'loss = criterion(logits');
    await withSetting('precision', 17, async () => {
      const section = await batchHover(document, 'criterion(logits');
      assert.match(section, /10,000 samples × 10 classes/);
      const mean = numberAfter(section, /reduction `"mean"`\): \*\*([^*]+)\*\*/);
      const reference = Number(await valueOf(frame, 'REF'));
      assert.ok(relative(mean, reference) <= 1e-9, `hover ${mean}, PyTorch ${reference}`);
      assert.doesNotMatch(section, /⚠/);
    });
    // The batch view's per-class sums give the weighted, smoothed CE exactly (PyTorch's formula).
    const at = positionOf(document, 'criterion(logits');
    // With the cursor at the start of the paused line (where Go to Line puts it), not on the call: the
    // line's one loss call, as the status bar's entry names it (qa8: the command had said "No loss call at the cursor").
    const fromLine = await vscode.commands.executeCommand<ShowBatchResult>('lossLens.showBatchInExplorer', { uri: document.uri.toString(), line: at.line, character: 0 });
    assert.ok(fromLine?.ok === true, JSON.stringify(fromLine));
    const shown = await vscode.commands.executeCommand<ShowBatchResult>('lossLens.showBatchInExplorer', { uri: document.uri.toString(), line: at.line, character: at.character });
    assert.ok(shown?.ok === true, JSON.stringify(shown));
    assert.deepEqual(fromLine.batch.summary, shown.batch.summary);
    const view = shown.batch.summary.view;
    assert.ok(view && 'perClass' in view, 'a softmax view');
    const w = shown.batch.spec.weight!;
    const e = shown.batch.spec.labelSmoothing;
    assert.equal(e, 0.1);
    const counts = shown.batch.summary.perClass!.count;
    const nll = view.perClass.ceSum.reduce((sum, v, c) => sum + w[c]! * v, 0);
    const smooth = -view.perClass.logSum.reduce((sum, v, c) => sum + w[c]! * v, 0) / w.length;
    const divisor = counts.reduce((sum, n, c) => sum + w[c]! * n, 0);
    const exact = ((1 - e) * nll + e * smooth) / divisor;
    assert.ok(relative(exact, Number(await valueOf(frame, 'REF'))) <= 1e-9, `view ${exact}`);
    for (const tab of explorerTabs()) await vscode.window.tabGroups.close(tab);
    // The mistake: probs is not a variable yet at this line, so this call says nothing...
    const early = await hoverTexts(document.uri, positionOf(document, 'cross_entropy(probs', 1));
    assert.ok(!early.some((t) => t.includes('This batch')), early.join('\n---\n'));
    // ...until the program has computed it: step over two lines, and the check names the double softmax.
    await stepOver();
    await stepOver();
    const wrong = await batchHover(document, 'cross_entropy(probs');
    assert.match(wrong, /⚠ Every row is in \\\[0, 1\\\] and sums to 1/);
  });

  it('a status bar entry while paused on a loss call, whose command computes that batch; gone on a line without one and when the session ends', async () => {
    const api = vscode.extensions.getExtension<LossLensApi>('loss-lens.loss-lens')!.exports;
    const { document, frame } = await pausedAt('softmax_step.py', 'loss = criterion(logits');
    const entryFor = (needle: string) => {
      const status = api.pausedBatchStatus();
      const at = positionOf(document, needle);
      return status.visible && status.command?.command === 'lossLens.showBatchInExplorer' && JSON.stringify(status.command.arguments) === JSON.stringify([{ uri: document.uri.toString(), line: at.line, character: at.character }]);
    };
    await waitFor(() => entryFor('criterion(logits'), 'the entry for criterion(logits, labels)', 60_000);
    // Its command: Show Batch in Loss Explorer on that call; the batch's loss is PyTorch's.
    const command = api.pausedBatchStatus().command!;
    const result = await vscode.commands.executeCommand<ShowBatchResult>(command.command, ...command.arguments!);
    assert.ok(result?.ok === true, JSON.stringify(result));
    const reference = Number(await valueOf(frame, 'REF'));
    assert.ok(relative(result.batch.summary.loss.value!, reference) <= 1e-9, `entry's command ${result.batch.summary.loss.value}, PyTorch ${reference}`);
    for (const tab of explorerTabs()) await vscode.window.tabGroups.close(tab);
    // `probs = head(logits)` holds no loss call: no entry.
    await stepOver();
    await waitFor(() => !api.pausedBatchStatus().visible, 'the entry to leave a line without a loss call', 60_000);
    // `wrong = F.cross_entropy(probs, labels)`: the entry again, for that call.
    await stepOver();
    await waitFor(() => entryFor('F.cross_entropy(probs'), 'the entry for cross_entropy(probs, labels)', 60_000);
    // Continue: the program runs to its end, the session terminates, and the entry leaves.
    const session = frame.session;
    const ended = new Promise<void>((resolve) => {
      const done = vscode.debug.onDidTerminateDebugSession((s) => {
        if (s.id !== session.id) return;
        done.dispose();
        resolve();
      });
    });
    await session.customRequest('continue', { threadId: pausedFrame()!.threadId });
    await ended;
    await waitFor(() => !api.pausedBatchStatus().visible, 'the entry to leave when the session ended', 60_000);
  });

  it('a loss module built in __init__ from a local, called on reshaped logits in training_step: weights read from the module, the view applied to a copy', async () => {
    const { document, frame } = await pausedAt('module_step.py', 'loss = self.criterion(');
    await withSetting('precision', 17, async () => {
      const section = await batchHover(document, 'criterion(logits');
      assert.match(section, /30 samples × 4 classes/);
      const mean = numberAfter(section, /reduction `"mean"`\): \*\*([^*]+)\*\*/);
      const reference = Number(await valueOf(frame, 'REF'));
      assert.ok(relative(mean, reference) <= 1e-9, `hover ${mean}, PyTorch ${reference}`);
    });
  });

  it("a NumPy focal loss of the user's own, on NumPy arrays: its mean as torchvision computes it", async () => {
    const { document, frame } = await pausedAt('numpy_focal.py', 'loss = focal_loss(logits');
    await withSetting('precision', 17, async () => {
      const section = await batchHover(document, 'focal_loss(logits, targets)');
      assert.match(section, /`logits` float64 \[20000\]/);
      const mean = numberAfter(section, /reduction `"mean"`\): \*\*([^*]+)\*\*/);
      const reference = Number(await valueOf(frame, 'REF'));
      assert.ok(relative(mean, reference) <= 1e-9, `hover ${mean}, torchvision ${reference}`);
    });
  });

  it('never evaluates a call and never consumes a generator: the program is unchanged', async () => {
    const { document, frame } = await pausedAt('side_effects.py', 'loss = F.cross_entropy(logits, next');
    assert.equal(await valueOf(frame, 'CALLS[0]'), '0');
    const refused = await batchHover(document, 'cross_entropy(logits, next');
    // The expression is the user's text: shown escaped, as text.
    assert.match(refused, /not read: the target \\`next\\\(it\\\)\\` is not evaluated: it calls something/);
    const generator = await batchHover(document, 'cross_entropy(logits, it');
    assert.match(generator, /is a generator or iterator: reading it would consume it/);
    assert.equal(await valueOf(frame, 'CALLS[0]'), '0', 'the generator was advanced');
    // Steps of known effect are applied to Loss Lens's copy; an in-place method is never run.
    const before = await valueOf(frame, 'logits.tolist()');
    await withSetting('precision', 17, async () => {
      const shaped = await batchHover(document, 'cross_entropy(logits.view');
      const mean = numberAfter(shaped, /reduction `"mean"`\): \*\*([^*]+)\*\*/);
      const reference = Number(await valueOf(frame, 'F.cross_entropy(logits.double(), labels).item()'));
      assert.ok(relative(mean, reference) <= 1e-9, `hover ${mean}, PyTorch ${reference}`);
    });
    const mutated = await batchHover(document, 'cross_entropy(logits.add_');
    assert.match(mutated, /not read: the prediction .*logits.*add.* is not evaluated: .* is not a step Loss Lens knows the effect of/);
    assert.equal(await valueOf(frame, 'logits.tolist()'), before, 'the logits changed');
  });

  it('int64 labels into BCEWithLogitsLoss: the hover says PyTorch raises there and shows no loss, and the batch view is not opened; with .float() it computes', async () => {
    const { document, frame } = await pausedAt('int_labels.py', 'loss = criterion(logits, labels)');
    const refused = (await batchHover(document, 'criterion(logits, labels)')).replace(/\\(.)/g, '$1');
    assert.match(refused, /labels is int64: PyTorch's binary cross-entropy takes floating-point targets, so this call raises an error \(pass labels\.float\(\)\)/);
    assert.doesNotMatch(refused, /This call|Open this batch/);
    const at = positionOf(document, 'criterion(logits, labels)');
    const shown = await vscode.commands.executeCommand<ShowBatchResult>('lossLens.showBatchInExplorer', { uri: document.uri.toString(), line: at.line, character: at.character });
    assert.ok(!shown.ok && /labels is int64/.test(shown.reason.replace(/\\(.)/g, '$1')), JSON.stringify(shown));
    // The same call on float labels computes, as PyTorch does.
    await withSetting('precision', 17, async () => {
      const section = await batchHover(document, 'criterion(logits, labels.float())');
      const mean = numberAfter(section, /reduction `"mean"`\): \*\*([^*]+)\*\*/);
      const reference = Number(await valueOf(frame, 'torch.nn.functional.binary_cross_entropy_with_logits(logits.double(), labels.double()).item()'));
      assert.ok(relative(mean, reference) <= 1e-9, `hover ${mean}, PyTorch ${reference}`);
    });
  });

  it('says nothing outside a paused session', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('live/retina_step.py'));
    const texts = await hoverTexts(document.uri, positionOf(document, 'sigmoid_focal_loss(cls', 1));
    assert.ok(texts.some((text) => /\| CE \|/.test(text)), `the static hover with its table is there:\n${texts.join('\n---\n')}`);
    assert.ok(!texts.some((text) => text.includes('This batch')));
  });
});
