// `npm run bench -- live`: from a hover's request to the batch section, against a real debuggee. A
// small Debug Adapter Protocol client starts Debian's `python3 -m debugpy.adapter`, launches
// test/bench/liveBench.py, stops at its breakpoint, and times what the extension does for a hover:
// stackTrace for the frame, the one evaluate request with the shipped snippet, parsing the JSON and
// writing the section. Figures: a binary focal call on 10^6 anchors and a softmax CE call on
// 10^5 x 80 logits (targets 300 ms each), and the bytes each request brings back (target 1 MB).
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { DapClient } from '../live/dapClient';
import { join } from 'node:path';
import { findLossCalls } from '../../src/language/recognition';
import { batchExpression, batchRequestOf, VIEW_SAMPLE } from '../../src/live/batchRequest';
import { summaryOfEvaluateResult } from '../../src/live/batchSummary';
import { liveHoverMarkdown } from '../../src/extension/liveHoverMarkdown';
import { DEFAULT_SETTINGS } from '../../src/extension/settingsValues';
import { percentile, report } from './measure';

const PYTHON = '/usr/bin/python3';
const root = join(__dirname, '..', '..', '..');

async function paused(): Promise<{ client: DapClient; frameId: number; child: ChildProcessWithoutNullStreams }> {
  const child = spawn(PYTHON, ['-m', 'debugpy.adapter'], { stdio: 'pipe' });
  const client = new DapClient(child);
  await client.request('initialize', { adapterID: 'debugpy', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  const program = join(root, 'test', 'bench', 'liveBench.py');
  const initialized = client.event('initialized');
  const launched = client.request('launch', { program, python: [PYTHON], console: 'internalConsole', justMyCode: true });
  await initialized;
  await client.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line: 10 }] });
  const stopped = client.event('stopped') as Promise<{ threadId: number }>;
  await client.request('configurationDone');
  await launched;
  const { threadId } = await stopped;
  const trace = await client.request<{ stackFrames: { id: number }[] }>('stackTrace', { threadId, startFrame: 0, levels: 20 });
  return { client, frameId: trace.stackFrames[0]!.id, child };
}

const CASES = [
  { name: 'binary focal, 10^6 anchors (torchvision sigmoid_focal_loss)', source: 'from torchvision.ops import sigmoid_focal_loss\nl = sigmoid_focal_loss(cls_logits, gt_targets, reduction="sum")\n' },
  { name: 'softmax CE, 10^5 x 80 logits (nn.CrossEntropyLoss)', source: 'import torch.nn as nn\ncriterion = nn.CrossEntropyLoss(label_smoothing=0.1)\nl = criterion(logits, labels)\n' },
];

export async function benchLive(): Promise<void> {
  const { client, frameId, child } = await paused();
  try {
    // VS Code reads the stopped frame's scopes and variables before any hover; so does the bench,
    // and it times the adapter's first evaluate of a constant apart from the snippet's.
    const scopes = await client.request<{ scopes: { variablesReference: number }[] }>('scopes', { frameId });
    await client.request('variables', { variablesReference: scopes.scopes[0]!.variablesReference });
    const t0 = process.hrtime.bigint();
    await client.request('evaluate', { expression: '1', frameId, context: 'clipboard' });
    const firstEvaluate = Number(process.hrtime.bigint() - t0) / 1e6;
    const rows: [string, number, string, number | undefined][] = [];
    for (const c of CASES) {
      const calls = findLossCalls(c.source, 'python');
      const call = calls[calls.length - 1]!;
      const request = batchRequestOf(call, c.source.slice(call.start, call.end));
      if (!request.ok) throw new Error(String(request.reason));
      const expression = batchExpression(request.request);
      const times: number[] = [];
      let bytes = 0;
      for (let run = 0; run < 7; run++) {
        const start = process.hrtime.bigint();
        // What a hover does: the frame's stack, one evaluate, the parse and the section.
        await client.request('stackTrace', { threadId: 1, startFrame: 0, levels: 50 }).catch(() => undefined);
        const response = await client.request<{ result: string }>('evaluate', { expression, frameId, context: 'clipboard', format: { rawString: true } });
        const parsed = summaryOfEvaluateResult(response.result);
        if (parsed.ok !== true) throw new Error(`${c.name}: ${JSON.stringify(parsed)}`);
        liveHoverMarkdown(parsed, request.request, { line: 10, time: '00:00:00' }, DEFAULT_SETTINGS);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        bytes = Buffer.byteLength(response.result);
      }
      rows.push([`${c.name}: first request`, times[0]!, 'ms', 300], [`${c.name}: median of 7`, percentile(times, 0.5), 'ms', 300], [`${c.name}: transfer`, bytes / 1024, 'KB', 1024]);
    }
    report('Live values: hover request to batch section (debugpy adapter, paused debuggee)', [['the adapter\'s first evaluate (of `1`), for scale', firstEvaluate, 'ms', undefined], ...rows]);
    // The Explorer's batch view (Show Batch in Loss Explorer): exact curves and a 10^5 sample. No target;
    // a command with a progress notification, for scale.
    const viewRows: [string, number, string, number | undefined][] = [];
    for (const c of CASES) {
      const calls = findLossCalls(c.source, 'python');
      const call = calls[calls.length - 1]!;
      const request = batchRequestOf(call, c.source.slice(call.start, call.end), { view: VIEW_SAMPLE });
      if (!request.ok) throw new Error(String(request.reason));
      const expression = batchExpression(request.request);
      const times: number[] = [];
      let bytes = 0;
      for (let run = 0; run < 3; run++) {
        const start = process.hrtime.bigint();
        const response = await client.request<{ result: string }>('evaluate', { expression, frameId, context: 'clipboard', format: { rawString: true } });
        const parsed = summaryOfEvaluateResult(response.result);
        if (parsed.ok !== true || !parsed.summary.view) throw new Error(`${c.name}: no view`);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        bytes = Buffer.byteLength(response.result);
      }
      viewRows.push([`${c.name}: median of 3`, percentile(times, 0.5), 'ms', undefined], [`${c.name}: transfer`, bytes / 1024, 'KB', undefined]);
    }
    report('Live values: the batch view read (sample of 10^5, exact curves)', viewRows);
  } finally {
    await client.request('disconnect', { terminateDebuggee: true }).catch(() => undefined);
    child.kill();
  }
}
