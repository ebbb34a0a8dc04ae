import { lossFromProb, LossInputError } from '../core';
import type { LogBaseName } from '../protocol';
import { h } from './dom';
import { numberControl } from './numberControl';
import { s } from './strings';
import { typedValue } from './typedNumber';
import type { NumberControl } from './numberControl';
import type { CurveKey, ExplorerState } from './state';

/*
 * The loss parameters and view options. Every change is checked by the core before it is used, so
 * a typed value the core refuses shows the core's message next to its box and everything keeps the
 * last good value. gamma, the log base and the y axis are shared by the binary and multi-class
 * views (sharedRoot, shown above both); alpha, beta, the target and the curves are the binary view's.
 */

/** What a change affects: loss parameters (everything computed), the curves' view only, or the log base. */
export type ChangeKind = 'params' | 'view' | 'base' | 'digits';

export interface Controls {
  /** gamma, log base, y axis: shown in both views. */
  readonly sharedRoot: HTMLElement;
  /** alpha, beta, the curves' target and which curves: the binary view's. */
  readonly binaryRoot: HTMLElement;
  /** Shows the state's values in every input (after a call, settings or a restore). */
  sync(state: ExplorerState): void;
}

export const CURVE_LABELS: Record<CurveKey, string> = {
  ce: 'CE',
  balanced: 'balanced CE',
  focal: 'FL',
  'focal-star': 'FL*',
};

