/*
 * Where in a loss call the hover speaks (issue 11, pattern 4): on the callee's name, on the keyword
 * names of its arguments (`gamma=`), and on the name a loss is assigned to (`loss_cls=dict(...)`,
 * `'loss_cls': dict(...)`, `criterion = nn.CrossEntropyLoss()`); not on every token inside the
 * parentheses, where the prediction and target arguments belong to the language server's hover
 * and a string argument is just a string. Works on the text after the hovered word on its line.
 */

/** Whether the hovered word, followed by `rest` on its line, is the keyword of an argument (`gamma=2`). */
export function isKeywordName(rest: string): boolean {
  return /^[ \t]*=(?!=)/.test(rest);
}

/**
 * For a word followed by `rest` that names what a call is assigned to (`loss_cls=dict(`, `': dict(`,
 * ` = nn.CrossEntropyLoss(`), how far after the word that call starts; undefined otherwise.
 */
export function assignedCallStart(rest: string): number | undefined {
  const match = /^(?:['"])?[ \t]*(?::[ \t]*|=(?!=)[ \t]*)(?=[A-Za-z_{])/.exec(rest);
  return match ? match[0].length : undefined;
}
