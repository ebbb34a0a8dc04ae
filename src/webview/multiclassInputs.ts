import { softmaxProbabilities } from '../core';
import { MAX_CLASSES } from '../protocol';
import { h } from './dom';
import { fieldError } from './fieldError';
import { alphaPerClass, computeMulticlass } from './multiclassModel';
import { resizeMulticlass } from './multiclassState';
import type { MulticlassState } from './multiclassState';
import { numberControl } from './numberControl';
import { formatNumberList, parseListOf, parseNumberList } from './numberList';
import type { ExplorerState } from './state';
import { s } from './strings';
import { parseTyped } from './typedNumber';

/*
 * The multi-class view's sample editor: the number of classes, the sample's logits (or its
 * probabilities), one class's logit on a slider, the target (a class or a soft target), class
 * weights, alpha per class and label smoothing. An entry is taken only when the core computes
 * with it; otherwise its message shows beside the field and everything keeps the last good value.
 */

/** 'sample': the logits or target changed; 'params': weights, alpha or smoothing; 'classes': C changed. */
export type MulticlassChange = 'sample' | 'params' | 'classes';

export interface MulticlassInputs {
  readonly root: HTMLElement;
  /** Shows the state in every field except the one being typed in. */
  sync(state: ExplorerState): void;
}

/** Probabilities typed in must sum to 1 as the core's soft targets do. */
const SUM_TOLERANCE = 1e-6;

/** Whether the core computes the view with `change` applied to a copy of the sample: null, or its message. */
function refusal(state: ExplorerState, change: Partial<MulticlassState>): string | null {
  const result = computeMulticlass({ ...state, multiclass: { ...state.multiclass, ...change } });
  return result.ok ? null : result.message;
}

function whole(text: string, min: number, max: number, what: string): number | string {
  const value = parseTyped(text);
  return Number.isInteger(value) && value >= min && value <= max ? value : s('mc.error.wholeNumber', what, min, max, JSON.stringify(text.trim().slice(0, 40)));
}

interface ListBox {
  readonly root: HTMLElement;
  readonly area: HTMLTextAreaElement;
  readonly label: HTMLLabelElement;
  show(message: string | null): void;
  /** Sets the text unless a person is typing in it. */
  set(text: string): void;
}

function listBox(id: string, label: string, hint: string, onText: (text: string) => string | null): ListBox {
  const area = h('textarea', { id, className: 'number-list', attrs: { rows: '2', spellcheck: 'false', autocomplete: 'off' } });
  const error = fieldError(area, `${id}-error`);
  const labelElement = h('label', { text: label, attrs: { for: id } });
  area.addEventListener('input', () => error.show(onText(area.value)));
  return {
    root: h('div', { className: 'list-field' }, labelElement, h('span', { className: 'hint', text: hint }), area, error.element),
    area,
    label: labelElement,
    show: error.show,
    set(text) {
      if (document.activeElement !== area) {
        area.value = text;
        error.show(null);
      }
    },
  };
}

function choice<T extends string>(id: string, label: string, options: readonly (readonly [T, string])[], onChange: (value: T) => void): { root: HTMLElement; select: HTMLSelectElement } {
  const select = h('select', { id });
  for (const [value, text] of options) select.append(h('option', { text, attrs: { value } }));
  select.addEventListener('change', () => onChange(select.value as T));
  return { root: h('span', { className: 'field' }, h('label', { text: label, attrs: { for: id } }), select), select };
}

