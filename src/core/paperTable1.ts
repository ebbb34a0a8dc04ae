import { msg } from './message';

/*
 * Table 1 of the paper (Lin et al., "Focal Loss for Dense Object Detection", section 5.1): ablations of
 * RetinaNet with a ResNet-50-FPN on COCO minival, box AP. (a) alpha-balanced CE (gamma 0) for several
 * alpha; (b) FL for several gamma, each with the alpha that was best for it. What the paper measured in
 * its setting (dense detection, ~100k anchors per image), not a rule for every task.
 */

/** One measured setting: the loss, its alpha and gamma, and the AP it reached. */
export interface PaperSetting {
  readonly alpha: number;
  readonly gamma: number;
  readonly ap: number;
}

/** Table 1a: alpha-balanced CE (gamma 0) at each alpha. */
export const PAPER_TABLE_1A: readonly PaperSetting[] = [
  { alpha: 0.1, gamma: 0, ap: 0.0 },
  { alpha: 0.25, gamma: 0, ap: 10.8 },
  { alpha: 0.5, gamma: 0, ap: 30.2 },
  { alpha: 0.75, gamma: 0, ap: 31.1 },
  { alpha: 0.9, gamma: 0, ap: 30.8 },
  { alpha: 0.99, gamma: 0, ap: 28.7 },
  { alpha: 0.999, gamma: 0, ap: 25.1 },
];

/** Table 1b: FL at each gamma with the alpha that was best for it. */
export const PAPER_TABLE_1B: readonly PaperSetting[] = [
  { alpha: 0.75, gamma: 0, ap: 31.1 },
  { alpha: 0.75, gamma: 0.1, ap: 31.4 },
  { alpha: 0.75, gamma: 0.2, ap: 31.9 },
  { alpha: 0.5, gamma: 0.5, ap: 32.9 },
  { alpha: 0.25, gamma: 1, ap: 33.7 },
  { alpha: 0.25, gamma: 2, ap: 34.0 },
  { alpha: 0.25, gamma: 5, ap: 32.2 },
];

/** The paper's choice: the best row of Table 1b. */
export const PAPER_CHOICE: PaperSetting = PAPER_TABLE_1B.find((row) => row.gamma === 2)!;

/** How the paper's table was made, said before any of its numbers. */
const setting = () => msg('Table 1 of the paper (RetinaNet, ResNet-50-FPN, COCO minival)');

/**
 * One sentence of Table 1 for a focal loss (or alpha-balanced CE) whose alpha or gamma is not the
 * paper's 0.25 and 2: the measured row with this gamma (and this alpha for gamma 0), else the rows
 * around it; always the paper's choice. Undefined for the paper's own setting or an unknown gamma.
 * `alpha` null: no alpha weighting (the paper measured every row with one).
 */
export function paperTable1Line(alpha: number | null | undefined, gamma: number | undefined): string | undefined {
  if (gamma === undefined || !Number.isFinite(gamma) || gamma < 0) return undefined;
  if (alpha === PAPER_CHOICE.alpha && gamma === PAPER_CHOICE.gamma) return undefined;
  const choice = msg('gamma {0}, alpha {1}: {2} AP, its choice', PAPER_CHOICE.gamma, PAPER_CHOICE.alpha, ap(PAPER_CHOICE));
  if (gamma === 0) {
    const row = typeof alpha === 'number' ? PAPER_TABLE_1A.find((r) => r.alpha === alpha) : undefined;
    const best = PAPER_TABLE_1A.reduce((a, b) => (b.ap > a.ap ? b : a));
    return row && row !== best
      ? msg('{0}: CE with alpha {1} gave {2} AP; the best alpha for CE, {3}, gave {4}; FL {5}.', setting(), row.alpha, ap(row), best.alpha, ap(best), choice)
      : msg('{0}: the best alpha for CE was {1} ({2} AP); FL {3}.', setting(), best.alpha, ap(best), choice);
  }
  const row = PAPER_TABLE_1B.find((r) => r.gamma === gamma);
  if (row === PAPER_CHOICE) {
    return msg('{0}: at gamma {1} the best alpha was {2} ({3} AP, its choice); other alphas at that gamma are not in the table.', setting(), row.gamma, row.alpha, ap(row));
  }
  if (row) {
    return alpha === row.alpha
      ? msg('{0}: gamma {1} with alpha {2} gave {3} AP (the best alpha for that gamma); FL {4}.', setting(), row.gamma, row.alpha, ap(row), choice)
      : msg('{0}: gamma {1} did best with alpha {2} ({3} AP); FL {4}.', setting(), row.gamma, row.alpha, ap(row), choice);
  }
  const below = [...PAPER_TABLE_1B].reverse().find((r) => r.gamma < gamma);
  const above = PAPER_TABLE_1B.find((r) => r.gamma > gamma);
  if (below && above) {
    return msg('{0} has no gamma {1}: gamma {2} gave {3} AP (alpha {4}), gamma {5} gave {6} AP (alpha {7}); FL {8}.', setting(), gamma, below.gamma, ap(below), below.alpha, above.gamma, ap(above), above.alpha, choice);
  }
  return msg('{0} stops at gamma {1} ({2} AP, alpha {3}); gamma {4} was not measured. FL {5}.', setting(), below!.gamma, ap(below!), below!.alpha, gamma, choice);
}

/** AP as the paper prints it: one decimal. */
function ap(row: PaperSetting): string {
  return row.ap.toFixed(1);
}
