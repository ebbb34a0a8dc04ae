import type { ComputeLossArgs } from './computeLossArgs';
import * as l10n from './l10n';

/*
 * Which questions Compute Loss asks for a given set of arguments, and how its input boxes are
 * numbered. Pure (no vscode import), so the counting is unit-tested without driving input boxes.
 * A hover's link passes a call's parameters, so the command must ask only for the sample, and its
 * "(k/n)" must count only the boxes that will really open.
 */

/**
 * Whether the prediction box also accepts the logits of several classes (then the command
 * computes plain softmax CE). Not when the arguments fix a sigmoid sample's target or alpha (a
 * sigmoid call's hover link): a softmax sample would drop them and compute another loss.
 */
export function acceptsClassScores(args: ComputeLossArgs): boolean {
  return args.y === undefined && args.alpha === undefined;
}

/** Whether `args` describe a softmax sample before anything is asked. */
export function isSoftmaxSample(args: ComputeLossArgs): boolean {
  return args.softmax !== undefined || args.scores !== undefined;
}

/** Questions one sigmoid prediction asks: whatever of the prediction, y, alpha and gamma `args` leave out. */
export function binaryQuestionCount(args: ComputeLossArgs): number {
  const given = args.p !== undefined || args.logit !== undefined || args.prediction !== undefined;
  return [!given, args.y === undefined, args.alpha === undefined, args.gamma === undefined].filter(Boolean).length;
}

/**
 * Questions a multi-class sample asks: the scores and the target class unless given, and the
 * gamma of the focal loss shown beside CE unless a call's spec or the arguments give it.
 */
export function softmaxQuestionCount(args: ComputeLossArgs, scoresGiven = args.scores !== undefined): number {
  return [!scoresGiven, args.target === undefined, args.softmax === undefined && args.gamma === undefined].filter(Boolean).length;
}

/**
 * The titles of numbered input boxes: "Loss Lens: Compute Loss (2/3)", or no number when only
 * one box opens. The total can change once the first answer turns out to be class scores.
 */
export class StepTitles {
  private asked = 0;
  constructor(
    private readonly title: string,
    private total: number,
  ) {}

  /** The questions still to come changed (the first answer was the scores of several classes). */
  setRemaining(remaining: number): void {
    this.total = this.asked + remaining;
  }

  /** The title of the next box. */
  next(): string {
    this.asked++;
    return this.total > 1 ? l10n.t('Loss Lens: {0} ({1}/{2})', this.title, this.asked, this.total) : l10n.t('Loss Lens: {0}', this.title);
  }
}
