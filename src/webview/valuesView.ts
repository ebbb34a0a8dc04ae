import { LossInputError } from '../core';
import { VALUE_HEADERS } from '../core/valueRows';
import type { ValueInput, ValueRow } from '../core/valueRows';
import { h } from './dom';
import { localizeMessage, s } from './strings';
import { typedNumber } from './typedNumber';

/*
 * "Your values": predictions from the host (a selection, a document) or typed here, as a table of
 * every quantity of the paper. Rows the core refuses show its message in place of numbers.
 */

export interface ValuesView {
  readonly root: HTMLElement;
  /** Redraws the table from computed rows and says where the values came from. */
  render(rows: readonly ValueRow[], source: string): void;
}

export interface ValuesViewHandlers {
  /** A typed value the core accepted: add it. */
  readonly onAdd: (input: ValueInput) => void;
  readonly onClear: () => void;
  /** Checks a typed value with the core; returns its message, or null if it computes. */
  readonly check: (input: ValueInput) => string | null;
}

/**
 * A column header. An expression such as (1 - p_t)^gamma must not wrap at its spaces: it is set
 * on one line with its exponent raised (the export keeps the core's header text); word headers
 * such as "balanced CE" may wrap.
 */
function headerCell(header: string): HTMLTableCellElement {
  const power = /^(.*)\^(\w+)$/.exec(header);
  if (!power) return h('th', { text: header, attrs: { scope: 'col' } });
  return h('th', { className: 'expression', attrs: { scope: 'col', 'aria-label': header } }, power[1]!.replace(/ /g, ''), h('sup', { text: power[2]! }));
}

export function buildValuesView(handlers: ValuesViewHandlers): ValuesView {
  const predictionBox = h('input', { id: 'value-prediction', attrs: { type: 'text', inputmode: 'decimal', spellcheck: 'false', autocomplete: 'off', placeholder: '0.9' } });
  const space = h('select', { id: 'value-space' }, h('option', { text: s('values.probability'), attrs: { value: 'p' } }), h('option', { text: s('values.logit'), attrs: { value: 'logit' } }));
  const targetBox = h('input', { id: 'value-y', attrs: { type: 'text', inputmode: 'decimal', spellcheck: 'false', autocomplete: 'off', placeholder: '1' } });
  const add = h('button', { id: 'value-add', text: s('values.add'), attrs: { type: 'submit' } });
  const clear = h('button', { id: 'value-clear', text: s('values.clear'), attrs: { type: 'button' } });
  const error = h('p', { id: 'value-error', className: 'error', attrs: { role: 'alert' } });
  const form = h(
    'form',
    { className: 'row', attrs: { 'aria-label': s('values.formAria') } },
    // Each label stays on the same line as its input when the row wraps.
    h('span', { className: 'field' }, h('label', { text: s('values.prediction'), attrs: { for: 'value-prediction' } }), predictionBox),
    h('span', { className: 'field' }, h('label', { text: s('values.as'), attrs: { for: 'value-space' } }), space),
    h('span', { className: 'field' }, h('label', { text: s('values.target'), attrs: { for: 'value-y' } }), targetBox),
    h('span', { className: 'field' }, add, clear),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = typedNumber(predictionBox.value);
    const y = typedNumber(targetBox.value.trim() === '' ? '1' : targetBox.value);
    const input: ValueInput = space.value === 'logit' ? { logit: value, y } : { p: value, y };
    let message: string | null;
    try {
      message = handlers.check(input);
    } catch (e) {
      if (!(e instanceof LossInputError)) throw e;
      message = e.message;
    }
    error.textContent = message === null ? '' : localizeMessage(message);
    if (message === null) {
      handlers.onAdd(input);
      predictionBox.value = '';
      predictionBox.focus();
    }
  });
  clear.addEventListener('click', () => {
    error.textContent = '';
    handlers.onClear();
  });

  const sourceLine = h('p', { id: 'values-source', className: 'hint' });
  const body = h('tbody');
  const table = h(
    'table',
    { id: 'values-table' },
    h('caption', { className: 'visually-hidden', text: s('values.caption') }),
    // An expression such as (1 - p_t)^gamma must not wrap at its spaces; word headers may.
    h('thead', {}, h('tr', {}, ...VALUE_HEADERS.map(headerCell))),
    body,
  );

  return {
    root: h(
      'div',
      { className: 'values' },
      form,
      error,
      sourceLine,
      h('div', { className: 'table-scroll' }, table),
    ),
    render(rows, source) {
      sourceLine.textContent = rows.length === 0 ? s('values.none') : s('values.from', source);
      body.replaceChildren(
        ...rows.map((row) =>
          row.ok
            ? h('tr', {}, ...row.cells.map((cell) => h('td', { text: cell })))
            : h('tr', { className: 'error-row' }, h('td', { text: localizeMessage(row.message), attrs: { colspan: String(VALUE_HEADERS.length) } })),
        ),
      );
    },
  };
}
