import * as vscode from 'vscode';
import { summaryOfEvaluateResult } from '../live/batchSummary';
import type { ParsedBatchSummary } from '../live/batchSummary';
import { batchExpression } from '../live/batchRequest';
import type { BatchRequest } from '../live/batchRequest';
import { withTorchDtypeRefusal } from '../live/torchDtype';

/*
 * The paused Python frame and the batch summaries read from it, through the debug session's own
 * requests (never by attaching anything else). A stop, a step or a change of the selected frame
 * starts a new "stop": every summary read before is dropped, so a value is never older than the
 * frame it is shown for.
 */

/** Debug types that run Python: the Python Debugger extension, the older Python extension, and Jupyter's kernel debuggers. */
export const PYTHON_DEBUG_TYPES: ReadonlySet<string> = new Set(['debugpy', 'python', 'Python Kernel Debug Adapter', 'Python Interactive Window Debug Adapter']);

/** How long one evaluation may take before Loss Lens gives up on it (the debuggee may be slow or stuck). */
export const EVALUATE_TIMEOUT_MS = 20_000;

export interface PausedFrame {
  readonly session: vscode.DebugSession;
  readonly frameId: number;
  /** The frame's source file (a path, as the adapter reports it) and its 0-based line. */
  readonly path: string | undefined;
  readonly line: number;
  /** The frame's name as the adapter gives it (the function, e.g. 'train_step'). */
  readonly name: string;
  /** Which stop this is: summaries are cached per stop. */
  readonly stop: number;
  /** When the stop began (shown with values taken from it). */
  readonly since: Date;
}

/** Which stop a frame's values are from, as the hover and the selection command say it. */
export function stopLabelOf(frame: PausedFrame): { readonly line: number; readonly time: string } {
  return { line: frame.line + 1, time: frame.since.toTimeString().slice(0, 8) };
}

export type LiveRead = ParsedBatchSummary;

/**
 * Whether the adapter's source path is this document. Adapters report a file system path, which VS
 * Code may hand on as a URI (a remote window turns it into vscode-remote://host/path); compared as URI
 * paths, case-insensitively on Windows.
 */
export function isFrameDocument(frame: PausedFrame, document: vscode.Uri): boolean {
  const asUri = frameUri(frame);
  if (asUri === undefined) return false;
  const windows = typeof process !== 'undefined' && process.platform === 'win32';
  return windows ? asUri.path.toLowerCase() === document.path.toLowerCase() : asUri.path === document.path;
}

/** The frame's source file as a URI (the adapter's path, or the URI VS Code handed on), if it has one. */
export function frameUri(frame: PausedFrame): vscode.Uri | undefined {
  const path = frame.path;
  if (path === undefined) return undefined;
  return /^[a-z][\w+.-]*:\/\//i.test(path) ? vscode.Uri.parse(path) : vscode.Uri.file(path);
}

export class PausedFrames implements vscode.Disposable {
  private stop = 0;
  private since = new Date();
  private frame: Promise<PausedFrame | undefined> | undefined;
  private readonly summaries = new Map<string, Promise<LiveRead>>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires on every stop, step, frame change and session end. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subscriptions = [
      vscode.debug.onDidChangeActiveStackItem(() => this.reset()),
      vscode.debug.onDidTerminateDebugSession(() => this.reset()),
      this.changed,
    ];
  }

  private reset(): void {
    this.stop++;
    this.since = new Date();
    this.frame = undefined;
    this.summaries.clear();
    this.changed.fire();
  }

  /** The selected frame of a paused Python session, with its source; undefined when there is none. */
  current(): Promise<PausedFrame | undefined> {
    const item = vscode.debug.activeStackItem;
    if (!(item instanceof vscode.DebugStackFrame) || !PYTHON_DEBUG_TYPES.has(item.session.type)) return Promise.resolve(undefined);
    this.frame ??= this.locate(item, this.stop, this.since);
    return this.frame;
  }

  private async locate(item: vscode.DebugStackFrame, stop: number, since: Date): Promise<PausedFrame | undefined> {
    try {
      const trace = (await withTimeout(item.session.customRequest('stackTrace', { threadId: item.threadId, startFrame: 0, levels: 50 }))) as { stackFrames?: { id: number; name?: string; line: number; source?: { path?: string } }[] };
      const frame = trace.stackFrames?.find((f) => f.id === item.frameId);
      if (!frame) return undefined;
      return { session: item.session, frameId: item.frameId, path: frame.source?.path, line: frame.line - 1, name: typeof frame.name === 'string' ? frame.name : '', stop, since };
    } catch {
      return undefined;
    }
  }

  /**
   * The summary of `request` in `frame`, read once per stop. The expression is the shipped snippet
   * called with the request's checked argument expressions (batchExpression); the result comes back
   * as one raw string (the clipboard context lifts the 64K cut of repl results).
   */
  read(frame: PausedFrame, request: BatchRequest): Promise<LiveRead> {
    const expression = batchExpression(request);
    // The expression holds the arguments, the spec and the live parameters: it is the request.
    const key = `${frame.session.id}|${frame.frameId}|${frame.stop}|${request.library ?? ''}|${expression}`;
    let read = this.summaries.get(key);
    if (!read) {
      // A summary of values PyTorch would refuse (integer predictions) is no loss of this call.
      read = evaluate(frame, expression).then((summary) => withTorchDtypeRefusal(summary, request));
      if (frame.stop === this.stop) this.summaries.set(key, read);
    }
    return read;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.summaries.clear();
  }
}

async function evaluate(frame: PausedFrame, expression: string): Promise<LiveRead> {
  try {
    const response = (await withTimeout(
      frame.session.customRequest('evaluate', { expression, frameId: frame.frameId, context: 'clipboard', format: { rawString: true } }),
    )) as { result?: string };
    return summaryOfEvaluateResult(response.result ?? '');
  } catch (error) {
    return { ok: false, error: 'evaluate', detail: error instanceof Error ? error.message : String(error) };
  }
}

function withTimeout<T>(promise: Thenable<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${EVALUATE_TIMEOUT_MS / 1000} s`)), EVALUATE_TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
