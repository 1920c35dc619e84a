/** Which key presses are worklist shortcuts (j/k, Enter, c, s, x) and which belong to a control. */

const INTERACTIVE_ROLES = new Set([
  'button',
  'link',
  'checkbox',
  'radio',
  'switch',
  'tab',
  'menuitem',
  'option',
  'combobox',
  'textbox',
  'searchbox',
  'slider',
]);

/**
 * Keys typed into a field, or Enter on a button, link or any other control (the sort headers
 * included), are not worklist shortcuts: the control does its own job. A task row is not a
 * control here: it handles its own keys (TaskTable), and the page's letters work on it.
 */
export function isInteractive(el: Element | null): boolean {
  if (!el || el === document.body) return false;
  if (el.matches('tr[data-task-id]')) return false;
  if (el.closest('[role="dialog"]') !== null) return true;
  if (['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A', 'SUMMARY'].includes(el.tagName)) return true;
  if (el instanceof HTMLElement && el.isContentEditable) return true;
  return INTERACTIVE_ROLES.has(el.getAttribute('role') ?? '');
}

export function focusIsInteractive(): boolean {
  return isInteractive(document.activeElement);
}
