import { LossInputError } from '../core';
import { VALUE_HEADERS } from '../core/valueRows';
import type { ValueInput, ValueRow } from '../core/valueRows';
import { typedValue } from './controls';
import { h } from './dom';
import { parseTyped } from './numberControl';

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

export function buildValuesView(handlers: ValuesViewHandlers): ValuesView {
  const predictionBox = h('input', { id: 'value-prediction', attrs: { type: 'text', inputmode: 'decimal', spellcheck: 'false', autocomplete: 'off', placeholder: '0.9' } });
  const space = h('select', { id: 'value-space' }, h('option', { text: 'probability p', attrs: { value: 'p' } }), h('option', { text: 'logit', attrs: { value: 'logit' } }));
  const targetBox = h('input', { id: 'value-y', attrs: { type: 'text', inputmode: 'decimal', spellcheck: 'false', autocomplete: 'off', placeholder: '1' } });
  const add = h('button', { id: 'value-add', text: 'Add', attrs: { type: 'submit' } });
  const clear = h('button', { id: 'value-clear', text: 'Clear', attrs: { type: 'button' } });
  const error = h('p', { id: 'value-error', className: 'error', attrs: { role: 'alert' } });
  const form = h(
    'form',
    { className: 'row', attrs: { 'aria-label': 'Add a prediction' } },
    h('label', { text: 'Prediction', attrs: { for: 'value-prediction' } }),
    predictionBox,
    h('label', { text: 'as', attrs: { for: 'value-space' } }),
    space,
    h('label', { text: 'target y', attrs: { for: 'value-y' } }),
    targetBox,
    add,
    clear,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = typedValue(parseTyped(predictionBox.value), predictionBox.value);
    const yText = targetBox.value.trim() === '' ? '1' : targetBox.value;
    const y = typedValue(parseTyped(yText), yText);
    const input: ValueInput = space.value === 'logit' ? { logit: value, y } : { p: value, y };
    let message: string | null;
    try {
      message = handlers.check(input);
    } catch (e) {
      if (!(e instanceof LossInputError)) throw e;
      message = e.message;
    }
    error.textContent = message ?? '';
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
    h('caption', { className: 'visually-hidden', text: 'Your values with every quantity of the paper' }),
    h('thead', {}, h('tr', {}, ...VALUE_HEADERS.map((header) => h('th', { text: header, attrs: { scope: 'col' } })))),
    body,
  );

  return {
    root: h(
      'section',
      { className: 'values', attrs: { 'aria-label': 'Your values' } },
      h('h2', { text: 'Your values' }),
      form,
      error,
      sourceLine,
      h('div', { className: 'table-scroll' }, table),
    ),
    render(rows, source) {
      sourceLine.textContent = rows.length === 0 ? 'No values yet: type one above, or select numbers in the editor.' : `From: ${source}`;
      body.replaceChildren(
        ...rows.map((row) =>
          row.ok
            ? h('tr', {}, ...row.cells.map((cell) => h('td', { text: cell })))
            : h('tr', { className: 'error-row' }, h('td', { text: row.message, attrs: { colspan: String(VALUE_HEADERS.length) } })),
        ),
      );
    },
  };
}