function checkbox(id: string, label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLElement {
  const input = h('input', { id, attrs: { type: 'checkbox' } });
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return h('span', { className: 'check' }, input, h('label', { text: label, attrs: { for: id } }));
}

function select<T extends string>(
  id: string,
  label: string,
  choices: readonly (readonly [T, string])[],
  value: T,
  onChange: (value: T) => void,
): HTMLElement {
  const element = h('select', { id });
  for (const [choice, text] of choices) element.append(h('option', { text, attrs: { value: choice } }));
  element.value = value;
  element.addEventListener('change', () => onChange(element.value as T));
  return h('span', { className: 'select' }, h('label', { text: label, attrs: { for: id } }), element);
}

export function buildControls(state: ExplorerState, onChange: (kind: ChangeKind) => void): Controls {
  /** Applies a typed parameter only if the core accepts it; returns the core's message if not. */
  const tryParam = (field: 'alpha' | 'gamma' | 'beta', value: number, text: string): string | null => {
    const candidate = typedValue(value, text);
    try {
      const params = {
        alpha: field === 'alpha' ? candidate : state.alphaOn ? state.alpha : null,
        gamma: field === 'gamma' ? candidate : state.gamma,
        beta: field === 'beta' ? candidate : state.beta,
      };
      lossFromProb('focal', 0.5, 1, params);
      if (field === 'beta') lossFromProb('focal-star', 0.5, 1, { ...params, gamma: 1 });
    } catch (e) {
      if (!(e instanceof LossInputError)) throw e;
      // The core's message speaks to code ("or null for no alpha weighting"); the panel has a box for that.
      if (field === 'alpha') return s('controls.alphaRange', text.trim(), s('controls.alphaOn'));
      return e.message;
    }
    state[field] = value;
    state.paramsSet = true;
    onChange('params');
    return null;
  };

  const alpha = numberControl({
    id: 'alpha', label: s('controls.alpha'), min: 0, max: 1, step: 0.01, value: state.alpha,
    onInput: (v, t) => tryParam('alpha', v, t),
  });
  const alphaOn = h('input', { id: 'alpha-on', attrs: { type: 'checkbox' } });
  alphaOn.checked = state.alphaOn;
  alphaOn.addEventListener('change', () => {
    state.alphaOn = alphaOn.checked;
    state.paramsSet = true;
    alpha.setDisabled(state.figure1 || !state.alphaOn);
    onChange('params');
  });
  alpha.root.append(h('span', { className: 'check' }, alphaOn, h('label', { text: s('controls.alphaOn'), attrs: { for: 'alpha-on' } })));
  const gamma = numberControl({
    id: 'gamma', label: s('controls.gamma'), min: 0, max: 5, step: 0.1, value: state.gamma,
    onInput: (v, t) => tryParam('gamma', v, t),
  });
  const beta = numberControl({
    id: 'beta', label: s('controls.beta'), min: -5, max: 5, step: 0.1, value: state.beta,
    onInput: (v, t) => tryParam('beta', v, t),
  });

  const curveChecks = (Object.keys(CURVE_LABELS) as CurveKey[]).map((key) =>
    checkbox(`curve-${key}`, CURVE_LABELS[key], state.curves[key], (checked) => {
      state.curves[key] = checked;
      onChange('view');
    }),
  );
  const figure1 = checkbox('figure1', s('controls.figure1'), state.figure1, (checked) => {
    state.figure1 = checked;
    showPreset(state);
    onChange('view');
  });
  /**
   * The Figure 1 preset draws FL without alpha at five gammas: the curve boxes, alpha and beta do
   * nothing under it, so they are disabled while it is on rather than left to look as if they did.
   */
  const showPreset = (s: ExplorerState) => {
    for (const check of curveChecks) check.querySelector('input')!.disabled = s.figure1;
    alphaOn.disabled = s.figure1;
    alpha.setDisabled(s.figure1 || !s.alphaOn);
    beta.setDisabled(s.figure1);
  };
  const target = select<'1' | '0'>('target', s('controls.curvesFor'), [['1', s('controls.positives')], ['0', s('controls.negatives')]], state.target === 1 ? '1' : '0', (v) => {
    state.target = v === '1' ? 1 : 0;
    onChange('params');
  });
  const yScale = select<'linear' | 'log'>('y-scale', s('controls.yAxis'), [['linear', s('controls.linear')], ['log', s('controls.logarithmic')]], state.yScale, (v) => {
    state.yScale = v;
    onChange('view');
  });
  const base = select<LogBaseName>('log-base', s('controls.logBase'), [['e', s('controls.nats')], ['2', s('controls.bits')], ['10', '10']], state.base, (v) => {
    state.base = v;
    onChange('base');
  });

  const sharedRoot = h(
    'section',
    { className: 'controls shared', attrs: { 'aria-label': s('controls.shared') } },
    gamma.root,
    h('div', { className: 'row' }, yScale, base),
  );
  const binaryRoot = h(
    'div',
    { className: 'controls', attrs: { role: 'group', 'aria-label': s('controls.binary') } },
    alpha.root,
    beta.root,
    h('div', { className: 'row' }, target),
    h('fieldset', { className: 'row' }, h('legend', { text: s('controls.curves') }), ...curveChecks, figure1),
  );

  showPreset(state);
  const numberControls: [NumberControl, 'alpha' | 'gamma' | 'beta'][] = [[alpha, 'alpha'], [gamma, 'gamma'], [beta, 'beta']];
  const byId = <T extends HTMLElement>(id: string) => (sharedRoot.querySelector(`#${id}`) ?? binaryRoot.querySelector(`#${id}`)) as T;
  return {
    sharedRoot,
    binaryRoot,
    sync(s: ExplorerState) {
      for (const [control, field] of numberControls) control.set(s[field]);
      alphaOn.checked = s.alphaOn;
      showPreset(s);
      for (const key of Object.keys(CURVE_LABELS) as CurveKey[]) byId<HTMLInputElement>(`curve-${key}`).checked = s.curves[key];
      byId<HTMLInputElement>('figure1').checked = s.figure1;
      byId<HTMLSelectElement>('target').value = s.target === 1 ? '1' : '0';
      byId<HTMLSelectElement>('y-scale').value = s.yScale;
      byId<HTMLSelectElement>('log-base').value = s.base;
    },
  };
}
