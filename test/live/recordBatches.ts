// Records the batch fixtures the webview's tests use (test/fixtures/batch/*.json): a real debug
// session of the sample workspace's live scripts, paused on the loss call, evaluating the request
// the extension sends for the Explorer's batch view, saved as the exact JSON the snippet returned.
// Run after a change to batchSummary.py's view: `node esbuild.mjs --tests && node out/test/live/recordBatches.js`.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findLossCalls } from '../../src/language/recognition';
import { batchExpression, batchRequestOf, VIEW_SAMPLE } from '../../src/live/batchRequest';
import { summaryOfEvaluateResult } from '../../src/live/batchSummary';
import { DapClient } from './dapClient';

const PYTHON = '/usr/bin/python3';
const root = join(__dirname, '..', '..', '..');

/** The script, the 1-based line of its loss call (where it stops), and the fixture's name. */
const RECORDINGS = [
  { script: 'retina_step.py', call: 'sigmoid_focal_loss(', name: 'retina' },
  { script: 'softmax_step.py', call: 'criterion(logits', name: 'softmax' },
];

export async function record(script: string, callText: string): Promise<{ request: unknown; result: string; line: number }> {
  const program = join(root, 'test', 'fixtures', 'workspace', 'live', script);
  const source = readFileSync(program, 'utf8');
  const offset = source.indexOf(callText);
  const call = findLossCalls(source, 'python').find((c) => c.start <= offset && offset < c.end);
  if (!call) throw new Error(`${script}: no loss call at ${callText}`);
  const line = source.slice(0, call.start).split('\n').length;
  const request = batchRequestOf(call, source.slice(call.start, call.end), { view: VIEW_SAMPLE });
  if (!request.ok) throw new Error(`${script}: ${String(request.reason)}`);
  const child = spawn(PYTHON, ['-m', 'debugpy.adapter'], { stdio: 'pipe' });
  const client = new DapClient(child);
  try {
    await client.request('initialize', { adapterID: 'debugpy', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    const initialized = client.event('initialized');
    const launched = client.request('launch', { program, python: [PYTHON], console: 'internalConsole', justMyCode: true, cwd: join(program, '..') });
    await initialized;
    await client.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line }] });
    const stopped = client.event('stopped') as Promise<{ threadId: number }>;
    await client.request('configurationDone');
    await launched;
    const { threadId } = await stopped;
    const trace = await client.request<{ stackFrames: { id: number }[] }>('stackTrace', { threadId, startFrame: 0, levels: 20 });
    const response = await client.request<{ result: string }>('evaluate', { expression: batchExpression(request.request), frameId: trace.stackFrames[0]!.id, context: 'clipboard', format: { rawString: true } });
    return { request: request.request, result: response.result, line };
  } finally {
    await client.request('disconnect', { terminateDebuggee: true }).catch(() => undefined);
    child.kill();
  }
}

if (require.main === module) {
  void (async () => {
    for (const r of RECORDINGS) {
      const { request, result, line } = await record(r.script, r.call);
      const parsed = summaryOfEvaluateResult(result);
      if (parsed.ok !== true || !parsed.summary.view) throw new Error(`${r.script}: ${JSON.stringify(parsed).slice(0, 300)}`);
      const fixture = { recorded: { script: `live/${r.script}`, line, adapter: 'debugpy (Debian python3-debugpy)' }, request, summary: JSON.parse(result) as unknown };
      writeFileSync(join(root, 'test', 'fixtures', 'batch', `${r.name}.json`), JSON.stringify(fixture) + '\n');
      console.log(`${r.name}: ${(result.length / 1024).toFixed(0)} KB, n ${parsed.summary.n}`);
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
