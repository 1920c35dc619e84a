/**
 * The user's choices on this computer — language, theme, column choices, worklist view — behind one
 * small storage. In the desktop app they live in the main process's electron-store file (loaded once
 * at start, written through the preload's `prefs.set`), so they survive whatever happens to the
 * window's web storage; in browser mode they stay in the browser's localStorage.
 */
import type { MantineColorScheme, MantineColorSchemeManager } from '@mantine/core';

export interface PrefStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Keys the app keeps (electron/prefs-model.ts accepts the same). */
const CARRIED_OVER = [
  'incasso.language',
  'incasso.colorScheme',
  'incasso.customers.hiddenColumns',
  'incasso.customers.sort',
];

let desktop: Map<string, string> | null = null;

function local(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** In the desktop app: reads the stored preferences once, before the first render. */
export async function loadPrefs(): Promise<void> {
  const bridge = typeof window === 'undefined' ? undefined : window.incasso?.prefs;
  if (!bridge) return;
  try {
    desktop = new Map(Object.entries(await bridge.all()));
    // The first start with the desktop store keeps what this window had chosen before.
    const ls = local();
    for (const key of CARRIED_OVER) {
      const old = ls?.getItem(key);
      if (old != null && !desktop.has(key)) prefs.setItem(key, old);
    }
  } catch {
    desktop = null;
  }
}

export const prefs: PrefStorage = {
  getItem(key) {
    if (desktop) return desktop.get(key) ?? null;
    return local()?.getItem(key) ?? null;
  },
  setItem(key, value) {
    if (desktop) {
      desktop.set(key, value);
      void window.incasso?.prefs?.set(key, value).catch(() => undefined);
      return;
    }
    try {
      local()?.setItem(key, value);
    } catch {
      // Not remembered: fine.
    }
  },
  removeItem(key) {
    if (desktop) {
      desktop.delete(key);
      void window.incasso?.prefs?.set(key, null).catch(() => undefined);
      return;
    }
    try {
      local()?.removeItem(key);
    } catch {
      // Nothing to forget.
    }
  },
};

const isScheme = (v: string | null): v is MantineColorScheme => v === 'light' || v === 'dark' || v === 'auto';

/** Mantine's light/dark choice, kept with the other preferences. */
export function prefsColorSchemeManager(key: string): MantineColorSchemeManager {
  return {
    get: (defaultValue) => {
      const v = prefs.getItem(key);
      return isScheme(v) ? v : defaultValue;
    },
    set: (value) => prefs.setItem(key, value),
    subscribe: () => undefined,
    unsubscribe: () => undefined,
    clear: () => prefs.removeItem(key),
  };
}
