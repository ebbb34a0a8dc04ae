import { toCsv, toMarkdown } from '../core/tables';
import type { TextTable } from '../core/tables';
import type { ExportFormat, WebviewMessage } from '../protocol';
import { h } from './dom';
import { s } from './strings';

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
      status.textContent = s('export.nothing');
      return;
    }
    sources.post({ type, format, text: text(format) });
  };
  return {
    root: h(
      'div',
      { className: 'export' },
      h('h3', { text: s('export.heading') }),
      h(
        'div',
        { className: 'row' },
        button('copy-csv', s('export.copyCsv'), textAction('copyText', 'csv')),
        button('copy-markdown', s('export.copyMarkdown'), textAction('copyText', 'markdown')),
        button('save-csv', s('export.saveCsv'), textAction('saveText', 'csv')),
        button('save-markdown', s('export.saveMarkdown'), textAction('saveText', 'markdown')),
        button('save-loss-png', s('export.saveLossPng'), () => sources.post({ type: 'savePng', dataUrl: sources.lossPng() })),
        button('save-grad-png', s('export.saveGradPng'), () => sources.post({ type: 'savePng', dataUrl: sources.gradPng() })),
      ),
      status,
    ),
    showResult(what, ok, detail) {
      status.textContent = ok ? s('export.done', what, detail) : s('export.failed', what, detail);
    },
    run(action, format) {
      // The host waits for an answer: an empty table answers too.
      if (sources.table().rows.length === 0) sources.post({ type: 'nothingToExport', format });
      textAction(action === 'copy' ? 'copyText' : 'saveText', format)();
    },
  };
}
