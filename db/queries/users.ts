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

export async function listUsers(db: Ledger): Promise<UserRecord[]> {
  return db.select().from(users).orderBy(asc(users.id)).all().map(toRecord);
}

export async function getUser(db: Ledger, id: number): Promise<UserRecord | null> {
  const row = db.select().from(users).where(eq(users.id, id)).get();
  return row ? toRecord(row) : null;
}

export async function getUserByName(db: Ledger, name: string): Promise<UserRecord | null> {
  const row = db.select().from(users).where(eq(users.name, name)).get();
  return row ? toRecord(row) : null;
}

export async function insertUser(
  db: Ledger,
  name: string,
  role: Role,
  areas: string[] = [],
): Promise<UserRecord> {
  const row = db
    .insert(users)
    .values({ name, role, areas: JSON.stringify(areas) })
    .returning()
    .get();
  return toRecord(row);
}

export async function countUsers(db: Ledger): Promise<number> {
  return db.select({ n: sql<number>`COUNT(*)` }).from(users).get()?.n ?? 0;
}

// --- sign-in ----------------------------------------------------------------------------------

/** The stored scrypt hash (never leaves the backend), or null when the user cannot sign in. */
export async function getPasswordHash(db: Ledger, id: number): Promise<string | null> {
  return db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)).get()?.h ?? null;
}

export async function setPasswordHash(db: Ledger, id: number, hash: string | null): Promise<void> {
  db.update(users).set({ passwordHash: hash }).where(eq(users.id, id)).run();
}

export async function getOsAccount(db: Ledger, id: number): Promise<string | null> {
  return db.select({ a: users.osAccount }).from(users).where(eq(users.id, id)).get()?.a ?? null;
}

/** Maps an OS account to a user (null removes the mapping); one user per OS account. */
export async function setOsAccount(db: Ledger, id: number, account: string | null): Promise<void> {
  db.update(users).set({ osAccount: account }).where(eq(users.id, id)).run();
}

export async function getUserByOsAccount(db: Ledger, account: string): Promise<UserRecord | null> {
  const row = db.select().from(users).where(eq(users.osAccount, account)).get();
  return row ? toRecord(row) : null;
}

export async function renameUser(db: Ledger, id: number, name: string): Promise<void> {
  db.update(users).set({ name }).where(eq(users.id, id)).run();
}

/** Whether anybody can sign in yet, and whether any OS account is mapped. */
export async function credentialState(db: Ledger): Promise<{ adminWithPassword: boolean; secured: boolean }> {
  const rows = db
    .select({ role: users.role, active: users.active, hash: users.passwordHash, os: users.osAccount })
    .from(users)
    .all();
  return {
    adminWithPassword: rows.some((r) => r.role === 'admin' && r.active && r.hash !== null),
    secured: rows.some((r) => r.hash !== null || r.os !== null),
  };
}
