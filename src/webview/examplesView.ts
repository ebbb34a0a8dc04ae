import { formatNumber, seedExampleValues } from '../core';
import { h } from './dom';

/*
 * The worked examples of the walk-through this product started from, with their true values. The
 * walk-through mixes ln and log10 and has two misprints; each row says which base it used and
 * where its printed figure is wrong, so a reader can trust the panel over the printout.
 */

export interface ExamplesView {
  readonly root: HTMLElement;
  render(base: number, baseName: string, digits: number): void;
}

const HEADERS = ['example', 'printed → true, in its base', 'true, chosen base', 'check'];

function baseLabel(base: number): string {
  return base === Math.E ? 'ln' : `log${base}`;
}

export function buildExamplesView(): ExamplesView {
  const body = h('tbody');
  const caption = h('p', { className: 'hint' });
  return {
    root: h(
      'section',
      { className: 'examples', attrs: { 'aria-label': 'Worked examples' } },
      h('h2', { text: 'Worked examples' }),
      caption,
      h(
        'div',
        { className: 'table-scroll' },
        h('table', { id: 'examples-table' }, h('thead', {}, h('tr', {}, ...HEADERS.map((t) => h('th', { text: t, attrs: { scope: 'col' } })))), body),
      ),
    ),
    render(base, baseName, digits) {
      caption.textContent = `Examples from the walk-through, computed by Loss Lens. The chosen base is ${baseName}.`;
      body.replaceChildren(
        ...seedExampleValues(base).map(({ example, value, valueInSeedBase, agreesWithSeed }) => {
          const check = agreesWithSeed ? 'agrees' : `differs: ${example.note ?? `the printed figure is not ${formatNumber(valueInSeedBase, digits)} rounded`}`;
          return h(
            'tr',
            { className: agreesWithSeed ? '' : 'differs' },
            h('td', { text: example.title }),
            h('td', { text: `${example.printed} → ${formatNumber(valueInSeedBase, digits)} (${baseLabel(example.seedBase)})` }),
            h('td', { text: formatNumber(value, digits) }),
            h('td', { text: check }),
          );
        }),
      );
    },
  };
}
