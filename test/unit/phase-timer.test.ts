/**
 * The day's run reports each phase's time (`npm run bench -- dunning` prints them to show where a run
 * spends it). A phase whose work is asynchronous is timed until its promise settles: timed at the
 * call, every phase of the asynchronous run read 0.00 s.
 */
import { describe, expect, it } from 'vitest';
import { phaseTimer } from '../../electron/backend/services/daily/run.ts';

describe('phaseTimer', () => {
  it('times an asynchronous phase until it settles, a synchronous one at once, and reports a failed one', async () => {
    const seen: [string, number][] = [];
    const phase = phaseTimer((name, ms) => seen.push([name, ms]));
    const value = await phase(
      'slow',
      () => new Promise<number>((resolve) => setTimeout(() => resolve(7), 30)),
    );
    expect(value).toBe(7);
    expect(phase('quick', () => 'done')).toBe('done');
    await expect(phase('failing', async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(seen.map(([name]) => name)).toEqual(['slow', 'quick', 'failing']);
    expect(seen[0]?.[1]).toBeGreaterThanOrEqual(25);
  });
});
