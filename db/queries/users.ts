import { asc, eq, sql } from 'drizzle-orm';
import type { Role } from '../../shared/api/roles.ts';
import type { Ledger } from '../open.ts';
import { users } from '../schema.ts';

export interface UserRecord {
  id: number;
  name: string;
  role: Role;
  areas: string[];
  active: boolean;
}

function toRecord(row: typeof users.$inferSelect): UserRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    areas: JSON.parse(row.areas) as string[],
    active: row.active,
  };
}

export function listUsers(db: Ledger): UserRecord[] {
  return db.select().from(users).orderBy(asc(users.id)).all().map(toRecord);
}

export function getUser(db: Ledger, id: number): UserRecord | null {
  const row = db.select().from(users).where(eq(users.id, id)).get();
  return row ? toRecord(row) : null;
}

export function getUserByName(db: Ledger, name: string): UserRecord | null {
  const row = db.select().from(users).where(eq(users.name, name)).get();
  return row ? toRecord(row) : null;
}

export function insertUser(db: Ledger, name: string, role: Role, areas: string[] = []): UserRecord {
  const row = db
    .insert(users)
    .values({ name, role, areas: JSON.stringify(areas) })
    .returning()
    .get();
  return toRecord(row);
}

export function countUsers(db: Ledger): number {
  return db.select({ n: sql<number>`COUNT(*)` }).from(users).get()?.n ?? 0;
}
