/** What a shortcut does on the tasks page. */
export type ShortcutAction = 'new' | 'search' | 'next' | 'previous' | 'toggle' | 'delete' | 'select' | 'undo' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** Key names as KeyboardEvent.key gives them (' ' is Space). */
  keys: readonly string[];
  description: string;
}

/** Every shortcut, in the order the help dialog lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'new', keys: ['n'], description: 'New task' },
  { action: 'search', keys: ['/'], description: 'Search' },
  { action: 'next', keys: ['j'], description: 'Next task' },
  { action: 'previous', keys: ['k'], description: 'Previous task' },
  { action: 'toggle', keys: ['x', ' '], description: 'Complete or reopen the focused task' },
  { action: 'delete', keys: ['#', 'Delete'], description: 'Delete the focused task' },
  { action: 'select', keys: ['s'], description: 'Select or unselect the focused task' },
  { action: 'undo', keys: ['u'], description: 'Undo the last delete' },
  { action: 'help', keys: ['?'], description: 'Show these shortcuts' },
];

const BY_KEY = new Map(SHORTCUTS.flatMap((s) => s.keys.map((key) => [key, s.action] as const)));

/** True while the person is typing: an input that takes text, a textarea, a select or editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('textarea, select, [contenteditable]:not([contenteditable="false"])')) return true;
  // Material's select and autocomplete listboxes take keys too.
  if (target.closest('[role="combobox"], [role="listbox"], [role="textbox"]')) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(target.type);
  }
  return false;
}

/**
 * The shortcut a key press asks for, or null when it is not one or must not
 * fire: while typing, while a dialog is open, with Ctrl, Alt or Meta (the
 * browser's and the screen reader's own), during an IME composition. Space is
 * a shortcut only on a task row itself: on a button or a checkbox it keeps
 * its usual meaning.
 */
export function shortcutFor(event: KeyboardEvent, { dialogOpen = false } = {}): ShortcutAction | null {
  if (dialogOpen || event.defaultPrevented || event.isComposing) return null;
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  if (isTypingTarget(event.target)) return null;
  const action = BY_KEY.get(event.key);
  if (!action) return null;
  if (event.key === ' ' && !(event.target instanceof HTMLElement && event.target.matches('[data-task-id]'))) return null;
  return action;
}

/** A key as people read it. */
export function keyName(key: string): string {
  return key === ' ' ? 'Space' : key;
}
