// What the UI checks expect on screen, computed by the same code the extension uses, so no number is
// hard-coded in a scenario. Bundled to out/test/e2e/expected.js (CommonJS) for the .mjs scenarios.
export { computeReport, summaryLine, reportLines } from '../../src/extension/lossReport';
export { formatNumber, formatNumbersAlike, formatRatio, formatScientific, lossBreakdown, lossFromProb } from '../../src/core';
export { DEFAULT_SETTINGS } from '../../src/extension/settingsValues';
export { hoverTargets } from './hoverTargets';
