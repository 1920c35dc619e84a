/** The manager's notification settings: kept as one validated JSON row, defaults filled in. */
import type { Ledger } from '../../../../db/open.ts';
import { getSetting, setSetting } from '../../../../db/queries/settings.ts';
import { NOTIFY_DEFAULTS, type NotifyConfig, notifyConfigSchema } from '../../../../shared/domain/notify.ts';
import type { Language } from '../../../../shared/domain/vocabulary.ts';

const KEY = 'notify.config';

export function loadNotifyConfig(db: Ledger): NotifyConfig {
  const stored = getSetting<unknown>(db, KEY, null);
  if (!stored || typeof stored !== 'object') return NOTIFY_DEFAULTS;
  const s = stored as Partial<NotifyConfig>;
  const merged = {
    ...NOTIFY_DEFAULTS,
    ...s,
    alerts: { ...NOTIFY_DEFAULTS.alerts, ...(s.alerts ?? {}) },
  };
  const parsed = notifyConfigSchema.safeParse(merged);
  return parsed.success ? parsed.data : NOTIFY_DEFAULTS;
}

export function saveNotifyConfig(db: Ledger, patch: Partial<NotifyConfig>): NotifyConfig {
  const current = loadNotifyConfig(db);
  const next = notifyConfigSchema.parse({
    ...current,
    ...patch,
    alerts: { ...current.alerts, ...(patch.alerts ?? {}) },
  });
  setSetting(db, KEY, next);
  return next;
}

/** A user's address and language for the digests ('' when none is set). */
export function userAddress(config: NotifyConfig, userId: number): { email: string; language: Language } {
  const u = config.users.find((x) => x.userId === userId);
  return { email: u?.email ?? '', language: u?.language ?? 'it' };
}
