import { lineOf, type LossCall } from '../recognition';
import type { LintContext } from './lintContext';

/**
 * Per lint run, built on first use: the calls by start offset (`all`: every call starting there; `byStart`:
 * the one call written there, not reached through a name bound to it), the written ones by line, and how
 * many uses each construction's line has per callee, and the calls by where their callee's name starts and by their callee.
 */
export interface CallMaps {
  readonly all: Map<number, LossCall[]>;
  readonly byStart: Map<number, LossCall>;
  readonly byLine: Map<number, LossCall[]>;
  readonly uses: Map<string, number>;
  /** Every call by the start offset of its callee's name, in the calls' order. */
  readonly byNameStart: Map<number, LossCall[]>;
  /** Every call by its callee as written (`FocalLoss`, `self.criterion`), in the calls' order. */
  readonly byCallee: Map<string, LossCall[]>;
}

const CALL_MAPS = new WeakMap<LintContext, CallMaps>();

export function callMaps(cx: LintContext): CallMaps {
  let maps = CALL_MAPS.get(cx);
  if (!maps) {
    maps = { all: new Map(), byStart: new Map(), byLine: new Map(), uses: new Map(), byNameStart: new Map(), byCallee: new Map() };
    for (const c of cx.calls) {
      const same = maps.all.get(c.start);
      if (same) same.push(c);
      else maps.all.set(c.start, [c]);
      const named = maps.byNameStart.get(c.nameStart);
      if (named) named.push(c);
      else maps.byNameStart.set(c.nameStart, [c]);
      const byCallee = maps.byCallee.get(c.callee);
      if (byCallee) byCallee.push(c);
      else maps.byCallee.set(c.callee, [c]);
      if (!c.builtAt) {
        maps.byStart.set(c.start, c);
        const line = lineOf(cx.lines, c.start);
        const onLine = maps.byLine.get(line);
        if (onLine) onLine.push(c);
        else maps.byLine.set(line, [c]);
      } else if (c.builtAt.line.kind === 'resolved') {
        const key = `${c.builtAt.line.line}:${c.callee}`;
        maps.uses.set(key, (maps.uses.get(key) ?? 0) + 1);
      }
    }
    CALL_MAPS.set(cx, maps);
  }
  return maps;
}
