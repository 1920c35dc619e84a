import { describe, expect, it } from 'vitest';
import { type KeyLike, shortcutOf } from '../../renderer/src/keyboard/keys.ts';

const key = (p: Partial<KeyLike>): KeyLike => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...p,
});

describe('shortcuts on Italian and English keyboards', () => {
  it('"/" focuses search: US slash key, Italian Shift+7, keypad divide', () => {
    expect(shortcutOf(key({ key: '/', code: 'Slash' }), 7)).toBe('search');
    expect(shortcutOf(key({ key: '/', code: 'Digit7', shiftKey: true }), 7)).toBe('search');
    expect(shortcutOf(key({ key: '/', code: 'NumpadDivide' }), 7)).toBe('search');
    // Shift+7 on a US keyboard is "&", not a shortcut; plain 7 neither.
    expect(shortcutOf(key({ key: '&', code: 'Digit7', shiftKey: true }), 7)).toBeNull();
    expect(shortcutOf(key({ key: '7', code: 'Digit7' }), 7)).toBeNull();
    // The US slash key types "-" on an Italian keyboard: a plain character, not search.
    expect(shortcutOf(key({ key: '-', code: 'Slash' }), 7)).toBeNull();
    expect(shortcutOf(key({ key: 'Dead', code: 'Slash' }), 7)).toBe('search');
  });

  it('"?" opens the help: US Shift+/, Italian Shift+\'', () => {
    expect(shortcutOf(key({ key: '?', code: 'Slash', shiftKey: true }), 7)).toBe('help');
    expect(shortcutOf(key({ key: '?', code: 'Minus', shiftKey: true }), 7)).toBe('help');
  });

  it('Ctrl+K and Cmd+K open the palette, whatever the layout prints on the key', () => {
    expect(shortcutOf(key({ key: 'k', code: 'KeyK', ctrlKey: true }), 7)).toBe('palette');
    expect(shortcutOf(key({ key: 'k', code: 'KeyK', metaKey: true }), 7)).toBe('palette');
    expect(shortcutOf(key({ key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true }), 7)).toBe('palette');
    // AltGr (Ctrl+Alt on Windows) is not Ctrl.
    expect(shortcutOf(key({ key: 'k', code: 'KeyK', ctrlKey: true, altKey: true }), 7)).toBeNull();
  });

  it('Alt+digit opens a section, also where Option+digit types another character (Mac)', () => {
    expect(shortcutOf(key({ key: '2', code: 'Digit2', altKey: true }), 7)).toBe('section2');
    expect(shortcutOf(key({ key: '¡', code: 'Digit1', altKey: true }), 7)).toBe('section1');
    expect(shortcutOf(key({ key: '9', code: 'Digit9', altKey: true }), 7)).toBeNull();
  });
});

describe('command palette matching', () => {
  it('matches every typed word, ignoring case and accents', async () => {
    const { matchesQuery } = await import('../../renderer/src/keyboard/paletteModel.ts');
    expect(matchesQuery('', 'Attività')).toBe(true);
    expect(matchesQuery('attivita', 'Attività di oggi')).toBe(true);
    expect(matchesQuery('tasso mora', 'Aggiungi il tasso di mora')).toBe(true);
    expect(matchesQuery('tasso lettere', 'Aggiungi il tasso di mora')).toBe(false);
  });
});
