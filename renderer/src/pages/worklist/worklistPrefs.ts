/** The worklist's team view and grouping, remembered per user on this computer. */
import { prefs as prefStore } from '../../state/prefs.ts';
import type { GroupBy } from './worklistModel.ts';

const PREFS_KEY = 'incasso.worklist.prefs';

export interface WorklistPrefs {
  team: boolean;
  groupBy: GroupBy;
}

export function storedPrefs(userId: number): WorklistPrefs {
  try {
    const raw = JSON.parse(prefStore.getItem(`${PREFS_KEY}.${userId}`) ?? '{}') as Partial<WorklistPrefs>;
    const groupBy = (['none', 'area', 'collector', 'salesperson'] as const).find((g) => g === raw.groupBy);
    return { team: raw.team === true, groupBy: groupBy ?? 'none' };
  } catch {
    return { team: false, groupBy: 'none' };
  }
}

export function rememberPrefs(userId: number, prefs: WorklistPrefs): void {
  try {
    prefStore.setItem(`${PREFS_KEY}.${userId}`, JSON.stringify(prefs));
  } catch {
    // Not remembered: fine.
  }
}
