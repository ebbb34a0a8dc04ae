/* The 2D context of a chart's canvas, ready to draw on: one place for the canvas charts' setup. */

/** The charts' text size, in CSS pixels. */
export const CANVAS_FONT_SIZE = 12;

/**
 * The canvas sized to `width` x `height` CSS pixels at the device's pixel ratio (resized only when
 * that changed), cleared, its transform in CSS pixels and its font the theme's.
 */
export function canvasContext(canvas: HTMLCanvasElement, width: number, height: number, fontFamily: string): CanvasRenderingContext2D {
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
  ctx.font = `${CANVAS_FONT_SIZE}px ${fontFamily}`;
  ctx.textBaseline = 'middle';
  return ctx;
}

/**
 * The horizontal grid line and the label of each y tick, from `left` to `right`, labels right-aligned
 * left of the plot; leaves the context's text centred for the x axis that follows.
 */
export function drawYGrid(ctx: CanvasRenderingContext2D, colors: { readonly grid: string; readonly foreground: string }, ticks: readonly number[], y: (v: number) => number, left: number, right: number, label: (v: number) => string): void {
  ctx.strokeStyle = colors.grid;
  ctx.fillStyle = colors.foreground;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  for (const v of ticks) {
    const yy = Math.round(y(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(left, yy);
    ctx.lineTo(right, yy);
    ctx.stroke();
    ctx.fillText(label(v), left - 4, yy);
  }
  ctx.textAlign = 'center';
}
