/**
 * The daily backup: at the first start of each day (a few seconds after start, so the window
 * opens first) and, for an app left open overnight, at the first hourly check of a new day.
 * Any backup made today (before an import, by hand) counts as the day's backup.
 */
import { todayIn } from '../../../../shared/domain/dates.ts';
import type { BackendContext } from '../../context.ts';
import { automaticBackup, type BackupEntry, listBackups } from './backup.ts';

export const DAILY_DELAY_MS = 5_000;
export const DAILY_CHECK_EVERY_MS = 60 * 60 * 1000;

/** Makes today's backup unless there is one already; null when there was. */
export async function ensureDailyBackup(app: BackendContext): Promise<BackupEntry | null> {
  // Not while damaged or restoring, nor once the ledger was closed (a test closing it directly).
  if (app.health.state !== 'ok' || !app.db.$client.open) return null;
  const today = todayIn(new Date(app.now()));
  if ((await listBackups(app)).backups.some((b) => todayIn(new Date(b.createdAt)) === today)) return null;
  return automaticBackup(app, 'daily');
}

/** Starts the daily check; returns the stop function (timers are unref'd: they never keep a process alive). */
export function startBackupScheduler(
  app: BackendContext,
  opts: { delayMs?: number; everyMs?: number } = {},
): () => void {
  let running = false;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = true;
    ensureDailyBackup(app)
      .catch((err: unknown) => {
        if (!stopped && app.db.$client.open) console.error('Daily backup failed:', err);
      })
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, opts.delayMs ?? DAILY_DELAY_MS);
  first.unref();
  const timer = setInterval(tick, opts.everyMs ?? DAILY_CHECK_EVERY_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
  };
}
