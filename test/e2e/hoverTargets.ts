import { findLossCalls } from '../../src/language/recognition';
import type { SourceLanguage } from '../../src/language/recognition';

/*
 * Where the UI check rests the mouse to see every hover of a file: one place per loss call the
 * recogniser finds (the extension's own), on the callee's last name ("sigmoid_focal_loss" of
 * `torchvision.ops.sigmoid_focal_loss(`, "criterion" of `self.criterion(`, "dict" of a config's
 * `dict(type='FocalLoss', ...)`), with the line it stands on.
 */
export interface HoverTarget {
  /** 0-based line of the call's start. */
  readonly line: number;
  /** The word to hover. */
  readonly token: string;
  /** The whole line's text, to find it on screen. */
  readonly lineText: string;
  /** The API the hover names. */
  readonly api: string;
  /** Which occurrence of `token` on that line (0 for the first). */
  readonly nth: number;
}

export function hoverTargets(text: string, language: SourceLanguage): HoverTarget[] {
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  const seen = new Set<number>();
  const targets: HoverTarget[] = [];
  for (const call of findLossCalls(text, language)) {
    if (seen.has(call.start)) continue;
    seen.add(call.start);
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= call.start) line++;
    const lineText = lines[line]!;
    const column = call.start - lineStarts[line]!;
    let head = /^[\w.]+/.exec(text.slice(call.start))?.[0] ?? '';
    let end = column + head.length;
    // A config's `loss_cls=dict(...)`: the hover is on the name it is assigned to, not on `dict`.
    const assigned = head === 'dict' ? /(\w+)['"]?\s*[=:]\s*$/.exec(lineText.slice(0, column)) : null;
    if (assigned) {
      head = assigned[1]!;
      end = assigned.index + head.length;
    }
    const token = head.split('.').filter(Boolean).pop() ?? '';
    if (!token) continue;
    const before = lineText.slice(0, end - token.length);
    const nth = before.split(token).length - 1;
    targets.push({ line, token, lineText, api: call.api, nth });
  }
  return targets;
}
