import { eq } from 'drizzle-orm';
import type { Ledger } from '../open.ts';
import { settings } from '../schema.ts';

export async function getSetting<T>(db: Ledger, key: string, fallback: T): Promise<T> {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export async function setSetting(db: Ledger, key: string, value: unknown): Promise<void> {
  const v = JSON.stringify(value);
  db.insert(settings)
    .values({ key, value: v })
    .onConflictDoUpdate({ target: settings.key, set: { value: v } })
    .run();
}

export async function deleteSetting(db: Ledger, key: string): Promise<void> {
  db.delete(settings).where(eq(settings.key, key)).run();
}
