import type { AxisRange } from './axisRange';
import { CanvasPlot } from './canvasPlot';
import { chartPng } from './chartPng';
import { Legend } from './legend';
import { seriesColor } from './theme';
import type { ChartTheme } from './theme';

/*
 * A batch's samples as points (p_t, loss), drawn density-aware: each series is binned into cells of
 * a few pixels and a cell is filled with an opacity that grows with the log of its count, so 10^5
 * points stay legible (a crowd of easy negatives is a dark band, a lone hard sample still a dot)
 * and a redraw costs one pass over the samples plus one fill per occupied cell. Losses are on a log
 * axis fixed per batch, so a control change never moves the axes; a loss below it sits on its floor.
 */

export interface DensitySeries {
  readonly label: string;
  readonly xs: ArrayLike<number>;
  readonly ys: ArrayLike<number>;
  readonly colorIndex: number;
}

const CELL = 3;

export class DensityChart {
  private readonly plot: CanvasPlot;
  private series: readonly DensitySeries[] = [];
  private yRange: AxisRange = { min: 1e-6, max: 10 };
  private counts = new Uint32Array(0);
  private readonly legendList = new Legend();
  readonly legend: HTMLUListElement = this.legendList.root;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly titles: { readonly x: string; readonly y: string },
    private theme: ChartTheme,
  ) {
    this.plot = new CanvasPlot(canvas, () => this.paint());
  }

  /** The loss axis for a batch (kept while its controls change). */
  setRange(range: AxisRange): void {
    this.yRange = range;
  }

  update(series: readonly DensitySeries[]): void {
    this.series = series;
    this.legendList.render(series.map((s) => ({ ...s, markers: true })), this.theme);
    this.paint();
  }

  applyTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.legendList.render(this.series.map((s) => ({ ...s, markers: true })), theme, true);
    this.paint();
  }

  toPng(title: string, parameters: string): string {
    return chartPng(this.canvas, this.theme, { title, parameters, legend: this.series.map((s) => ({ label: s.label, colorIndex: s.colorIndex, markers: true })) });
  }

  private paint(): void {
    const frame = this.plot.begin({ x: { min: 0, max: 1 }, y: this.yRange, yLog: true, xTitle: this.titles.x, yTitle: this.titles.y }, this.theme);
    if (!frame) return;
    const { ctx, left, top, right, bottom, px, py } = frame;
    const columns = Math.max(1, Math.ceil((right - left) / CELL));
    const rows = Math.max(1, Math.ceil((bottom - top) / CELL));
    if (this.counts.length < columns * rows) this.counts = new Uint32Array(columns * rows);
    const counts = this.counts;
    for (const s of this.series) {
      counts.fill(0, 0, columns * rows);
      let most = 0;
      for (let i = 0; i < s.xs.length; i++) {
        const y = s.ys[i]!;
        if (!(y === y)) continue;
        const c = Math.min(columns - 1, Math.max(0, Math.floor((px(s.xs[i]!) - left) / CELL)));
        const r = Math.min(rows - 1, Math.max(0, Math.floor((py(Math.min(y, this.yRange.max)) - top) / CELL)));
        const n = ++counts[r * columns + c]!;
        if (n > most) most = n;
      }
      ctx.fillStyle = seriesColor(this.theme, s.colorIndex);
      const scale = 1 / Math.log1p(most || 1);
      for (let k = 0; k < columns * rows; k++) {
        const n = counts[k]!;
        if (n === 0) continue;
        ctx.globalAlpha = 0.35 + 0.65 * Math.log1p(n) * scale;
        ctx.fillRect(left + (k % columns) * CELL, top + Math.floor(k / columns) * CELL, CELL, CELL);
      }
    }
    ctx.globalAlpha = 1;
  }
}
