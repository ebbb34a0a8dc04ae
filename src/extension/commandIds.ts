/** The extension's identifier (publisher.name in package.json): the Settings editor's @ext: filter. */
export const EXTENSION_ID = 'loss-lens.loss-lens';

/** The command identifiers Loss Lens contributes (package.json), in one place for code and tests. */
export const COMPUTE_LOSS_COMMAND = 'lossLens.computeLoss';
export const OPEN_EXPLORER_COMMAND = 'lossLens.openExplorer';
export const COMPUTE_SELECTION_COMMAND = 'lossLens.computeSelection';
export const EXPLAIN_AT_CURSOR_COMMAND = 'lossLens.explainAtCursor';
export const COMPARE_COMMAND = 'lossLens.compare';
export const INSERT_IMPLEMENTATION_COMMAND = 'lossLens.insertFocalLoss';
export const COPY_MARKDOWN_COMMAND = 'lossLens.copyMarkdownTable';
export const OPEN_SAMPLE_COMMAND = 'lossLens.openSample';
export const SHOW_BATCH_COMMAND = 'lossLens.showBatchInExplorer';

/** The commands a hover's links may run (MarkdownString.isTrusted.enabledCommands). */
export const HOVER_LINK_COMMANDS = [OPEN_EXPLORER_COMMAND, COMPUTE_LOSS_COMMAND, SHOW_BATCH_COMMAND];
