/**
 * Which backups a rotation keeps ("grandfather-father-son"): the newest backup of each of the
 * last `daily` days that have one, of each of the last `weekly` ISO weeks, of each of the last
 * `monthly` months, and the `recent` newest whatever their day (so the backups made before two
 * imports on the same afternoon both survive). Pure: days are the office's calendar days,
 * computed by the caller.
 */
import { fromDayNumber, type IsoDate, toDayNumber } from './dates.ts';

export interface RotationPolicy {
  daily: number;
  weekly: number;
  monthly: number;
  /** The newest N backups are always kept. */
  recent: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4, monthly: 12, recent: 3 };

export interface RotatedBackup {
  id: string;
  /** ISO-8601 UTC timestamp: orders the backups. */
  createdAt: string;
  /** The office's calendar day of `createdAt`. */
  day: IsoDate;
}

/** ISO-8601 week of a date, as `YYYY-Www` (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(day: IsoDate): string {
  const n = toDayNumber(day);
  // Day 0 (1970-01-01) was a Thursday: (n + 3) % 7 is 0 on Mondays.
  const thursday = n - ((((n + 3) % 7) + 7) % 7) + 3;
  const year = fromDayNumber(thursday).slice(0, 4);
  const week = Math.floor((thursday - toDayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ids to keep; every other backup may be deleted. */
export function backupsToKeep(backups: readonly RotatedBackup[], policy: RotationPolicy): Set<string> {
  const newestFirst = [...backups].sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
  );
  const keep = new Set<string>();
  for (const b of newestFirst.slice(0, Math.max(0, policy.recent))) keep.add(b.id);
  const bucket = (count: number, key: (b: RotatedBackup) => string) => {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      if (seen.size >= count) break;
      const k = key(b);
      if (seen.has(k)) continue;
      seen.add(k);
      keep.add(b.id);
    }
  };
  bucket(policy.daily, (b) => b.day);
  bucket(policy.weekly, (b) => isoWeek(b.day));
  bucket(policy.monthly, (b) => b.day.slice(0, 7));
  return keep;
}
