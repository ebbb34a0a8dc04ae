import { h } from './dom';
import { s } from './strings';
import type { ViewMode } from './state';

/*
 * Binary, multi-class or this batch: radio buttons (arrow keys move between them, as in any radio group),
 * so the view in use is always announced and a click is never needed.
 */

export interface ModeSwitch {
  readonly root: HTMLElement;
  set(mode: ViewMode): void;
}

const MODES: readonly (readonly [ViewMode, 'mode.binary' | 'mode.multiclass' | 'mode.batch'])[] = [
  ['binary', 'mode.binary'],
  ['multiclass', 'mode.multiclass'],
  ['batch', 'mode.batch'],
];

export function buildModeSwitch(mode: ViewMode, onChange: (mode: ViewMode) => void): ModeSwitch {
  const inputs = MODES.map(([value]) => {
    const input = h('input', { id: `mode-${value}`, attrs: { type: 'radio', name: 'mode', value } });
    input.checked = value === mode;
    input.addEventListener('change', () => {
      if (input.checked) onChange(value);
    });
    return input;
  });
  const root = h(
    'fieldset',
    { className: 'mode-switch row' },
    h('legend', { text: s('mode.legend') }),
    ...MODES.map(([value, label], i) => h('span', { className: 'check' }, inputs[i]!, h('label', { text: s(label), attrs: { for: `mode-${value}` } }))),
  );
  return {
    root,
    set(m) {
      inputs.forEach((input, i) => {
        input.checked = MODES[i]![0] === m;
      });
    },
  };
}
