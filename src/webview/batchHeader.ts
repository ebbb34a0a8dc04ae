import type { TensorDescription } from '../core';
import type { ExplorerBatch, WebviewMessage } from '../protocol';
import { checkLines } from './batchChecks';
import { h } from './dom';
import { s } from './strings';

/*
 * The batch view's head: which stop the values are from (file:line, frame, time), the call, the
 * inputs' shapes and dtypes, the refresh button with the host's answer, and the checks that fired.
 * Everything here comes from a document or a debuggee: it is set as text, never as HTML.
 */

export interface BatchHeader {
  readonly root: HTMLElement;
  show(batch: ExplorerBatch | null, digits: number): void;
  showStatus(status: 'reading' | 'failed', detail: string): void;
  /** Why the view shows no numbers for this batch, or '' for none. */
  showNote(text: string): void;
}

function shapeText(description: TensorDescription): string {
  const shape = description.shape ? `[${description.shape.join(', ')}]` : '';
  return [description.dtype, shape].filter(Boolean).join(' ') || description.type;
}

const count = (n: number) => n.toLocaleString('en-US');

export function buildBatchHeader(post: (message: WebviewMessage) => void): BatchHeader {
  const empty = h('p', { id: 'batch-empty', className: 'hint', text: s('batch.empty') });
  const stop = h('p', { id: 'batch-stop', className: 'batch-stop' });
  const call = h('p', { id: 'batch-call', className: 'call-label' });
  const inputs = h('p', { id: 'batch-inputs', className: 'batch-inputs' });
  const counts = h('p', { id: 'batch-counts' });
  const refresh = h('button', { id: 'batch-refresh', className: 'secondary', text: s('batch.refresh'), attrs: { type: 'button' } });
  const status = h('p', { id: 'batch-status', className: 'hint', attrs: { 'aria-live': 'polite' } });
  const checks = h('ul', { id: 'batch-checks', className: 'batch-checks' });
  const note = h('p', { id: 'batch-unmodelled', className: 'check-warning' });
  refresh.addEventListener('click', () => post({ type: 'refreshBatch' }));
  const details = h('div', { id: 'batch-details' }, stop, call, inputs, counts, checks, note);
  return {
    root: h('div', { className: 'batch-header' }, empty, details, h('div', { className: 'row' }, refresh, status)),
    show(batch, digits) {
      empty.hidden = batch !== null;
      details.hidden = batch === null;
      status.textContent = '';
      if (!batch) return;
      const sm = batch.summary;
      stop.textContent = s('batch.stop', batch.stop.file, batch.stop.line, batch.stop.frame, batch.stop.time);
      call.textContent = batch.label;
      inputs.textContent = `${batch.pred} ${shapeText(sm.inputs.pred)} · ${batch.target} ${shapeText(sm.inputs.target)}`;
      counts.textContent =
        sm.model === 'sigmoid'
          ? s('batch.countsBinary', count(sm.n), count(sm.positives ?? 0), `${((100 * (sm.positives ?? 0)) / sm.n).toPrecision(3)}%`, count(sm.negatives ?? 0))
          : s('batch.countsSoftmax', count(sm.n), count(sm.classes ?? 0), count(sm.kept ?? 0));
      checks.replaceChildren(...checkLines(sm, digits).map((line) => h('li', { className: line.warning ? 'check-warning' : 'check-note', text: `${line.warning ? '⚠' : 'ℹ'} ${line.text}` })));
    },
    showNote(text) {
      note.textContent = text;
      note.hidden = text === '';
    },
    showStatus(kind, detail) {
      // The host says what it is doing in the display language ('Reading the batch at the current stop…').
      status.textContent = kind === 'reading' ? detail || '…' : `${s('batch.failed', detail)} ${s('batch.keptStop')}`;
    },
  };
}
