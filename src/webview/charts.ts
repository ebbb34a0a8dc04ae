import { Chart, LinearScale, LineController, LineElement, LogarithmicScale, PointElement } from 'chart.js';
import type { Plugin, Scale } from 'chart.js';
import { _isPointInArea, clipArea, drawPoint, unclipArea } from 'chart.js/helpers';
import { linearRange, logRange, logTickLabel, logTicks } from './axisRange';
import type { AxisRange } from './axisRange';
import { chartPng } from './chartPng';
import { Legend } from './legend';
import { s } from './strings';
import { applyScaleTheme, seriesColor } from './theme';
import type { ChartTheme } from './theme';

// Only what the explorer draws, so the bundle carries no other chart types. The legend is HTML
// (see renderLegend): screen readers can read it, and Chart.js need not measure it on every redraw.
Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale);

export interface XY {
  x: number;
  y: number;
}

/** One line (or set of markers) to draw. */
export interface Series {
  readonly label: string;
  readonly xs: ArrayLike<number>;
  readonly ys: ArrayLike<number>;
  /** Index into the theme's series colours. */
  readonly colorIndex: number;
  readonly dashed?: boolean;
  /** Markers only, no line (your values). Markers beyond the axes are drawn at the edge, labelled. */
  readonly markers?: boolean;
  /** The label of marker i when it lies beyond the axes ("CE 1000"). */
  readonly pointLabel?: (index: number) => string;
}

export interface AxisSetup {
  readonly xTitle: string;
  readonly yTitle: string;
  readonly xMin: number;
  readonly xMax: number;
  /** Leaves the y axis linear whatever is asked (gradients change sign). */
  readonly linearOnly?: boolean;
}

/** How a series is stroked and marked: Chart.js's line dataset options that the explorer used. */
interface SeriesStyle {
  color: string;
  dash: number[];
  width: number;
  markers: boolean;
}

/** Marker radius (px) of Chart.js's point options, drawn as its 'rectRot' point style. */
const MARKER_RADIUS = 4;

/** A marker beyond the axes, drawn at the edge with its label. */
interface EdgeLabel {
  x: number;
  y: number;
  /** Which edges it was pulled to: -1 below/left, 1 above/right, 0 not. */
  dx: number;
  dy: number;
  text: string;
  color: string;
}

/** No label rotation, and few labels measured when fitting: the axes' layout is most of a redraw. */
const TICKS = { maxRotation: 0, minRotation: 0, sampleSize: 8 } as const;
/** More far-off labels than this would only overlap; the rest are counted in the last one. */
const MAX_EDGE_LABELS = 6;

/**
 * A line chart: Chart.js lays out and draws the axes, and the series are stroked by this class's
 * plugin, the way Chart.js's line controller strokes them (same clip, order, joins and point
 * style). A slider move mostly changes the curves and not the axes: then the chart is only
 * redrawn, and Chart.js's layout and its per-point elements (8,000 of them, most of a frame) are
 * skipped. It redraws synchronously (no animation) and reuses its point objects, so a slider
 * drag allocates nothing per point. The y axis is fitted to the lines, not to the markers: a
 * marker beyond the axes is drawn at the edge with its value. The chart ignores pointer events
 * itself: the readout is the page's, which keeps hover hit-testing out of the redraw path.
 */
export class LineChart {
  readonly chart: Chart<'line', XY[]>;
  private theme: ChartTheme;
  private series: readonly Series[] = [];
  /** Per series, its points in data units (markers already pulled to the edge), reused across updates. */
  private readonly points: XY[][] = [];
  private readonly styles: SeriesStyle[] = [];
  /** Whether Chart.js has laid the axes out for the current range (else update() must). */
  private laidOut = false;
  /** x of the vertical readout marker, or null for none. */
  private markerX: number | null = null;
  private edgeLabels: EdgeLabel[] = [];
  private yRange: AxisRange = { min: 0, max: 1 };
  private yLog = false;
  private readonly legendList = new Legend();
  /** The chart's legend, an HTML list to place next to the canvas. */
  readonly legend: HTMLUListElement = this.legendList.root;

