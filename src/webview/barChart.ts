import { linearRange, linearTicks, indexTicks } from './axisRange';
import type { AxisRange } from './axisRange';
import { CANVAS_FONT_SIZE, canvasContext, drawYGrid } from './canvasContext';
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

/** Whether two sets of bars would draw the same (labels, colours and every value). */
function sameSeries(a: readonly BarSeries[], b: readonly BarSeries[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((s, i) => {
    const t = b[i]!;
    if (s.label !== t.label || s.colorIndex !== t.colorIndex || s.values.length !== t.values.length) return false;
    for (let c = 0; c < s.values.length; c++) if (!Object.is(s.values[c], t.values[c])) return false;
    return true;
  });
}

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
  /** Whether the chart is on or near the screen; off it, a redraw waits until the chart comes near. */
  private nearScreen = true;
  private stale = false;
  /** The box's size as of the last resize: read there, where layout is fresh, so drawing never forces one. */
  private boxWidth = 0;
  private boxHeight = 0;
  private watched = false;
  private readonly legendList = new Legend();
  readonly legend: HTMLUListElement = this.legendList.root;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly titles: { readonly x: string; readonly y: string },
    theme: ChartTheme,
  ) {
    this.theme = theme;
  }

  /**
   * Watches the chart's box, once the canvas is in one (the page places the canvas after building
   * the chart): its size, so the bars are redrawn when the panel or a section changes size and
   * drawing never reads layout, and whether it is near the screen.
   */
  private watchBox(): void {
    const box = this.canvas.parentElement;
    if (this.watched || !box) return;
    this.watched = true;
    new ResizeObserver(() => {
      this.boxWidth = box.clientWidth;
      this.boxHeight = box.clientHeight;
      // The canvas takes the box's new size at once, even off screen where the bars wait to be
      // redrawn: a canvas left at its old width would widen a narrowed panel (a horizontal
      // scrollbar until it scrolled into view). Its old bitmap, stretched, is never seen.
      if (this.boxWidth > 0 && this.boxHeight > 0) {
        this.canvas.style.width = `${this.boxWidth}px`;
        this.canvas.style.height = `${this.boxHeight}px`;
      }
      this.draw();
    }).observe(box);
    // With 1,000 classes a chart is thousands of bars: below the fold they would cost every slider
    // move a good part of a frame for nothing seen. The margin (a quarter of the screen) draws a
    // chart before it scrolls into view, so a visible chart is never stale.
    new IntersectionObserver(
      (entries) => {
        this.nearScreen = entries[entries.length - 1]!.isIntersecting;
        if (this.nearScreen && this.stale) this.draw();
      },
      { rootMargin: '25% 0px' },
    ).observe(box);
  }

  /** Draws `series` (each C values), outlining class `highlight`. */
  update(series: readonly BarSeries[], highlight: number): void {
    this.watchBox();
    // A gamma move leaves the softmax bars as they were: nothing to redraw then.
    if (highlight === this.highlight && sameSeries(series, this.series)) return;
    this.series = series.map((s) => ({ ...s, values: Float64Array.from(s.values) }));
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
    if (this.stale) this.paint();
    return chartPng(this.canvas, this.theme, { title, parameters, legend: this.series });
  }

  /** Paints now when on or near the screen, else once the chart comes near it. */
  private draw(): void {
    this.watchBox();
    if (this.nearScreen) this.paint();
    else this.stale = true;
  }

  private paint(): void {
    this.stale = false;
    const canvas = this.canvas;
    // Not box.clientWidth: after the page's text changed, reading it would lay the page out now.
    const width = this.boxWidth;
    const height = this.boxHeight;
    if (width === 0 || height === 0) return;
    const ctx = canvasContext(canvas, width, height, this.theme.fontFamily);

    const classes = this.series.reduce((n, s) => Math.max(n, s.values.length), 0);
    const yTicks = linearTicks(this.range);
    const label = (v: number) => String(Number(v.toPrecision(6)));
    const left = 8 + CANVAS_FONT_SIZE * 1.4 + Math.max(...yTicks.map((v) => ctx.measureText(label(v)).width));
    const top = 14;
    const bottom = height - CANVAS_FONT_SIZE * 3.2;
    const right = width - 8;
    const { min, max } = this.range;
    const py = (v: number) => bottom - ((v - min) / (max - min)) * (bottom - top);
    const px = (c: number) => left + ((c + 0.5) / Math.max(1, classes)) * (right - left);

    // Grid and ticks.
    drawYGrid(ctx, this.theme, yTicks, py, left, right, label);
    for (const c of indexTicks(classes - 1)) ctx.fillText(String(c), px(c), bottom + CANVAS_FONT_SIZE * 0.9);
    ctx.fillText(this.titles.x, (left + right) / 2, bottom + CANVAS_FONT_SIZE * 2.3);
    ctx.save();
    ctx.translate(CANVAS_FONT_SIZE * 0.8, (top + bottom) / 2);
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
        // A bar of no height (a class that contributes nothing) paints nothing.
        if (y === zero) continue;
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
