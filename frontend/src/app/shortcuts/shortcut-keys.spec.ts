import { isTypingTarget, shortcutFor } from './shortcut-keys';

function press(key: string, target: Element, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

function on(html: string): Element {
  document.body.innerHTML = html;
  return document.body.firstElementChild as Element;
}

describe('shortcutFor', () => {
  it('knows every shortcut', () => {
    const body = document.body;
    expect(['n', '/', 'j', 'k', 'x', '#', 'Delete', 's', 'u', '?'].map((k) => shortcutFor(press(k, body)))).toEqual([
      'new',
      'search',
      'next',
      'previous',
      'toggle',
      'delete',
      'delete',
      'select',
      'undo',
      'help',
    ]);
    expect(shortcutFor(press('q', body))).toBeNull();
  });

  it('ignores keys typed into a text input, a textarea, a select, editable content or a combobox', () => {
    for (const html of [
      '<input type="text">',
      '<input type="search">',
      '<input>',
      '<textarea></textarea>',
      '<select></select>',
      '<div contenteditable="true"></div>',
      '<div role="combobox" tabindex="0"></div>',
    ]) {
      const target = on(html);
      expect(isTypingTarget(target)).toBe(true);
      expect(shortcutFor(press('n', target))).toBeNull();
    }
  });

  it('works on a checkbox or a button, where no text is typed', () => {
    expect(shortcutFor(press('j', on('<input type="checkbox">')))).toBe('next');
    expect(shortcutFor(press('x', on('<button>Edit</button>')))).toBe('toggle');
  });

  it('takes Space only on a task row itself, leaving buttons and checkboxes their Space', () => {
    expect(shortcutFor(press(' ', on('<li data-task-id="t1" tabindex="-1"></li>')))).toBe('toggle');
    expect(shortcutFor(press(' ', on('<button>Edit</button>')))).toBeNull();
    expect(shortcutFor(press(' ', on('<input type="checkbox">')))).toBeNull();
  });

  it('stays quiet while a dialog is open, with Ctrl, Alt or Meta, and during a composition', () => {
    const body = document.body;
    expect(shortcutFor(press('n', body), { dialogOpen: true })).toBeNull();
    expect(shortcutFor(press('n', body, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('n', body, { altKey: true }))).toBeNull();
    expect(shortcutFor(press('n', body, { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('n', body, { isComposing: true }))).toBeNull();
  });
});
