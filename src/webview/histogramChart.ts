import { logRange } from './axisRange';
import { CanvasPlot } from './canvasPlot';
import { chartPng } from './chartPng';
import { Legend } from './legend';
import { seriesColor } from './theme';
import type { ChartTheme } from './theme';

/*
 * Histograms of p_t over [0, 1] with counts on a log axis (a batch's easy negatives outnumber its
 * hard ones by orders of magnitude), one outlined step line per group, so overlapping groups stay
 * readable. An empty bin draws nothing (log 0).
 */

export interface HistogramSeries {
  readonly label: string;
  readonly counts: readonly number[];
  readonly colorIndex: number;
}

export class HistogramChart {
  private readonly plot: CanvasPlot;
  private series: readonly HistogramSeries[] = [];
  private readonly legendList = new Legend();
  readonly legend: HTMLUListElement = this.legendList.root;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly titles: { readonly x: string; readonly y: string },
    private theme: ChartTheme,
  ) {
    this.plot = new CanvasPlot(canvas, () => this.paint());
  }

  update(series: readonly HistogramSeries[]): void {
    this.series = series;
    this.legendList.render(series, this.theme);
    this.paint();
  }

  applyTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.legendList.render(this.series, theme, true);
    this.paint();
  }

  toPng(title: string, parameters: string): string {
    return chartPng(this.canvas, this.theme, { title, parameters, legend: this.series });
  }

  private paint(): void {
    let hi = 1;
    for (const s of this.series) for (const c of s.counts) hi = Math.max(hi, c);
    const frame = this.plot.begin({ x: { min: 0, max: 1 }, y: logRange(0.5, hi), yLog: true, xTitle: this.titles.x, yTitle: this.titles.y }, this.theme);
    if (!frame) return;
    const { ctx, px, py, bottom } = frame;
    this.series.forEach((s) => {
      const bins = s.counts.length;
      const color = seriesColor(this.theme, s.colorIndex);
      ctx.fillStyle = color;
      ctx.globalAlpha = 0.25;
      for (let b = 0; b < bins; b++) {
        const count = s.counts[b]!;
        if (count <= 0) continue;
        ctx.fillRect(px(b / bins), py(count), px((b + 1) / bins) - px(b / bins), bottom - py(count));
      }
      ctx.globalAlpha = 1;
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      for (let b = 0; b < bins; b++) {
        const count = s.counts[b]!;
        const y = count > 0 ? py(count) : bottom;
        if (b === 0) ctx.moveTo(px(0), y);
        else ctx.lineTo(px(b / bins), y);
        ctx.lineTo(px((b + 1) / bins), y);
      }
      ctx.stroke();
    });
  }
}