export function buildMulticlassInputs(state: ExplorerState, onChange: (change: MulticlassChange) => void): MulticlassInputs {
  const mc = () => state.multiclass;

  const classes = numberControl({
    id: 'mc-classes', label: s('mc.classes'), min: 2, max: MAX_CLASSES, step: 1, value: mc().classes,
    onInput: (_v, text) => {
      const value = whole(text, 2, MAX_CLASSES, s('mc.name.classes'));
      if (typeof value === 'string') return value;
      resizeMulticlass(mc(), value);
      onChange('classes');
      return null;
    },
  });

  const inputAs = choice<'logits' | 'probabilities'>('mc-input-as', s('mc.inputAs'), [['logits', s('mc.logits')], ['probabilities', s('mc.probabilities')]], (value) => {
    mc().inputAs = value;
    sync(state);
  });

  /** Logits from the typed list: probabilities become ln p (softmax is unchanged by a shift). */
  const values = listBox('mc-values', s('mc.sample'), s('mc.sampleHint'), (text) => {
    const inputName = s(mc().inputAs === 'logits' ? 'mc.name.logits' : 'mc.name.probabilities');
    const parsed = parseNumberList(text, inputName);
    if (!parsed.ok) return parsed.message;
    const count = parsed.values.length;
    if (count < 2 || count > MAX_CLASSES) return s('mc.error.count', inputName, MAX_CLASSES, count);
    let logits = parsed.values;
    if (mc().inputAs === 'probabilities') {
      const checked = parseListOf(text, inputName, count, (p) => (p >= 0 && p <= 1 ? null : s('mc.error.probability')));
      if (!checked.ok) return checked.message;
      const sum = checked.values.reduce((a, b) => a + b, 0);
      if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) return s('mc.error.sum', SUM_TOLERANCE, sum);
      logits = checked.values.map((p) => Math.log(p));
    }
    const resizedTo = count !== mc().classes;
    if (resizedTo) {
      // A count that changes C is checked on a resized copy first, so a refusal leaves C alone.
      const copy = { ...mc(), logits: [...mc().logits] };
      resizeMulticlass(copy, count);
      const message = refusal(state, { ...copy, logits });
      if (message) return message;
      resizeMulticlass(mc(), count);
    } else {
      const message = refusal(state, { logits });
      if (message) return message;
    }
    mc().logits = logits;
    onChange(resizedTo ? 'classes' : 'sample');
    return null;
  });

  const selectedBox = h('input', { id: 'mc-selected', className: 'number-box', attrs: { type: 'text', inputmode: 'numeric', spellcheck: 'false', autocomplete: 'off' } });
  const selectedError = fieldError(selectedBox, 'mc-selected-error');
  const logit = numberControl({
    id: 'mc-logit', label: s('mc.itsLogit'), min: -10, max: 10, step: 0.1, value: mc().logits[mc().selected]!,
    onInput: (value, text) => {
      if (Number.isNaN(value)) return s('mc.error.logit', JSON.stringify(text.trim().slice(0, 40)));
      mc().logits[mc().selected] = value;
      onChange('sample');
      return null;
    },
  });
  selectedBox.addEventListener('input', () => {
    const value = whole(selectedBox.value, 0, mc().classes - 1, s('mc.name.class'));
    if (typeof value === 'string') return selectedError.show(value);
    selectedError.show(null);
    mc().selected = value;
    logit.set(mc().logits[value]!);
  });

  const targetMode = choice<'class' | 'soft'>('mc-target-mode', s('mc.target'), [['class', s('mc.targetClassIndex')], ['soft', s('mc.targetSoft')]], (value) => {
    if (value === 'soft' && !mc().softTarget) mc().softTarget = Array.from({ length: mc().classes }, (_, c) => (c === mc().target ? 1 : 0));
    mc().targetMode = value;
    sync(state);
    onChange('sample');
  });
  const targetBox = h('input', { id: 'mc-target', className: 'number-box', attrs: { type: 'text', inputmode: 'numeric', spellcheck: 'false', autocomplete: 'off' } });
  const targetError = fieldError(targetBox, 'mc-target-error');
  targetBox.addEventListener('input', () => {
    const value = whole(targetBox.value, 0, mc().classes - 1, s('mc.name.targetClass'));
    if (typeof value === 'string') return targetError.show(value);
    targetError.show(null);
    mc().target = value;
    onChange('sample');
  });
  const targetField = h('span', { className: 'field' }, h('label', { text: s('mc.targetClass'), attrs: { for: 'mc-target' } }), h('span', { className: 'box-and-error' }, targetBox, targetError.element));

  const soft = listBox('mc-soft-target', s('mc.softTarget'), s('mc.softTargetHint'), (text) => {
    const parsed = parseListOf(text, s('mc.name.softTarget'), mc().classes, () => null);
    if (!parsed.ok) return parsed.message;
    const message = refusal(state, { softTarget: parsed.values, targetMode: 'soft' });
    if (message) return message;
    mc().softTarget = parsed.values;
    onChange('sample');
    return null;
  });

  const weights = listBox('mc-weights', s('mc.weights'), s('mc.weightsHint'), (text) => {
    if (text.trim() === '') {
      mc().classWeights = null;
      onChange('params');
      return null;
    }
    const parsed = parseListOf(text, s('mc.name.classWeights'), mc().classes, () => null);
    if (!parsed.ok) return parsed.message;
    const message = refusal(state, { classWeights: parsed.values });
    if (message) return message;
    mc().classWeights = parsed.values;
    onChange('params');
    return null;
  });

  const alpha = listBox('mc-alpha', s('mc.alpha'), s('mc.alphaHint'), (text) => {
    if (text.trim() === '') {
      mc().alpha = null;
      onChange('params');
      return null;
    }
    const parsed = parseListOf(text, s('mc.name.alpha'), mc().classes, (a) => (a >= 0 && a <= 1 ? null : s('mc.error.unitInterval')));
    if (!parsed.ok) return parsed.message;
    mc().alpha = { perClass: parsed.values };
    onChange('params');
    return null;
  });

  const smoothing = numberControl({
    id: 'mc-smoothing', label: s('mc.smoothing'), min: 0, max: 1, step: 0.01, value: mc().labelSmoothing,
    onInput: (value, text) => {
      const message = refusal(state, { labelSmoothing: Number.isNaN(value) ? (text as unknown as number) : value });
      if (message) return message;
      mc().labelSmoothing = value;
      onChange('params');
      return null;
    },
  });

  const root = h(
    'div',
    { className: 'mc-inputs' },
    classes.root,
    h('div', { className: 'row' }, inputAs.root),
    values.root,
    h(
      'div',
      { className: 'number-control' },
      h('label', { text: s('mc.editClass'), attrs: { for: 'mc-selected' } }),
      h('span', { className: 'box-and-error' }, selectedBox, selectedError.element),
    ),
    logit.root,
    h('div', { className: 'row' }, targetMode.root, targetField),
    soft.root,
    weights.root,
    alpha.root,
    smoothing.root,
  );

  function sync(view: ExplorerState): void {
    const m = view.multiclass;
    classes.set(m.classes);
    inputAs.select.value = m.inputAs;
    values.label.textContent = s(m.inputAs === 'logits' ? 'mc.sampleLogits' : 'mc.sampleProbabilities');
    values.set(m.inputAs === 'logits' ? formatNumberList(m.logits) : formatNumberList(softmaxProbabilities(m.logits), Math.max(view.digits, 6)));
    if (document.activeElement !== selectedBox) selectedBox.value = String(m.selected);
    selectedError.show(null);
    logit.set(m.logits[m.selected]!);
    logit.root.querySelector('label')!.textContent = s('mc.logitOfClass', m.selected);
    logit.slider.setAttribute('aria-label', s('controls.slider', s('mc.logitOfClass', m.selected)));
    targetMode.select.value = m.targetMode;
    if (document.activeElement !== targetBox) targetBox.value = String(m.target);
    targetField.hidden = m.targetMode !== 'class';
    soft.root.hidden = m.targetMode !== 'soft';
    if (m.softTarget) soft.set(formatNumberList(m.softTarget));
    weights.set(m.classWeights ? formatNumberList(m.classWeights) : '');
    const a = alphaPerClass(m.alpha, m.classes);
    alpha.set(a ? formatNumberList(a) : '');
    smoothing.set(m.labelSmoothing);
  }
  sync(state);
  return { root, sync };
}
