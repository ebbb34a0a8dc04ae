import { h } from './dom';

/*
 * A slider paired with a number box: the slider for quick exploration, the box for exact values
 * (and values beyond the slider's range). Both are labelled and work from the keyboard.
 */

export interface NumberControlOptions {
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly value: number;
  /** Called with the typed number (NaN for text that is not a number) and the raw text. */
  readonly onInput: (value: number, text: string) => void;
  /** Called instead of onInput for slider moves if set, when a change is only wanted on release. */
  readonly onCommit?: (value: number) => void;
  readonly hint?: string;
}

export interface NumberControl {
  readonly root: HTMLElement;
  readonly slider: HTMLInputElement;
  readonly box: HTMLInputElement;
  /** Shows `value` in both inputs without calling back. */
  set(value: number): void;
  setDisabled(disabled: boolean): void;
}

/** Number(text), except that empty text is not 0. */
export function parseTyped(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

export function numberControl(options: NumberControlOptions): NumberControl {
  const slider = h('input', {
    id: `${options.id}-slider`,
    attrs: {
      type: 'range',
      min: String(options.min),
      max: String(options.max),
      step: String(options.step),
      'aria-label': `${options.label} slider`,
    },
  });
  const box = h('input', {
    id: options.id,
    className: 'number-box',
    attrs: { type: 'text', inputmode: 'decimal', spellcheck: 'false', autocomplete: 'off' },
  });
  const label = h('label', { text: options.label, attrs: { for: options.id } });
  const root = h('div', { className: 'number-control' }, label, slider, box);
  if (options.hint) root.append(h('span', { className: 'hint', text: options.hint }));

  const set = (value: number) => {
    slider.value = String(Math.min(options.max, Math.max(options.min, value)));
    box.value = String(value);
  };
  set(options.value);

  slider.addEventListener('input', () => {
    box.value = slider.value;
    if (options.onCommit) return;
    options.onInput(Number(slider.value), slider.value);
  });
  if (options.onCommit) slider.addEventListener('change', () => options.onCommit!(Number(slider.value)));
  box.addEventListener('input', () => {
    const value = parseTyped(box.value);
    if (Number.isFinite(value)) slider.value = String(Math.min(options.max, Math.max(options.min, value)));
    if (options.onCommit) return;
    options.onInput(value, box.value);
  });
  if (options.onCommit) {
    box.addEventListener('change', () => {
      const value = parseTyped(box.value);
      if (Number.isFinite(value)) options.onCommit!(value);
    });
  }
  return {
    root,
    slider,
    box,
    set,
    setDisabled(disabled: boolean) {
      slider.disabled = disabled;
      box.disabled = disabled;
    },
  };
}
