import { Chart, LinearScale, LineController, LineElement, LogarithmicScale, PointElement } from 'chart.js';
import type { ChartDataset, Plugin } from 'chart.js';
import { h } from './dom';
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
  /** Markers only, no line (your values). */
  readonly markers?: boolean;
}

export interface AxisSetup {
  readonly xTitle: string;
  readonly yTitle: string;
  readonly xMin: number;
  readonly xMax: number;
  /** Bottom of the y axis when it is logarithmic: the curves span 20 decades near p_t = 1. */
  readonly logMin?: number;
  /** Leaves the y axis linear whatever is asked (gradients change sign). */
  readonly linearOnly?: boolean;
}

type LineDataset = ChartDataset<'line', XY[]>;

/** No label rotation, and few labels measured when fitting: the axes' layout is most of a redraw. */
const TICKS = { maxRotation: 0, minRotation: 0, sampleSize: 8 } as const;

/**
 * A Chart.js line chart that redraws synchronously (no animation) and reuses its point objects,
 * so a slider drag allocates nothing per point. The chart ignores pointer events itself: the
 * readout is the page's, which keeps hover hit-testing out of the redraw path.
 */
export class LineChart {
  readonly chart: Chart<'line', XY[]>;
  private theme: ChartTheme;
  private series: readonly Series[] = [];
  /** x of the vertical readout marker, or null for none. */
  private markerX: number | null = null;
  /** What the legend shows now, so it is rebuilt only when the series change. */
  private legendKey = '';
  /** The chart's legend, an HTML list to place next to the canvas. */
  readonly legend: HTMLUListElement = h('ul', { className: 'legend' });

  constructor(canvas: HTMLCanvasElement, private readonly axes: AxisSetup, theme: ChartTheme) {
    this.theme = theme;
    const marker: Plugin<'line'> = {
      id: 'readoutMarker',
      afterDatasetsDraw: (chart) => {
        if (this.markerX === null) return;
        const x = chart.scales.x!.getPixelForValue(this.markerX);
        const { top, bottom } = chart.chartArea;
        const ctx = chart.ctx;
        ctx.save();
        ctx.strokeStyle = this.theme.muted;
        ctx.setLineDash([4, 4]);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.stroke();
        ctx.restore();
      },
    };
    this.chart = new Chart<'line', XY[]>(canvas, {
      type: 'line',
      data: { datasets: [] },
      plugins: [marker],
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
          y: { type: 'linear', title: { display: true, text: axes.yTitle }, ticks: TICKS },
        },
      },
    });
    this.applyTheme(theme);
  }

  /** Draws `series` on a linear or logarithmic y axis. */
  update(series: readonly Series[], yScale: 'linear' | 'log'): void {
    const log = yScale === 'log' && !this.axes.linearOnly;
    const datasets = this.chart.data.datasets as LineDataset[];
    this.series = series;
    series.forEach((s, i) => {
      let dataset = datasets[i];
      if (!dataset) {
        dataset = { label: s.label, data: [] };
        datasets.push(dataset);
      }
      const data = dataset.data;
      const n = s.xs.length;
      while (data.length < n) data.push({ x: 0, y: 0 });
      data.length = n;
      for (let j = 0; j < n; j++) {
        const point = data[j]!;
        const y = s.ys[j]!;
        point.x = s.xs[j]!;
        // A log axis cannot place 0 (balanced CE with alpha 0); NaN leaves a gap instead.
        point.y = log && !(y > 0) ? NaN : y;
      }
      dataset.label = s.label;
      this.styleDataset(dataset, s);
    });
    datasets.length = series.length;
    this.renderLegend();
    const y = this.chart.options.scales!.y!;
    const wantType = log ? 'logarithmic' : 'linear';
    if (y.type !== wantType) {
      this.chart.options.scales!.y = {
        type: wantType,
        title: { display: true, text: this.axes.yTitle },
        ...(log && this.axes.logMin !== undefined ? { min: this.axes.logMin } : {}),
      };
      this.applyTheme(this.theme);
    }
    this.chart.update('none');
  }

  applyTheme(theme: ChartTheme): void {
    this.theme = theme;
    const options = this.chart.options;
    options.color = theme.foreground;
    options.font = { family: theme.fontFamily };
    for (const scale of Object.values(options.scales ?? {})) {
      if (!scale) continue;
      scale.grid = { color: theme.grid };
      scale.border = { color: theme.grid };
      scale.ticks = { ...TICKS, color: theme.foreground };
      if ('title' in scale && scale.title) scale.title.color = theme.foreground;
    }
    const datasets = this.chart.data.datasets as LineDataset[];
    datasets.forEach((dataset, i) => {
      const s = this.series[i];
      if (s) this.styleDataset(dataset, s);
    });
    this.legendKey = '';
    this.renderLegend();
    this.chart.update('none');
  }

  private renderLegend(): void {
    const key = this.series.map((s) => `${s.label}\u0000${s.colorIndex}${s.dashed ? 'd' : ''}${s.markers ? 'm' : ''}`).join('\u0001');
    if (key === this.legendKey) return;
    this.legendKey = key;
    this.legend.replaceChildren(
      ...this.series.map((s) => {
        const swatch = h('span', { className: `swatch${s.dashed ? ' dashed' : ''}${s.markers ? ' marker' : ''}`, attrs: { 'aria-hidden': 'true' } });
        // A CSSOM write, which the CSP allows (unlike a style attribute).
        swatch.style.borderColor = this.theme.series[s.colorIndex % this.theme.series.length]!;
        return h('li', {}, swatch, s.label);
      }),
    );
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

  /** The chart as a PNG data URL on the theme's background (the canvas itself is transparent). */
  toPng(): string {
    const source = this.chart.canvas;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d')!;
    ctx.fillStyle = this.theme.background;
    ctx.fillRect(0, 0, copy.width, copy.height);
    ctx.drawImage(source, 0, 0);
    return copy.toDataURL('image/png');
  }

  destroy(): void {
    this.chart.destroy();
  }

  private styleDataset(dataset: LineDataset, s: Series): void {
    const color = this.theme.series[s.colorIndex % this.theme.series.length]!;
    dataset.borderColor = color;
    dataset.backgroundColor = color;
    dataset.borderDash = s.dashed ? [6, 4] : [];
    dataset.borderWidth = this.theme.highContrast ? 3 : 2;
    dataset.showLine = !s.markers;
    dataset.pointRadius = s.markers ? 4 : 0;
    dataset.pointStyle = s.markers ? 'rectRot' : 'circle';
  }
}
