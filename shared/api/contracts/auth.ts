/**
 * Signing in: the methods the sign-in screen calls before anybody is signed in (PUBLIC_METHODS),
 * and the password and OS-account management of users. The caller's identity always comes from
 * the session the transport holds (electron/backend/services/auth/sessions.ts), never from input.
 */
import { z } from 'zod';
import { USER_ROLES } from '../../domain/vocabulary.ts';
import { method } from '../method.ts';
import { ANY_ROLE } from '../roles.ts';

const role = z.enum(USER_ROLES);
const userName = z.string().trim().min(1).max(80);
/** Length is checked by the backend (at least 8 characters), so the message names the rule. */
const password = z.string().min(1).max(1_000);

export const sessionUserSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role,
  areas: z.array(z.string()),
  active: z.boolean(),
});

export const sessionStatusSchema = z.object({
  signedIn: z.boolean(),
  user: sessionUserSchema.nullable(),
  /** No admin has a password yet: the first-run screen creates the admin's password. */
  firstRun: z.boolean(),
  /** The suggested name on the first-run screen (the ledger's first admin). */
  firstAdminName: z.string().nullable(),
  /** The ledger failed its start-up check: the recovery view, not the sign-in screen. */
  ledgerDamaged: z.boolean(),
  idleMinutes: z.number().int(),
});
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** Answer without a session: everything the sign-in and first-run screens need, and no more. */
export const PUBLIC_METHODS = [
  'session.status',
  'session.signIn',
  'session.setup',
  'session.signOut',
] as const;
export type PublicMethod = (typeof PUBLIC_METHODS)[number];

export function isPublicMethod(name: string): name is PublicMethod {
  return (PUBLIC_METHODS as readonly string[]).includes(name);
}

export const authContract = {
  'session.status': method({
    input: z.object({}).strict(),
    output: sessionStatusSchema,
    roles: ANY_ROLE,
    mutation: false,
  }),
  'session.signIn': method({
    input: z.object({ name: userName, password }).strict(),
    output: sessionStatusSchema,
    roles: ANY_ROLE,
    mutation: false,
  }),
  /** First start only (no admin has a password): sets the first admin's name and password, signs in. */
  'session.setup': method({
    input: z.object({ name: userName, password }).strict(),
    output: sessionStatusSchema,
    roles: ANY_ROLE,
    mutation: true,
    job: true,
  }),
  'session.signOut': method({
    input: z.object({}).strict(),
    output: sessionStatusSchema,
    roles: ANY_ROLE,
    mutation: false,
  }),
  /** Anyone changes their own password, giving the current one. */
  'session.changePassword': method({
    input: z.object({ currentPassword: password, newPassword: password }).strict(),
    output: z.object({ changed: z.literal(true) }),
    roles: ANY_ROLE,
    mutation: true,
    job: true,
  }),
  /** The admin sets (or, with null, removes) a user's password. */
  'users.setPassword': method({
    input: z.object({ id: z.number().int().positive(), password: password.nullable() }).strict(),
    output: z.object({ id: z.number().int(), hasPassword: z.boolean() }),
    roles: ['admin'],
    mutation: true,
    job: true,
  }),
  /** The admin maps an OS account to a user: that account's CLI runs act as the user with no password. */
  'users.mapOsAccount': method({
    input: z
      .object({ id: z.number().int().positive(), osAccount: z.string().trim().min(1).max(256).nullable() })
      .strict(),
    output: z.object({ id: z.number().int(), osAccount: z.string().nullable() }),
    roles: ['admin'],
    mutation: true,
  }),
} as const;
