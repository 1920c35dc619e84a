import { describe, expect, it } from 'vitest';
import { backupsToKeep, DEFAULT_ROTATION, isoWeek } from '../../shared/domain/backup-rotation.ts';
import { addDays } from '../../shared/domain/dates.ts';

describe('isoWeek', () => {
  it('follows ISO-8601: weeks from Monday, week 1 holds the first Thursday', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2021-01-04')).toBe('2021-W01');
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2026-11-22')).toBe('2026-W47');
  });
});

describe('backupsToKeep', () => {
  /** Two backups a day (a daily one and one before an import) for `days` days from 2025-01-01. */
  const history = (days: number) =>
    Array.from({ length: days }, (_, d) => {
      const day = addDays('2025-01-01', d);
      return [
        { id: `${day}-a`, createdAt: `${day}T08:00:00.000Z`, day },
        { id: `${day}-b`, createdAt: `${day}T15:00:00.000Z`, day },
      ];
    }).flat();

  it('keeps the newest of each of the last 7 days, 4 weeks and 12 months, plus the 3 newest', () => {
    const keep = [...backupsToKeep(history(400), DEFAULT_ROTATION)].sort();
    const last = addDays('2025-01-01', 399); // 2026-02-04, a Wednesday
    expect(last).toBe('2026-02-04');
    const daily = Array.from({ length: 7 }, (_, i) => `${addDays(last, -i)}-b`);
    // Newest of the 4 latest ISO weeks: this week's Wednesday, then the Sundays before.
    const weekly = [`${last}-b`, '2026-02-01-b', '2026-01-25-b', '2026-01-18-b'];
    // Newest of the 12 latest months: this month's, then each month's last day.
    const monthly = [
      `${last}-b`,
      '2026-01-31-b',
      '2025-12-31-b',
      '2025-11-30-b',
      '2025-10-31-b',
      '2025-09-30-b',
      '2025-08-31-b',
      '2025-07-31-b',
      '2025-06-30-b',
      '2025-05-31-b',
      '2025-04-30-b',
      '2025-03-31-b',
    ];
    const recent = [`${last}-b`, `${last}-a`, `${addDays(last, -1)}-b`];
    expect(keep).toEqual([...new Set([...daily, ...weekly, ...monthly, ...recent])].sort());
  });

  it('keeps everything while there are fewer backups than the buckets', () => {
    const h = history(3);
    expect(backupsToKeep(h, DEFAULT_ROTATION).size).toBe(4);
    expect(backupsToKeep([], DEFAULT_ROTATION).size).toBe(0);
  });

  it('counts days that have backups, not calendar days', () => {
    const sparse = [0, 30, 60, 90, 120, 150, 180, 210, 240].map((d) => {
      const day = addDays('2025-01-01', d);
      return { id: day, createdAt: `${day}T08:00:00.000Z`, day };
    });
    expect(backupsToKeep(sparse, { daily: 7, weekly: 0, monthly: 0, recent: 0 }).size).toBe(7);
  });

  it('honours zero buckets', () => {
    expect(backupsToKeep(history(30), { daily: 1, weekly: 0, monthly: 0, recent: 0 }).size).toBe(1);
  });
});
