import { h } from './dom';
import { seriesColor } from './theme';
import type { ChartTheme } from './theme';

/*
 * A chart's legend as an HTML list beside its canvas: screen readers can read it, and Chart.js
 * need not measure it on every redraw. It is rebuilt only when its entries change.
 */

export interface LegendEntry {
  readonly label: string;
  readonly colorIndex: number;
  readonly dashed?: boolean;
  readonly markers?: boolean;
}

export class Legend {
  readonly root: HTMLUListElement = h('ul', { className: 'legend' });
  private key = '';

  /** Shows `entries`; `force` rebuilds even when they are unchanged (the theme's colours changed). */
  render(entries: readonly LegendEntry[], theme: ChartTheme, force = false): void {
    const key = entries.map((s) => `${s.label}\u0000${s.colorIndex}${s.dashed ? 'd' : ''}${s.markers ? 'm' : ''}`).join('\u0001');
    if (key === this.key && !force) return;
    this.key = key;
    this.root.replaceChildren(
      ...entries.map((s) => {
        const swatch = h('span', { className: `swatch${s.dashed ? ' dashed' : ''}${s.markers ? ' marker' : ''}`, attrs: { 'aria-hidden': 'true' } });
        // A CSSOM write, which the CSP allows (unlike a style attribute).
        swatch.style.borderColor = seriesColor(theme, s.colorIndex);
        return h('li', {}, swatch, s.label);
      }),
    );
  }
}
