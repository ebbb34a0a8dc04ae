import { linearRange, linearTicks, indexTicks } from './axisRange';
import type { AxisRange } from './axisRange';
import { chartPng } from './chartPng';
import { Legend } from './legend';
import { seriesColor } from './theme';
import type { ChartTheme } from './theme';

/** One set of bars, one per class. */
export interface BarSeries {
  readonly label: string;
  readonly values: ArrayLike<number>;
  readonly colorIndex: number;
}

const FONT_SIZE = 12;

/**
 * Bars per class drawn straight on a canvas: with 1,000 classes and three charts, Chart.js's bar
 * elements (one object with resolved options per bar) took most of a frame's budget several times
 * over, while a bar here is one fillRect. Axes, ticks and colours follow the line charts (the same
 * nice ranges, the theme's colours); the target class is outlined and marked above the plot so it
 * can be found among many sub-pixel bars.
 */
export class BarChart {
  private theme: ChartTheme;
  private series: readonly BarSeries[] = [];
  private highlight = -1;
  private range: AxisRange = { min: 0, max: 1 };
  private readonly legendList = new Legend();
  readonly legend: HTMLUListElement = this.legendList.root;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly titles: { readonly x: string; readonly y: string },
    theme: ChartTheme,
  ) {
    this.theme = theme;
    // Redrawn at the new size when the panel or its section changes size (a section opening too).
    new ResizeObserver(() => this.draw()).observe(canvas.parentElement ?? canvas);
  }

  /** Draws `series` (each C values), outlining class `highlight`. */
  update(series: readonly BarSeries[], highlight: number): void {
    this.series = series;
    this.highlight = highlight;
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of series) {
      for (let c = 0; c < s.values.length; c++) {
        const v = s.values[c]!;
        if (!Number.isFinite(v)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    this.range = linearRange(lo, hi);
    this.legendList.render(series, this.theme);
    this.draw();
  }

  applyTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.legendList.render(this.series, theme, true);
    this.draw();
  }

  toPng(title: string, parameters: string): string {
    return chartPng(this.canvas, this.theme, { title, parameters, legend: this.series });
  }

  private draw(): void {
    const canvas = this.canvas;
    const box = canvas.parentElement ?? canvas;
    const width = box.clientWidth;
    const height = box.clientHeight;
    if (width === 0 || height === 0) return;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      // CSSOM writes, which the CSP allows (unlike a style attribute).
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = `${FONT_SIZE}px ${this.theme.fontFamily}`;
    ctx.textBaseline = 'middle';

    const classes = this.series.reduce((n, s) => Math.max(n, s.values.length), 0);
    const yTicks = linearTicks(this.range);
    const label = (v: number) => String(Number(v.toPrecision(6)));
    const left = 8 + FONT_SIZE * 1.4 + Math.max(...yTicks.map((v) => ctx.measureText(label(v)).width));
    const top = 14;
    const bottom = height - FONT_SIZE * 3.2;
    const right = width - 8;
    const { min, max } = this.range;
    const py = (v: number) => bottom - ((v - min) / (max - min)) * (bottom - top);
    const px = (c: number) => left + ((c + 0.5) / Math.max(1, classes)) * (right - left);

    // Grid and ticks.
    ctx.strokeStyle = this.theme.grid;
    ctx.fillStyle = this.theme.foreground;
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    for (const v of yTicks) {
      const y = Math.round(py(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(right, y);
      ctx.stroke();
      ctx.fillText(label(v), left - 4, y);
    }
    ctx.textAlign = 'center';
    for (const c of indexTicks(classes - 1)) ctx.fillText(String(c), px(c), bottom + FONT_SIZE * 0.9);
    ctx.fillText(this.titles.x, (left + right) / 2, bottom + FONT_SIZE * 2.3);
    ctx.save();
    ctx.translate(FONT_SIZE * 0.8, (top + bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(this.titles.y, 0, 0);
    ctx.restore();

    // Bars: each class's slot split between the series, at least a pixel wide.
    const slot = (right - left) / Math.max(1, classes);
    const bar = Math.max(1, (slot * 0.9) / Math.max(1, this.series.length));
    const zero = py(Math.min(max, Math.max(min, 0)));
    this.series.forEach((s, i) => {
      ctx.fillStyle = seriesColor(this.theme, s.colorIndex);
      const offset = -slot * 0.45 + i * bar;
      for (let c = 0; c < s.values.length; c++) {
        const v = s.values[c]!;
        if (!Number.isFinite(v)) continue;
        const y = py(v);
        ctx.fillRect(px(c) + offset, Math.min(y, zero), bar, Math.abs(zero - y));
      }
    });
    ctx.strokeStyle = this.theme.foreground;
    ctx.beginPath();
    ctx.moveTo(left, Math.round(zero) + 0.5);
    ctx.lineTo(right, Math.round(zero) + 0.5);
    ctx.stroke();

    if (this.highlight >= 0 && this.highlight < classes) {
      const x = px(this.highlight);
      const w = Math.max(slot * 0.9, 3);
      ctx.strokeStyle = this.theme.foreground;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(x - w / 2 - 1, top, w + 2, bottom - top);
      ctx.fillStyle = this.theme.foreground;
      ctx.beginPath();
      ctx.moveTo(x, top - 2);
      ctx.lineTo(x - 5, top - 10);
      ctx.lineTo(x + 5, top - 10);
      ctx.closePath();
      ctx.fill();
    }
  }
}
