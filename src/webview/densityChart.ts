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
  /** The same arrays always hold the same values (plain CE): their cells are binned once per size. */
  readonly fixed?: boolean;
}

const CELL = 3;
/** Opacity levels: each is one path of cells filled at once, so a redraw changes canvas state a few times, not per cell. */
const LEVELS = 8;

interface Binned {
  readonly key: string;
  readonly xs: ArrayLike<number>;
  readonly ys: ArrayLike<number>;
  readonly cells: Uint32Array;
}

export class DensityChart {
  private readonly plot: CanvasPlot;
  private series: readonly DensitySeries[] = [];
  private yRange: AxisRange = { min: 1e-6, max: 10 };
  private counts = new Uint32Array(0);
  /** Per sample, its cell's column (p_t is the same for every series of a batch): reused while the xs and the size stay. */
  private columnsOf: { xs: ArrayLike<number> | null; key: string; columns: Uint16Array } = { xs: null, key: '', columns: new Uint16Array(0) };
  private binned: Binned[] = [];
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
    this.binned = [];
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
    const { ctx, left, top, right, bottom } = frame;
    const columns = Math.max(1, Math.ceil((right - left) / CELL));
    const rows = Math.max(1, Math.ceil((bottom - top) / CELL));
    const key = `${columns}x${rows}`;
    if (this.counts.length < columns * rows) this.counts = new Uint32Array(columns * rows);
    const counts = this.counts;
    for (const s of this.series) {
      const cached = s.fixed ? this.binned.find((b) => b.key === key && b.xs === s.xs && b.ys === s.ys) : undefined;
      const cells = cached?.cells ?? this.bin(s, columns, rows, top, bottom);
      if (s.fixed && !cached) this.binned = [...this.binned.filter((b) => b.xs !== s.xs || b.ys !== s.ys), { key, xs: s.xs, ys: s.ys, cells }];
      counts.fill(0, 0, columns * rows);
      let most = 0;
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i]!;
        if (cell === 0xffffffff) continue;
        const n = ++counts[cell]!;
        if (n > most) most = n;
      }
      // Opacity grows with the log of a cell's count, in a few levels: a lone sample stays visible.
      const scale = (LEVELS - 1) / Math.log1p(most || 1);
      const paths = Array.from({ length: LEVELS }, () => new Path2D());
      for (let k = 0; k < columns * rows; k++) {
        const n = counts[k]!;
        if (n === 0) continue;
        paths[Math.min(LEVELS - 1, Math.round(Math.log1p(n) * scale))]!.rect(left + (k % columns) * CELL, top + Math.floor(k / columns) * CELL, CELL, CELL);
      }
      ctx.fillStyle = seriesColor(this.theme, s.colorIndex);
      paths.forEach((path, level) => {
        ctx.globalAlpha = 0.35 + (0.65 * level) / (LEVELS - 1);
        ctx.fill(path);
      });
    }
    ctx.globalAlpha = 1;
  }

  /** Each sample's cell (row-major), or 0xffffffff for a value that has none (NaN). */
  private bin(s: DensitySeries, columns: number, rows: number, top: number, bottom: number): Uint32Array {
    const n = s.xs.length;
    const key = `${columns}`;
    if (this.columnsOf.xs !== s.xs || this.columnsOf.key !== key || this.columnsOf.columns.length !== n) {
      const c = new Uint16Array(n);
      for (let i = 0; i < n; i++) c[i] = Math.min(columns - 1, Math.max(0, Math.floor(s.xs[i]! * columns)));
      this.columnsOf = { xs: s.xs, key, columns: c };
    }
    const column = this.columnsOf.columns;
    const cells = new Uint32Array(n);
    // Row from the log axis: bottom at yRange.min (and below), top at yRange.max (and above).
    const lo = Math.log(this.yRange.min);
    const perRow = (Math.log(this.yRange.max) - lo) / ((bottom - top) / CELL);
    for (let i = 0; i < n; i++) {
      const y = s.ys[i]!;
      if (!(y === y)) {
        cells[i] = 0xffffffff;
        continue;
      }
      const fromBottom = y > 0 ? (Math.log(y) - lo) / perRow : 0;
      const row = Math.min(rows - 1, Math.max(0, rows - 1 - Math.floor(fromBottom)));
      cells[i] = row * columns + column[i]!;
    }
    return cells;
  }
}
