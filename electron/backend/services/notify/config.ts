/** The manager's notification settings: kept as one validated JSON row, defaults filled in. */
import type { Ledger } from '../../../../db/open.ts';
import { getSetting, setSetting } from '../../../../db/queries/settings.ts';
import { NOTIFY_DEFAULTS, type NotifyConfig, notifyConfigSchema } from '../../../../shared/domain/notify.ts';
import type { Language } from '../../../../shared/domain/vocabulary.ts';

const KEY = 'notify.config';

export async function loadNotifyConfig(db: Ledger): Promise<NotifyConfig> {
  const stored = await getSetting<unknown>(db, KEY, null);
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

export async function saveNotifyConfig(db: Ledger, patch: Partial<NotifyConfig>): Promise<NotifyConfig> {
  const current = await loadNotifyConfig(db);
  const next = notifyConfigSchema.parse({
    ...current,
    ...patch,
    alerts: { ...current.alerts, ...(patch.alerts ?? {}) },
  });
  await setSetting(db, KEY, next);
  return next;
}

/** A user's address and language for the digests ('' when none is set). */
export function userAddress(config: NotifyConfig, userId: number): { email: string; language: Language } {
  const u = config.users.find((x) => x.userId === userId);
  return { email: u?.email ?? '', language: u?.language ?? 'it' };
}
