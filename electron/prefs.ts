/**
 * Desktop preferences kept with electron-store (a JSON file in the user's app-data folder, written
 * atomically) — main process only: electron-store imports Electron at load, so no Node-tested code
 * imports this file. The window's bounds are saved as it moves and resizes; the renderer reads and
 * writes its choices through two IPC calls the preload exposes (`prefs.all`, `prefs.set`), each
 * checked against the sender and the known keys (prefs-model.ts).
 */
import { type BrowserWindow, ipcMain, screen } from 'electron';
import Store from 'electron-store';
import { PREFS_ALL_CHANNEL, PREFS_SET_CHANNEL } from './channels.ts';
import { checkUiPref, cleanUiPrefs, type WindowState, windowBounds } from './prefs-model.ts';
import { isAllowedSender } from './security.ts';

interface Stored {
  window?: WindowState;
  ui?: Record<string, string>;
}

export interface DesktopPrefs {
  /** Where and how big the main window opens. */
  initialWindow(): WindowState;
  /** Saves the window's bounds whenever they change (debounced) and when it closes. */
  track(win: BrowserWindow): void;
  /** The renderer's two calls. */
  registerIpc(): void;
}

export function openDesktopPrefs(): DesktopPrefs {
  const store = new Store<Stored>({ name: 'preferences', clearInvalidConfig: true });
  const ui = () => cleanUiPrefs(store.get('ui'));
  return {
    initialWindow: () =>
      windowBounds(
        store.get('window'),
        screen.getAllDisplays().map((d) => d.workArea),
      ),
    track(win) {
      let timer: NodeJS.Timeout | undefined;
      const save = () => {
        if (win.isDestroyed()) return;
        const maximized = win.isMaximized();
        // Maximized: keep the normal bounds, so un-maximizing returns to them.
        const b = maximized ? win.getNormalBounds() : win.getBounds();
        store.set('window', { ...b, maximized });
      };
      const later = () => {
        clearTimeout(timer);
        timer = setTimeout(save, 500);
      };
      for (const e of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(e as 'resize', later);
      win.on('close', () => {
        clearTimeout(timer);
        save();
      });
    },
    registerIpc() {
      ipcMain.handle(PREFS_ALL_CHANNEL, (event) => (isAllowedSender(event.senderFrame?.url) ? ui() : {}));
      ipcMain.handle(PREFS_SET_CHANNEL, (event, key: unknown, value: unknown) => {
        if (!isAllowedSender(event.senderFrame?.url)) return false;
        const checked = checkUiPref(key, value);
        if (!checked) return false;
        const next = ui();
        if (checked.value === null) delete next[checked.key];
        else next[checked.key] = checked.value;
        store.set('ui', next);
        return true;
      });
    },
  };
}
