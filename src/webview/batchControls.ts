import type { BatchViewControls } from '../core';
import { h } from './dom';
import { fieldError } from './fieldError';
import { formatNumberList, parseListOf } from './numberList';
import { numberControl } from './numberControl';
import { s } from './strings';
import { parseTyped } from './typedNumber';

/*
 * The batch view's parameters: alpha (binary), gamma, label smoothing, pos_weight (binary) and
 * class weights (softmax), starting at the call's own. A refused value says why next to its box
 * and everything keeps the last good value; a good one recomputes the view in the page.
 */

export interface BatchControlValues {
  alpha: number;
  alphaOn: boolean;
  gamma: number;
  labelSmoothing: number;
  posWeight: number | null;
  weight: number[] | null;
  paperGammas: boolean;
}

export function controlsOf(values: BatchControlValues): BatchViewControls {
  return { alpha: values.alphaOn ? values.alpha : null, gamma: values.gamma, labelSmoothing: values.labelSmoothing, posWeight: values.posWeight, weight: values.weight };
}

export function valuesOf(controls: BatchViewControls): BatchControlValues {
  return {
    alpha: controls.alpha ?? 0.25,
    alphaOn: controls.alpha !== null,
    gamma: controls.gamma,
    labelSmoothing: controls.labelSmoothing,
    posWeight: controls.posWeight,
    weight: controls.weight ? [...controls.weight] : null,
    paperGammas: false,
  };
}

export interface BatchControls {
  readonly root: HTMLElement;
  /** Shows `values` for a batch of `model` with `classes` classes. */
  sync(values: BatchControlValues, model: 'sigmoid' | 'softmax', classes: number): void;
}

function checkbox(id: string, label: string, onChange: (checked: boolean) => void): { root: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { id, attrs: { type: 'checkbox' } });
  input.addEventListener('change', () => onChange(input.checked));
  return { root: h('span', { className: 'check' }, input, h('label', { text: label, attrs: { for: id } })), input };
}

export function buildBatchControls(values: () => BatchControlValues, onChange: (kind: 'params' | 'view') => void, onReset: () => void): BatchControls {
  let classes = 0;
  const take = (apply: (v: BatchControlValues) => void) => {
    apply(values());
    onChange('params');
    return null;
  };
  const alpha = numberControl({
    id: 'batch-alpha', label: s('batch.alpha'), min: 0, max: 1, step: 0.01, value: 0.25,
    onInput: (v, text) => (v >= 0 && v <= 1 ? take((c) => (c.alpha = v)) : s('controls.alphaRange', text, s('batch.alphaOn'))),
  });
  const alphaOn = checkbox('batch-alpha-on', s('batch.alphaOn'), (on) => {
    values().alphaOn = on;
    alpha.setDisabled(!on);
    onChange('params');
  });
  const gamma = numberControl({
    id: 'batch-gamma', label: s('batch.gamma'), min: 0, max: 5, step: 0.1, value: 2,
    onInput: (v, text) => (v >= 0 && Number.isFinite(v) ? take((c) => (c.gamma = v)) : s('batch.gammaRange', text)),
  });
  const smoothing = numberControl({
    id: 'batch-smoothing', label: s('batch.smoothing'), min: 0, max: 0.5, step: 0.01, value: 0,
    onInput: (v, text) => (v >= 0 && v <= 1 ? take((c) => (c.labelSmoothing = v)) : s('batch.smoothingRange', text)),
  });
  const posWeightBox = h('input', { id: 'batch-pos-weight', className: 'number-box', attrs: { type: 'text', inputmode: 'decimal', spellcheck: 'false', autocomplete: 'off', placeholder: '1' } });
  const posWeightError = fieldError(posWeightBox, 'batch-pos-weight-error');
  posWeightBox.addEventListener('input', () => {
    const text = posWeightBox.value.trim();
    const v = text === '' ? 1 : parseTyped(text);
    if (!(v > 0 && Number.isFinite(v))) return posWeightError.show(s('batch.posWeightRange', text));
    posWeightError.show(null);
    take((c) => (c.posWeight = text === '' ? null : v));
  });
  const posWeight = h('span', { className: 'field' }, h('label', { text: s('batch.posWeight'), attrs: { for: 'batch-pos-weight' } }), h('span', { className: 'box-and-error' }, posWeightBox, posWeightError.element));
  const weightsBox = h('textarea', { id: 'batch-weights', className: 'number-list', attrs: { rows: '2', spellcheck: 'false' } });
  const weightsError = fieldError(weightsBox, 'batch-weights-error');
  weightsBox.addEventListener('input', () => {
    const text = weightsBox.value.trim();
    if (text === '') {
      weightsError.show(null);
      take((c) => (c.weight = null));
      return;
    }
    const parsed = parseListOf(text, s('batch.weights'), classes, (w) => (w >= 0 && Number.isFinite(w) ? null : s('batch.weightRange')));
    if (!parsed.ok) return weightsError.show(parsed.message);
    weightsError.show(null);
    take((c) => (c.weight = parsed.values));
  });
  const weights = h('div', { className: 'list-field' }, h('label', { text: s('batch.weights'), attrs: { for: 'batch-weights' } }), weightsBox, weightsError.element);
  const paper = checkbox('batch-paper-gammas', s('batch.paperGammas'), (on) => {
    values().paperGammas = on;
    onChange('view');
  });
  const reset = h('button', { id: 'batch-reset', className: 'secondary', text: s('batch.reset'), attrs: { type: 'button' } });
  reset.addEventListener('click', onReset);
  const alphaRow = h('div', { className: 'number-control-row' }, alpha.root, alphaOn.root);
  return {
    root: h('fieldset', { id: 'batch-controls', className: 'batch-controls' }, h('legend', { text: s('batch.controls') }), alphaRow, gamma.root, smoothing.root, h('div', { className: 'row' }, posWeight), weights, h('div', { className: 'row' }, paper.root, reset)),
    sync(v, model, classCount) {
      classes = classCount;
      alphaRow.hidden = model !== 'sigmoid';
      posWeight.parentElement!.hidden = model !== 'sigmoid';
      weights.hidden = model !== 'softmax';
      alpha.set(v.alpha);
      alpha.setDisabled(!v.alphaOn);
      alphaOn.input.checked = v.alphaOn;
      gamma.set(v.gamma);
      smoothing.set(v.labelSmoothing);
      posWeightBox.value = v.posWeight === null ? '' : String(v.posWeight);
      posWeightError.show(null);
      weightsBox.value = v.weight ? formatNumberList(v.weight) : '';
      weightsError.show(null);
      paper.input.checked = v.paperGammas;
    },
  };
}
