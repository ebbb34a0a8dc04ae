import type { ExplorerFocus, ExplorerSection } from '../protocol';
import type { ExplorerState, SectionKey, ViewMode } from './state';

/*
 * A state the host asks the panel to open in (a walkthrough step's command link): the view that
 * has the section, the section unfolded, and the parameters the step is about. Applying it to the
 * state is pure; main.ts then redraws, and scrolls the section into view.
 */

// The protocol's section names are the page's own: this line stops compiling if they drift apart.
const sectionKey = (section: ExplorerSection): SectionKey => section;

/** The view a section belongs to. */
export function modeOfSection(section: ExplorerSection): ViewMode {
  return section.startsWith('mc-') ? 'multiclass' : 'binary';
}

export interface FocusChange {
  readonly mode: ViewMode;
  readonly section: SectionKey;
  /** Whether the imbalance view's counts changed, so its classes must be rebuilt. */
  readonly imbalanceScaleChanged: boolean;
}

/** Sets what `focus` names in `state` (the host validated it) and says what the page must redo. */
export function applyFocus(state: ExplorerState, focus: ExplorerFocus): FocusChange {
  const section = sectionKey(focus.section);
  const mode = modeOfSection(focus.section);
  state.mode = mode;
  state.sections[section] = true;
  if (focus.alpha !== undefined || focus.gamma !== undefined) {
    if (focus.alpha === null) state.alphaOn = false;
    else if (focus.alpha !== undefined) {
      state.alphaOn = true;
      state.alpha = focus.alpha;
    }
    if (focus.gamma !== undefined) state.gamma = focus.gamma;
    // Parameters set here are no longer a call's, and settings defaults no longer replace them.
    state.paramsSet = true;
    if (mode === 'binary') state.call = null;
  }
  if (focus.figure1 !== undefined) state.figure1 = focus.figure1;
  if (focus.readPt !== undefined) state.readPt = focus.readPt;
  const scale = focus.imbalanceScale;
  const imbalanceScaleChanged = scale !== undefined && scale !== state.imbalance.scale;
  if (scale !== undefined) state.imbalance.scale = scale;
  return { mode, section, imbalanceScaleChanged };
}

/**
 * After applyFocus and a redraw: unfolds the section, lets the imbalance view rebuild its classes
 * through its own counts box (so it says it is building, as when chosen by hand), and scrolls the
 * section to the top once it is laid out.
 */
export function revealSection(change: FocusChange, state: ExplorerState): void {
  const details = document.getElementById(`section-${change.section}`);
  if (details instanceof HTMLDetailsElement) details.open = true;
  if (change.imbalanceScaleChanged) {
    const counts = document.getElementById('imbalance-scale');
    if (counts instanceof HTMLSelectElement) {
      counts.value = state.imbalance.scale;
      counts.dispatchEvent(new Event('change'));
    }
  }
  requestAnimationFrame(() => details?.scrollIntoView({ block: 'start' }));
}
