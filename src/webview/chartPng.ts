import { seriesColor } from './theme';
import type { ChartTheme } from './theme';

/*
 * A chart exported as PNG carries what the panel shows around the canvas: a title, the parameters
 * the curves were drawn with, and the legend (drawn on the canvas, since the page's legend is HTML),
 * on the theme's background, so an exported picture can be read on its own.
 */

export interface PngCaption {
  readonly title: string;
  readonly parameters: string;
  readonly legend: readonly { readonly label: string; readonly colorIndex: number; readonly dashed?: boolean; readonly markers?: boolean }[];
}

/** Wraps `items` (measured by `width`) into lines no wider than `max`. */
function wrap<T>(items: readonly T[], width: (item: T) => number, max: number): T[][] {
  const lines: T[][] = [];
  let line: T[] = [];
  let used = 0;
  for (const item of items) {
    const w = width(item);
    if (line.length > 0 && used + w > max) {
      lines.push(line);
      line = [];
      used = 0;
    }
    line.push(item);
    used += w;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

function wrapText(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  return wrap(text.split(' '), (word) => ctx.measureText(`${word} `).width, max).map((words) => words.join(' '));
}

/** The PNG data URL of `source` (a chart canvas) with `caption` drawn above and below it. */
export function chartPng(source: HTMLCanvasElement, theme: ChartTheme, caption: PngCaption): string {
  // The canvas is drawn at the device pixel ratio; the caption follows it so text stays crisp.
  const scale = source.clientWidth > 0 ? source.width / source.clientWidth : 1;
  const pad = 12 * scale;
  const titleSize = 16 * scale;
  const textSize = 12 * scale;
  const lineHeight = textSize * 1.5;
  const width = source.width;
  const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px ${theme.fontFamily}`;

  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = font(textSize);
  const parameterLines = wrapText(measure, caption.parameters, width - 2 * pad);
  const swatch = 22 * scale;
  const entryWidth = (entry: PngCaption['legend'][number]) => swatch + 6 * scale + measure.measureText(entry.label).width + 18 * scale;
  const legendLines = wrap(caption.legend, entryWidth, width - 2 * pad);
  const top = pad + titleSize * 1.4 + parameterLines.length * lineHeight + pad / 2;
  const height = top + source.height + pad / 2 + legendLines.length * lineHeight + pad;

  const out = document.createElement('canvas');
  out.width = width;
  out.height = Math.ceil(height);
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = theme.foreground;
  ctx.font = font(titleSize, true);
  ctx.fillText(caption.title, pad, pad + titleSize * 0.6);
  ctx.font = font(textSize);
  ctx.fillStyle = theme.muted;
  parameterLines.forEach((line, i) => ctx.fillText(line, pad, pad + titleSize * 1.4 + (i + 0.5) * lineHeight));
  ctx.drawImage(source, 0, top);

  let y = top + source.height + pad / 2 + lineHeight / 2;
  for (const line of legendLines) {
    let x = pad;
    for (const entry of line) {
      const color = seriesColor(theme, entry.colorIndex);
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = 3 * scale;
      if (entry.markers) {
        ctx.save();
        ctx.translate(x + swatch / 2, y);
        ctx.rotate(Math.PI / 4);
        ctx.fillRect(-4 * scale, -4 * scale, 8 * scale, 8 * scale);
        ctx.restore();
      } else {
        ctx.setLineDash(entry.dashed ? [6 * scale, 4 * scale] : []);
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(x + swatch, y);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.fillStyle = theme.foreground;
      ctx.fillText(entry.label, x + swatch + 6 * scale, y);
      x += entryWidth(entry);
    }
    y += lineHeight;
  }
  return out.toDataURL('image/png');
}
