/** One document listener for the app-wide shortcuts (keys.ts): sections, search, palette, help. */
import { useEffect, useRef } from 'react';
import { isTypingTarget, type Shortcut, shortcutOf } from './keys.ts';

export function useAppShortcuts(sections: number, onShortcut: (s: Shortcut) => void): void {
  const handler = useRef(onShortcut);
  handler.current = onShortcut;
  useEffect(() => {
    const listen = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const s = shortcutOf(e, sections);
      if (!s) return;
      if (s !== 'palette' && isTypingTarget(e.target)) return;
      // A dialog open (the help sheet, a task dialog): only the palette goes through.
      if (s !== 'palette' && document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      e.preventDefault();
      handler.current(s);
    };
    document.addEventListener('keydown', listen);
    return () => document.removeEventListener('keydown', listen);
  }, [sections]);
}
