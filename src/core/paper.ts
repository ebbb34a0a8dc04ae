import { msg } from './message';
import { LossInputError } from './errors';
import { checkProbability } from './params';

/*
 * The paper's claims about the modulating factor, as functions (Lin et al., section 3.2):
 * with alpha off, CE / FL = 1 / (1 - p_t)^gamma. At gamma 2 that is 100 at p_t = 0.9,
 * about 1000 at p_t ~ 0.968, and at most 4 for p_t <= 0.5.
 */

function checkGammaPositive(gamma: number): void {
  if (typeof gamma !== 'number' || !(gamma >= 0 && gamma < Infinity)) {
    throw new LossInputError('gamma', gamma, msg('a finite number >= 0'));
  }
}

/** How many times lower FL is than CE at p_t: 1 / (1 - p_t)^gamma (Infinity at p_t = 1, gamma > 0). */
export function ceOverFocalRatio(pt: number, gamma: number): number {
  checkProbability(pt, 'p_t');
  checkGammaPositive(gamma);
  if (gamma === 0) return 1;
  return Math.pow(1 - pt, -gamma);
}

/** The p_t at which FL is `ratio` times lower than CE: 1 - ratio^(-1/gamma). */
export function ptForRatio(ratio: number, gamma: number): number {
  if (typeof ratio !== 'number' || !(ratio >= 1 && ratio < Infinity)) {
    throw new LossInputError('ratio', ratio, msg('a finite number >= 1'));
  }
  checkGammaPositive(gamma);
  if (gamma === 0) {
    throw new LossInputError('gamma', gamma, msg('a number > 0 (at gamma 0 FL equals CE everywhere)'));
  }
  return 1 - Math.pow(ratio, -1 / gamma);
}

/**
 * The largest reduction FL makes anywhere in p_t <= `pt`: the ratio is increasing in p_t,
 * so it is the ratio at `pt` itself (4 at p_t = 0.5, gamma 2).
 */
export function maxRatioUpTo(pt: number, gamma: number): number {
  return ceOverFocalRatio(pt, gamma);
}
