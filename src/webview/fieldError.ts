import { h } from './dom';
import { localizeMessage } from './strings';

/*
 * The message of a refused entry, right after its input: the input is marked aria-invalid (which
 * the stylesheet draws with the theme's inputValidation colours) and points at the message with
 * aria-describedby, so a screen reader reads the reason with the field.
 */

export interface FieldError {
  /** The message element, to place right after the input. */
  readonly element: HTMLElement;
  /** Shows `message` (a core message is translated here), or clears the error for null. */
  show(message: string | null): void;
}

export function fieldError(input: HTMLElement, id: string): FieldError {
  const element = h('span', { id, className: 'field-error', attrs: { 'aria-live': 'polite' } });
  input.setAttribute('aria-describedby', id);
  return {
    element,
    show(message) {
      element.textContent = message === null ? '' : localizeMessage(message);
      if (message === null) input.removeAttribute('aria-invalid');
      else input.setAttribute('aria-invalid', 'true');
    },
  };
}
