import { describe, expect, it } from 'vitest';
import { checkUiPref, cleanUiPrefs, DEFAULT_WINDOW, windowBounds } from '../../electron/prefs-model.ts';

const laptop = { x: 0, y: 0, width: 1366, height: 728 };
const monitor = { x: 1366, y: 0, width: 1920, height: 1040 };

describe('desktop preferences (electron-store in the main process; the checks run under Node)', () => {
  it('reopens the window where it was, maximized or not', () => {
    expect(
      windowBounds({ x: 1500, y: 40, width: 1600, height: 900, maximized: true }, [laptop, monitor]),
    ).toEqual({
      x: 1500,
      y: 40,
      width: 1600,
      height: 900,
      maximized: true,
    });
  });

  it('brings it back to a connected screen when the monitor is gone, and never below the minimum size', () => {
    expect(windowBounds({ x: 1500, y: 40, width: 1600, height: 900, maximized: false }, [laptop])).toEqual({
      width: 1600,
      height: 900,
      maximized: false,
    });
    expect(windowBounds({ x: 10, y: 10, width: 500, height: 400 }, [laptop])).toMatchObject({
      width: 1024,
      height: 640,
    });
    expect(windowBounds('garbage', [laptop])).toEqual(DEFAULT_WINDOW);
    expect(windowBounds(undefined, [laptop])).toEqual(DEFAULT_WINDOW);
  });

  it('keeps only the renderer keys it knows, as short strings', () => {
    expect(checkUiPref('incasso.language', 'en')).toEqual({ key: 'incasso.language', value: 'en' });
    expect(checkUiPref('incasso.colorScheme', null)).toEqual({ key: 'incasso.colorScheme', value: null });
    expect(checkUiPref('incasso.customers.hiddenColumns', '["vat"]')).not.toBeNull();
    expect(checkUiPref('incasso.worklist.prefs.3', '{"team":true}')).not.toBeNull();
    expect(checkUiPref('incasso.token', 'secret')).toBeNull();
    expect(checkUiPref('__proto__', 'x')).toBeNull();
    expect(checkUiPref('incasso.language', 42)).toBeNull();
    expect(checkUiPref('incasso.language', 'x'.repeat(5000))).toBeNull();
    expect(
      cleanUiPrefs({ 'incasso.language': 'it', 'incasso.token': 't', 'incasso.colorScheme': 3 }),
    ).toEqual({ 'incasso.language': 'it' });
  });
});
