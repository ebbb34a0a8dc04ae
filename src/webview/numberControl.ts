import { h } from './dom';
import { fieldError } from './fieldError';
import { s } from './strings';
import { parseTyped } from './typedNumber';

/*
 * A slider paired with a number box: the slider for quick exploration, the box for exact values
 * (and values beyond the slider's range). Both are labelled and work from the keyboard. A typed
 * value the owner refuses leaves everything at the last accepted value (the slider does not move)
 * and says why right after the box, which is marked aria-invalid until a good value is typed.
 */

export interface NumberControlOptions {
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly value: number;
  /**
   * Called with the typed number (NaN for text that is not a decimal number) and the raw text;
   * returns null when the value was taken, or the message saying why it was refused.
   */
  readonly onInput: (value: number, text: string) => string | null;
}

export interface NumberControl {
  readonly root: HTMLElement;
  readonly slider: HTMLInputElement;
  readonly box: HTMLInputElement;
  /** Shows `value` in both inputs without calling back, and clears any error. */
  set(value: number): void;
  setDisabled(disabled: boolean): void;
}

export function numberControl(options: NumberControlOptions): NumberControl {
  const slider = h('input', {
    id: `${options.id}-slider`,
    attrs: {
      type: 'range',
      min: String(options.min),
      max: String(options.max),
      step: String(options.step),
      'aria-label': s('controls.slider', options.label),
    },
  });
  const box = h('input', {
    id: options.id,
    className: 'number-box',
    attrs: { type: 'text', inputmode: 'decimal', spellcheck: 'false', autocomplete: 'off' },
  });
  const error = fieldError(box, `${options.id}-error`);
  const label = h('label', { text: options.label, attrs: { for: options.id } });
  // The box and its message stay together when the row wraps.
  const root = h('div', { className: 'number-control' }, label, slider, h('span', { className: 'box-and-error' }, box, error.element));

  const placeSlider = (value: number) => {
    slider.value = String(Math.min(options.max, Math.max(options.min, value)));
  };
  const showError = error.show;
  /** The last value the owner took: what the slider and box go back to. */
  let accepted = options.value;
  const set = (value: number) => {
    accepted = value;
    placeSlider(value);
    box.value = String(value);
    showError(null);
  };
  set(options.value);

  slider.addEventListener('input', () => {
    const value = Number(slider.value);
    const message = options.onInput(value, slider.value);
    if (message === null) {
      accepted = value;
      box.value = slider.value;
    } else {
      placeSlider(accepted);
    }
    showError(message);
  });
  box.addEventListener('input', () => {
    const value = parseTyped(box.value);
    const message = options.onInput(value, box.value);
    if (message === null) {
      accepted = value;
      placeSlider(value);
    }
    showError(message);
  });
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
