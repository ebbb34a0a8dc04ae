import { toCsv, toMarkdown } from '../core/tables';
import type { TextTable } from '../core/tables';
import type { ExportFormat, WebviewMessage } from '../protocol';
import { h } from './dom';

/*
 * Export: the values table as CSV or Markdown (copied or saved by the host, which owns the
 * clipboard and the file system) and the charts as PNG.
 */

export interface ExportView {
  readonly root: HTMLElement;
  /** Shows the host's answer to an export. */
  showResult(what: string, ok: boolean, detail: string): void;
  /** Exports the values as the matching button would (asked by the host). */
  run(action: 'copy' | 'save', format: ExportFormat): void;
}

export interface ExportSources {
  readonly table: () => TextTable;
  readonly lossPng: () => string;
  readonly gradPng: () => string;
  readonly post: (message: WebviewMessage) => void;
}

export function buildExportView(sources: ExportSources): ExportView {
  const status = h('p', { id: 'export-status', className: 'hint', attrs: { 'aria-live': 'polite' } });
  const text = (format: ExportFormat) => (format === 'csv' ? toCsv(sources.table()) : toMarkdown(sources.table()));
  const button = (id: string, label: string, action: () => void) => {
    const element = h('button', { id, text: label, attrs: { type: 'button' } });
    element.addEventListener('click', action);
    return element;
  };
  const textAction = (type: 'copyText' | 'saveText', format: ExportFormat) => () => {
    if (sources.table().rows.length === 0) {
      status.textContent = 'No values to export yet.';
      return;
    }
    sources.post({ type, format, text: text(format) });
  };
  return {
    root: h(
      'div',
      { className: 'export' },
      h('h3', { text: 'Export' }),
      h(
        'div',
        { className: 'row' },
        button('copy-csv', 'Copy values as CSV', textAction('copyText', 'csv')),
        button('copy-markdown', 'Copy values as Markdown', textAction('copyText', 'markdown')),
        button('save-csv', 'Save values as CSV...', textAction('saveText', 'csv')),
        button('save-markdown', 'Save values as Markdown...', textAction('saveText', 'markdown')),
        button('save-loss-png', 'Save loss chart as PNG...', () => sources.post({ type: 'savePng', dataUrl: sources.lossPng() })),
        button('save-grad-png', 'Save gradient chart as PNG...', () => sources.post({ type: 'savePng', dataUrl: sources.gradPng() })),
      ),
      status,
    ),
    showResult(what, ok, detail) {
      status.textContent = ok ? `${what}: ${detail}.` : `${what} failed: ${detail}`;
    },
    run(action, format) {
      // The host waits for an answer: an empty table answers too.
      if (sources.table().rows.length === 0) sources.post({ type: 'nothingToExport', format });
      textAction(action === 'copy' ? 'copyText' : 'saveText', format)();
    },
  };
}
