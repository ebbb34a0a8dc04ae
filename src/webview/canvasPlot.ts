import { linearTicks, logTickLabel, logTicks } from './axisRange';
import type { AxisRange } from './axisRange';
import { CANVAS_FONT_SIZE, canvasContext, drawYGrid } from './canvasContext';
import type { ChartTheme } from './theme';

/*
 * A plot drawn straight on a canvas, for the batch view's charts whose marks are many (50-bin
 * histograms on a log axis, 10^5 samples binned into cells): axes, ticks and titles in the theme's
 * colours, sized to its box (watched with a ResizeObserver, so drawing never reads layout).
 */

export interface PlotAxes {
  readonly x: AxisRange;
  readonly y: AxisRange;
  readonly yLog: boolean;
  readonly xTitle: string;
  readonly yTitle: string;
}

/** Where the plot area is and how data maps onto it. */
export interface PlotFrame {
  readonly ctx: CanvasRenderingContext2D;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly px: (x: number) => number;
  /** y in pixels; a log axis places values <= its minimum at the bottom. */
  readonly py: (y: number) => number;
}

export class CanvasPlot {
  private width = 0;
  private height = 0;
  private watched = false;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly onResize: () => void,
  ) {}

  private watch(): void {
    const box = this.canvas.parentElement;
    if (this.watched || !box) return;
    this.watched = true;
    new ResizeObserver(() => {
      const width = box.clientWidth;
      const height = box.clientHeight;
      if (width === this.width && height === this.height) return;
      this.width = width;
      this.height = height;
      this.onResize();
    }).observe(box);
  }

  /** Clears the canvas and draws the axes; null while the box has no size yet (its observer draws then). */
  begin(axes: PlotAxes, theme: ChartTheme): PlotFrame | null {
    this.watch();
    const { width, height, canvas } = this;
    if (width === 0 || height === 0) return null;
    const ctx = canvasContext(canvas, width, height, theme.fontFamily);
    const yTicks = axes.yLog ? logTicks(axes.y) : linearTicks(axes.y);
    const yLabel = (v: number) => (axes.yLog ? logTickLabel(v) : String(Number(v.toPrecision(6))));
    const left = 8 + CANVAS_FONT_SIZE * 1.4 + Math.max(0, ...yTicks.map((v) => ctx.measureText(yLabel(v)).width));
    const top = 10;
    const bottom = height - CANVAS_FONT_SIZE * 3.2;
    const right = width - 12;
    const { x, y } = axes;
    const px = (v: number) => left + ((v - x.min) / (x.max - x.min)) * (right - left);
    const logMin = Math.log10(y.min);
    const logSpan = Math.log10(y.max) - logMin;
    const py = axes.yLog
      ? (v: number) => (v <= y.min ? bottom : bottom - ((Math.log10(v) - logMin) / logSpan) * (bottom - top))
      : (v: number) => bottom - ((v - y.min) / (y.max - y.min)) * (bottom - top);

    drawYGrid(ctx, theme, yTicks, py, left, right, yLabel);
    for (const v of linearTicks(x)) {
      const xx = Math.round(px(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(xx, top);
      ctx.lineTo(xx, bottom);
      ctx.stroke();
      ctx.fillText(String(Number(v.toPrecision(6))), xx, bottom + CANVAS_FONT_SIZE * 0.9);
    }
    ctx.fillText(axes.xTitle, (left + right) / 2, bottom + CANVAS_FONT_SIZE * 2.3);
    ctx.save();
    ctx.translate(CANVAS_FONT_SIZE * 0.8, (top + bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(axes.yTitle, 0, 0);
    ctx.restore();
    ctx.strokeStyle = theme.foreground;
    ctx.strokeRect(left + 0.5, top + 0.5, right - left, bottom - top);
    return { ctx, left, top, right, bottom, px, py };
  }
}