  constructor(canvas: HTMLCanvasElement, private readonly axes: AxisSetup, theme: ChartTheme) {
    this.theme = theme;
    const marker: Plugin<'line'> = {
      id: 'readoutMarker',
      afterDatasetsDraw: (chart) => {
        const ctx = chart.ctx;
        if (this.markerX !== null) {
          const x = chart.scales.x!.getPixelForValue(this.markerX);
          const { top, bottom } = chart.chartArea;
          ctx.save();
          ctx.strokeStyle = this.theme.muted;
          ctx.setLineDash([4, 4]);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, bottom);
          ctx.stroke();
          ctx.restore();
        }
        if (this.edgeLabels.length > 0) this.drawEdgeLabels(chart);
      },
    };
    const lines: Plugin<'line'> = {
      id: 'seriesLines',
      beforeDatasetsDraw: (chart) => this.drawSeries(chart),
    };
    this.chart = new Chart<'line', XY[]>(canvas, {
      type: 'line',
      // No datasets: the series are drawn by `lines`, so Chart.js keeps no element per point.
      data: { datasets: [] },
      plugins: [lines, marker],
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        events: [],
        elements: { point: { radius: 0 }, line: { borderWidth: 2, tension: 0 } },
        scales: {
          x: { type: 'linear', min: axes.xMin, max: axes.xMax, title: { display: true, text: axes.xTitle, padding: { top: 4, bottom: 6 } }, ticks: TICKS },
          y: this.yOptions(false),
        },
      },
    });
    this.applyTheme(theme);
  }

  /** Draws `series` on a linear or logarithmic y axis fitted to its lines. */
  update(series: readonly Series[], yScale: 'linear' | 'log'): void {
    const log = yScale === 'log' && !this.axes.linearOnly;
    const range = this.fitRange(series, log);
    const axesChanged = !this.laidOut || log !== this.yLog || range.min !== this.yRange.min || range.max !== this.yRange.max;
    this.series = series;
    this.yRange = range;
    this.edgeLabels = [];
    series.forEach((s, i) => {
      const data = (this.points[i] ??= []);
      const n = s.xs.length;
      while (data.length < n) data.push({ x: 0, y: 0 });
      data.length = n;
      for (let j = 0; j < n; j++) {
        const point = data[j]!;
        const y = s.ys[j]!;
        point.x = s.xs[j]!;
        // A log axis cannot place 0 (balanced CE with alpha 0); NaN leaves a gap instead.
        point.y = log && !(y > 0) ? NaN : y;
        if (s.markers) this.pullToEdge(point, s, j, log);
      }
    });
    this.points.length = series.length;
    this.styleSeries();
    this.legendList.render(series, this.theme);
    if (log !== this.yLog) {
      this.yLog = log;
      this.chart.options.scales!.y = this.yOptions(log);
      this.applyTheme(this.theme);
    }
    if (axesChanged) {
      const y = this.chart.options.scales!.y!;
      y.min = this.yRange.min;
      y.max = this.yRange.max;
      this.chart.update('none');
      this.laidOut = true;
    } else {
      // Same axes: the layout Chart.js has is right, only the curves moved.
      this.chart.draw();
    }
    this.describeAxis();
  }

  applyTheme(theme: ChartTheme): void {
    this.theme = theme;
    const options = this.chart.options;
    options.color = theme.foreground;
    options.font = { family: theme.fontFamily };
    for (const scale of Object.values(options.scales ?? {})) {
      if (scale) applyScaleTheme(scale, theme, TICKS);
    }
    this.styleSeries();
    this.legendList.render(this.series, theme, true);
    this.chart.update('none');
  }

  /** Places the dashed readout marker at data x (null hides it); redraws unless an update follows. */
  setMarker(x: number | null, redraw = true): void {
    this.markerX = x;
    if (redraw) this.chart.draw();
  }

  /** The data x under a pixel offset from the canvas's left edge. */
  xAt(offsetX: number): number {
    return this.chart.scales.x!.getValueForPixel(offsetX) ?? NaN;
  }

  /** The chart as a PNG data URL with `title`, a line of `parameters` and its legend drawn in. */
  toPng(title: string, parameters: string): string {
    return chartPng(this.chart.canvas, this.theme, { title, parameters, legend: this.series });
  }

  destroy(): void {
    this.chart.destroy();
  }

  private yOptions(log: boolean) {
    const title = { display: true, text: this.axes.yTitle };
    if (!log) return { type: 'linear' as const, title, ticks: TICKS };
    return {
      type: 'logarithmic' as const,
      title,
      // Decades only, labelled 1e-6 ... 0.01, 1: Chart.js's own log ticks print every mantissa.
      afterBuildTicks: (scale: Scale) => {
        scale.ticks = logTicks(this.yRange).map((value) => ({ value }));
      },
      ticks: { ...TICKS, callback: (value: number | string) => logTickLabel(Number(value)) },
    };
  }

  /** The y range of the lines (markers do not stretch it). */
  private fitRange(series: readonly Series[], log: boolean): AxisRange {
    let lo = Infinity;
    let lowestPositive = Infinity;
    let hi = -Infinity;
    for (const s of series) {
      if (s.markers) continue;
      const ys = s.ys;
      for (let j = 0; j < ys.length; j++) {
        const y = ys[j]!;
        if (!Number.isFinite(y)) continue;
        if (y < lo) lo = y;
        if (y > hi) hi = y;
        if (y > 0 && y < lowestPositive) lowestPositive = y;
      }
    }
    return log ? logRange(lowestPositive, hi) : linearRange(lo, hi);
  }

  /** Moves a marker beyond the axes onto their edge and notes its label. */
  private pullToEdge(point: XY, s: Series, index: number, log: boolean): void {
    const { min, max } = this.yRange;
    const rawY = s.ys[index]!;
    if (Number.isNaN(rawY) && !log) return;
    const dx = point.x < this.axes.xMin ? -1 : point.x > this.axes.xMax ? 1 : 0;
    const dy = log && !(rawY > 0) ? -1 : rawY < min ? -1 : rawY > max ? 1 : 0;
    if (dx === 0 && dy === 0) return;
    point.x = dx < 0 ? this.axes.xMin : dx > 0 ? this.axes.xMax : point.x;
    point.y = dy < 0 ? min : dy > 0 ? max : rawY;
    if (this.edgeLabels.length < MAX_EDGE_LABELS) {
      this.edgeLabels.push({ x: point.x, y: point.y, dx, dy, text: s.pointLabel?.(index) ?? String(rawY), color: seriesColor(this.theme, s.colorIndex) });
    } else {
      const last = this.edgeLabels[MAX_EDGE_LABELS - 1]!;
      const more = /\(\+(\d+) more\)$/.exec(last.text);
      last.text = more ? last.text.replace(/\(\+\d+ more\)$/, `(+${Number(more[1]) + 1} more)`) : `${last.text} (+1 more)`;
    }
  }

  private drawEdgeLabels(chart: Chart): void {
    const ctx = chart.ctx;
    const area = chart.chartArea;
    ctx.save();
    ctx.font = `12px ${this.theme.fontFamily}`;
    ctx.textBaseline = 'middle';
    const taken: number[] = [];
    for (const label of this.edgeLabels) {
      const px = chart.scales.x!.getPixelForValue(label.x);
      const py = chart.scales.y!.getPixelForValue(label.y);
      // An arrowhead pointing off the chart (canvas y grows downwards), then the value inside the plot.
      const length = Math.hypot(label.dx, label.dy);
      const ux = label.dx / length;
      const uy = -label.dy / length;
      ctx.fillStyle = label.color;
      ctx.beginPath();
      ctx.moveTo(px + ux * 7, py + uy * 7);
      ctx.lineTo(px - ux * 3 - uy * 5, py - uy * 3 + ux * 5);
      ctx.lineTo(px - ux * 3 + uy * 5, py - uy * 3 - ux * 5);
      ctx.closePath();
      ctx.fill();
      const width = ctx.measureText(label.text).width;
      let tx = label.dx > 0 ? px - width - 10 : px + 10;
      tx = Math.min(area.right - width - 2, Math.max(area.left + 2, tx));
      let ty = label.dy > 0 ? py + 12 : label.dy < 0 ? py - 12 : py;
      // Labels at the same height are stacked rather than drawn over each other.
      while (taken.some((t) => Math.abs(t - ty) < 14)) ty += label.dy > 0 ? 14 : -14;
      taken.push(ty);
      ctx.fillStyle = this.theme.foreground;
      ctx.fillText(label.text, tx, ty);
    }
    ctx.restore();
  }

  /** The y range, tick labels and far-off values on the canvas, for screen readers (aria-description) and tests. */
  private describeAxis(): void {
    const canvas = this.chart.canvas;
    const ticks = this.chart.scales.y!.ticks.map((t) => String(t.label ?? ''));
    const min = this.yLog ? logTickLabel(this.yRange.min) : this.yRange.min;
    const max = this.yLog ? logTickLabel(this.yRange.max) : this.yRange.max;
    const far = this.edgeLabels.map((l) => l.text).join('; ');
    const scale = s(this.yLog ? 'controls.logarithmic' : 'controls.linear');
    const description = far
      ? s('chart.axisBeyond', this.axes.yTitle, scale, min, max, ticks.join(', '), far)
      : s('chart.axis', this.axes.yTitle, scale, min, max, ticks.join(', '));
    if (canvas.getAttribute('aria-description') !== description) {
      canvas.dataset.edgeLabels = far;
      canvas.setAttribute('aria-description', description);
      canvas.dataset.yMin = String(this.yRange.min);
      canvas.dataset.yMax = String(this.yRange.max);
      canvas.dataset.yTicks = ticks.join(' ');
    }
  }

  private styleSeries(): void {
    this.styles.length = this.series.length;
    this.series.forEach((s, i) => {
      this.styles[i] = { color: seriesColor(this.theme, s.colorIndex), dash: s.dashed ? [6, 4] : [], width: this.theme.highContrast ? 3 : 2, markers: !!s.markers };
    });
  }

  /**
   * Strokes the series as Chart.js's line controller would: clipped to the plot, the first series
   * on top (drawn last), butt caps and miter joins, a gap at every NaN, and markers as its
   * 'rectRot' points with the line's colour and width.
   */
  private drawSeries(chart: Chart): void {
    const ctx = chart.ctx;
    const area = chart.chartArea;
    const xScale = chart.scales.x!;
    const yScale = chart.scales.y!;
    for (let i = this.points.length - 1; i >= 0; i--) {
      const points = this.points[i]!;
      const style = this.styles[i]!;
      clipArea(ctx, area);
      if (!style.markers) {
        ctx.save();
        ctx.lineCap = 'butt';
        ctx.setLineDash(style.dash);
        ctx.lineDashOffset = 0;
        ctx.lineJoin = 'miter';
        ctx.lineWidth = style.width;
        ctx.strokeStyle = style.color;
        ctx.beginPath();
        if (style.dash.length > 0) this.tracePath(ctx, points, xScale, yScale);
        else this.traceFastPath(ctx, points, xScale, yScale);
        ctx.stroke();
        ctx.restore();
      } else {
        const options = { pointStyle: 'rectRot' as const, radius: MARKER_RADIUS, rotation: 0, borderWidth: style.width };
        const margin = MARKER_RADIUS + style.width;
        ctx.strokeStyle = style.color;
        ctx.fillStyle = style.color;
        ctx.lineWidth = style.width;
        for (const point of points) {
          const at = { x: xScale.getPixelForValue(point.x), y: yScale.getPixelForValue(point.y) };
          if (Number.isNaN(at.x) || Number.isNaN(at.y) || !_isPointInArea(at, area, margin)) continue;
          drawPoint(ctx, options, at.x, at.y);
        }
      }
      unclipArea(ctx);
    }
  }

  /** Every point joined, a new subpath after each gap (dashed lines: Chart.js's pathSegment). */
  private tracePath(ctx: CanvasRenderingContext2D, points: readonly XY[], xScale: Scale, yScale: Scale): void {
    let move = true;
    for (const point of points) {
      const x = xScale.getPixelForValue(point.x);
      const y = yScale.getPixelForValue(point.y);
      if (Number.isNaN(x) || Number.isNaN(y)) {
        move = true;
        continue;
      }
      if (move) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
      move = false;
    }
  }

  /**
   * Chart.js's fastPathSegment, per run of points between gaps: points that fall in one pixel
   * column become a vertical stroke through their extremes, which looks the same and draws faster.
   */
  private traceFastPath(ctx: CanvasRenderingContext2D, points: readonly XY[], xScale: Scale, yScale: Scale): void {
    let start = true;
    let avgX = 0;
    let countX = 0;
    let prevX: number | undefined;
    // Equal until a column has two points (Chart.js starts them undefined, which compare equal too).
    let minY = 0;
    let maxY = 0;
    let lastY = 0;
    const drawX = () => {
      if (minY !== maxY) {
        ctx.lineTo(avgX, maxY);
        ctx.lineTo(avgX, minY);
        ctx.lineTo(avgX, lastY);
      }
    };
    for (const point of points) {
      const x = xScale.getPixelForValue(point.x);
      const y = yScale.getPixelForValue(point.y);
      if (Number.isNaN(x) || Number.isNaN(y)) {
        // A gap ends the run: Chart.js draws each run of points as its own segment.
        if (!start) drawX();
        start = true;
        continue;
      }
      if (start) {
        ctx.moveTo(x, y);
        start = false;
        prevX = undefined;
        minY = maxY = lastY = 0;
        countX = 0;
      }
      const truncX = x | 0;
      if (truncX === prevX) {
        if (y < minY) minY = y;
        else if (y > maxY) maxY = y;
        avgX = (countX * avgX + x) / ++countX;
      } else {
        drawX();
        ctx.lineTo(x, y);
        prevX = truncX;
        countX = 0;
        minY = maxY = y;
      }
      lastY = y;
    }
    if (!start) drawX();
  }
}
