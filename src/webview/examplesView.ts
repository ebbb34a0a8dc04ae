import { formatNumber, seedExampleValues } from '../core';
import { h } from './dom';
import { classifyPrinted, VERDICT_TEXT } from './printedFigure';

/*
 * The worked examples of the walk-through this product started from, with their true values. The
 * walk-through mixes ln and log10, cuts some figures off instead of rounding them, and has two
 * misprints; each row says which base it used and how its printed figure relates to the true one,
 * so a reader can trust the panel over the printout.
 */

export interface ExamplesView {
  readonly root: HTMLElement;
  render(base: number, baseName: string, digits: number): void;
}

const HEADERS = ['example', 'printed', 'true, in its base', 'true, chosen base', 'check'];

function baseLabel(base: number): string {
  return base === Math.E ? 'ln' : `log${base}`;
}

export function buildExamplesView(): ExamplesView {
  const body = h('tbody');
  const caption = h('p', { id: 'examples-caption', className: 'hint' });
  return {
    root: h(
      'div',
      { className: 'examples' },
      h('p', {
        id: 'examples-about',
        text:
          'A walk-through of focal loss, written by hand, worked these examples; this project began from it. ' +
          'Each row is one of its figures: what it printed, the true value in the logarithm base it used (it mixes ln and log10) and in the base chosen here, ' +
          'and whether the printed figure agrees (rounded), is truncated (cut off where rounding would end higher), rounded up, or wrong.',
      }),
      caption,
      h(
        'div',
        { className: 'table-scroll' },
        h('table', { id: 'examples-table' }, h('thead', {}, h('tr', {}, ...HEADERS.map((t) => h('th', { text: t, attrs: { scope: 'col' } })))), body),
      ),
    ),
    render(base, baseName, digits) {
      caption.textContent = `True values computed by Loss Lens; the chosen base is ${baseName}.`;
      body.replaceChildren(
        ...seedExampleValues(base).map(({ example, value, valueInSeedBase }) => {
          const verdict = classifyPrinted(valueInSeedBase, example.printed);
          const check = verdict === 'wrong' && example.note ? `wrong: ${example.note}` : VERDICT_TEXT[verdict];
          return h(
            'tr',
            { className: `verdict-${verdict}` },
            h('td', { text: example.title }),
            h('td', { text: example.printed }),
            h('td', { text: `${formatNumber(valueInSeedBase, digits)} (${baseLabel(example.seedBase)})` }),
            h('td', { text: formatNumber(value, digits) }),
            h('td', { text: check }),
          );
        }),
      );
    },
  };
}
