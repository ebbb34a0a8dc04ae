import type { Nature, PredictionSource } from '../language/lint';
import { inlineCode } from './markdownText';
import * as l10n from './l10n';

/*
 * The hover's line about the loss call's prediction argument, when the file's data flow settles it
 * (language/lint's predictionSourceOf, the lint's own analysis of the document version): what the
 * argument is and where that is decided, e.g. "`model(x)` is log-probabilities: `Net.forward`
 * returns `F.log_softmax(...)` (line 61)". Code is shown as inline code, never as Markdown.
 */

function natureText(nature: Nature): string {
  switch (nature) {
    case 'logits':
      return l10n.t('raw logits');
    case 'softmax':
      return l10n.t('probabilities (softmax)');
    case 'sigmoid':
      return l10n.t('probabilities (sigmoid)');
    case 'log_softmax':
      return l10n.t('log-probabilities (log_softmax)');
  }
}

export function predictionLine(source: PredictionSource): string {
  const argument = inlineCode(source.argument);
  const nature = natureText(source.nature);
  const producer = inlineCode(source.producer);
  const line = source.line + 1;
  const origin = source.origin;
  // A model of another file: its file and line there.
  if (origin && source.file !== undefined) {
    const file = inlineCode(source.file);
    if (origin.verb === 'ends') return l10n.t('**Input** {0} is {1}: {2} ends in {3} ({4}, line {5}).', argument, nature, inlineCode(origin.owner), producer, file, line);
    if (origin.index !== undefined && origin.count !== undefined) {
      return l10n.t('**Input** {0} is {1}: {2} returns {3} as output {4} of {5} ({6}, line {7}).', argument, nature, inlineCode(origin.owner), producer, origin.index + 1, origin.count, file, line);
    }
    return l10n.t('**Input** {0} is {1}: {2} returns {3} ({4}, line {5}).', argument, nature, inlineCode(origin.owner), producer, file, line);
  }
  if (origin?.verb === 'ends') return l10n.t('**Input** {0} is {1}: {2} ends in {3} (line {4}).', argument, nature, inlineCode(origin.owner), producer, line);
  if (origin && origin.index !== undefined && origin.count !== undefined) {
    return l10n.t('**Input** {0} is {1}: {2} returns {3} as output {4} of {5} (line {6}).', argument, nature, inlineCode(origin.owner), producer, origin.index + 1, origin.count, line);
  }
  if (origin) return l10n.t('**Input** {0} is {1}: {2} returns {3} (line {4}).', argument, nature, inlineCode(origin.owner), producer, line);
  return l10n.t('**Input** {0} is {1}: {2} (line {3}).', argument, nature, producer, line);
}
