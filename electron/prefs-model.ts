/**
 * Desktop preferences, the pure part (tested under Node): what the desktop app keeps on this
 * computer — the window's size and position, and the renderer's choices (language, theme, column
 * choices, worklist view) as short string values under known key prefixes. electron/prefs.ts
 * stores them with electron-store in the main process; nothing here imports Electron.
 */
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const DEFAULT_WINDOW: WindowState = { width: 1360, height: 860, maximized: false };
export const MIN_WINDOW = { width: 1024, height: 640 } as const;

/** The renderer may keep only these keys (the same names it uses in a browser's localStorage). */
const UI_KEY = /^incasso\.(language|colorScheme|customers\.[A-Za-z]+|worklist\.prefs\.\d+)$/;
const MAX_VALUE = 4_000;

export function isUiPrefKey(key: unknown): key is string {
  return typeof key === 'string' && UI_KEY.test(key);
}

/** A renderer's write, checked: a known key and a short string (null removes it). */
export function checkUiPref(key: unknown, value: unknown): { key: string; value: string | null } | null {
  if (!isUiPrefKey(key)) return null;
  if (value === null) return { key, value: null };
  if (typeof value !== 'string' || value.length > MAX_VALUE) return null;
  return { key, value };
}

/** Only the known keys with string values survive a read (a hand-edited file cannot inject others). */
export function cleanUiPrefs(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [k, v] of Object.entries(raw)) if (isUiPrefKey(k) && typeof v === 'string') out[k] = v;
  return out;
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Where the window opens: the saved bounds when they still fit on a connected screen (a laptop
 * unplugged from its monitor must not open the window off-screen), else the default size, centred.
 */
export function windowBounds(saved: unknown, screens: readonly Rect[]): WindowState {
  const parsed = windowStateSchema.safeParse(saved);
  if (!parsed.success) return DEFAULT_WINDOW;
  const s = parsed.data;
  const width = Math.max(MIN_WINDOW.width, s.width);
  const height = Math.max(MIN_WINDOW.height, s.height);
  if (s.x === undefined || s.y === undefined) return { width, height, maximized: s.maximized };
  const rect = { x: s.x, y: s.y, width, height };
  // At least a title bar's worth of the window must be on some screen.
  const titleBar = { x: rect.x, y: rect.y, width: rect.width, height: 40 };
  if (!screens.some((d) => overlaps(titleBar, d))) return { width, height, maximized: s.maximized };
  return { ...rect, maximized: s.maximized };
}
