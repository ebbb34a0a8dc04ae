import { formatNumber, seedExampleValues } from '../core';
import { h } from './dom';
import { classifyPrinted, VERDICT_TEXT } from './printedFigure';
import { isStringKey, s } from './strings';

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

const HEADERS = ['examples.example', 'examples.printed', 'examples.trueInItsBase', 'examples.trueChosenBase', 'examples.check'] as const;

/** The core's English text of an example, translated by its id when the strings have it. */
function byId(prefix: 'example' | 'exampleNote', id: string, english: string): string {
  const key = `${prefix}.${id}`;
  return isStringKey(key) ? s(key) : english;
}

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
        text: s('examples.about'),
      }),
      caption,
      h(
        'div',
        { className: 'table-scroll' },
        h('table', { id: 'examples-table' }, h('thead', {}, h('tr', {}, ...HEADERS.map((t) => h('th', { text: s(t), attrs: { scope: 'col' } })))), body),
      ),
    ),
    render(base, baseName, digits) {
      caption.textContent = s('examples.caption', baseName);
      body.replaceChildren(
        ...seedExampleValues(base).map(({ example, value, valueInSeedBase }) => {
          const verdict = classifyPrinted(valueInSeedBase, example.printed);
          const check = verdict === 'wrong' && example.note ? s('examples.wrongBecause', byId('exampleNote', example.id, example.note)) : s(VERDICT_TEXT[verdict]);
          return h(
            'tr',
            { className: `verdict-${verdict}` },
            h('td', { text: byId('example', example.id, example.title) }),
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
