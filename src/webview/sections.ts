import { h } from './dom';
import type { ExplorerState, FoldingKey } from './state';

/*
 * The panel's folding sections: a <details> per part, so folding is the browser's own (Enter and
 * Space on the summary, announced as expanded or collapsed) and needs no script to work. Which are
 * open is part of the persisted state, so a reload shows the same ones.
 */

export interface Section {
  readonly root: HTMLDetailsElement;
  /** The section's content, after its heading. */
  readonly body: HTMLElement;
  readonly isOpen: () => boolean;
}

export function foldingSection(
  key: FoldingKey,
  title: string,
  state: ExplorerState,
  onToggle: (key: FoldingKey, open: boolean) => void,
  ...children: Node[]
): Section {
  const body = h('div', { className: 'section-body' }, ...children);
  const root = h('details', { id: `section-${key}`, className: `section section-${key}` }, h('summary', {}, h('h2', { text: title })), body);
  root.open = state.sections[key];
  root.addEventListener('toggle', () => {
    if (state.sections[key] === root.open) return;
    state.sections[key] = root.open;
    onToggle(key, root.open);
  });
  return { root, body, isOpen: () => root.open };
}
