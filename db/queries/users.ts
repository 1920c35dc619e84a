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

// --- sign-in ----------------------------------------------------------------------------------

/** The stored scrypt hash (never leaves the backend), or null when the user cannot sign in. */
export function getPasswordHash(db: Ledger, id: number): string | null {
  return db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)).get()?.h ?? null;
}

export function setPasswordHash(db: Ledger, id: number, hash: string | null): void {
  db.update(users).set({ passwordHash: hash }).where(eq(users.id, id)).run();
}

export function getOsAccount(db: Ledger, id: number): string | null {
  return db.select({ a: users.osAccount }).from(users).where(eq(users.id, id)).get()?.a ?? null;
}

/** Maps an OS account to a user (null removes the mapping); one user per OS account. */
export function setOsAccount(db: Ledger, id: number, account: string | null): void {
  db.update(users).set({ osAccount: account }).where(eq(users.id, id)).run();
}

export function getUserByOsAccount(db: Ledger, account: string): UserRecord | null {
  const row = db.select().from(users).where(eq(users.osAccount, account)).get();
  return row ? toRecord(row) : null;
}

export function renameUser(db: Ledger, id: number, name: string): void {
  db.update(users).set({ name }).where(eq(users.id, id)).run();
}

/** Whether anybody can sign in yet, and whether any OS account is mapped. */
export function credentialState(db: Ledger): { adminWithPassword: boolean; secured: boolean } {
  const rows = db
    .select({ role: users.role, active: users.active, hash: users.passwordHash, os: users.osAccount })
    .from(users)
    .all();
  return {
    adminWithPassword: rows.some((r) => r.role === 'admin' && r.active && r.hash !== null),
    secured: rows.some((r) => r.hash !== null || r.os !== null),
  };
}
