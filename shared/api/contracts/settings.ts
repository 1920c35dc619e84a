/**
 * The office's settings, one API: `settings.get` answers every setting (the app's language, the
 * company letterhead, letter options, the two mail accounts and the retry policy, whether a
 * password, logo or signature is stored); `settings.set` changes any of them by key (the keys,
 * kinds and defaults are in settings-keys.ts: the CLI's `settings set KEY VALUE` and the Settings
 * pages send the same), all or none, and the audit row names every changed key with its value
 * before and after. Passwords (encrypted, never returned) and the letterhead's images have their
 * own methods. Spread into the contract in contract.ts.
 */
import { z } from 'zod';
import { LANGUAGES } from '../../domain/vocabulary.ts';
import { method } from '../method.ts';
import { ANY_ROLE } from '../roles.ts';
import { SETTING_KEY_NAMES } from './settings-keys.ts';

export const mailAccountSchema = z.enum(['smtp', 'pec']);

const mailAccountView = z.object({
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  user: z.string(),
  from: z.string(),
  /** Whether a password is stored (it is never returned). */
  password: z.boolean(),
});

export const settingsViewSchema = z.object({
  language: z.enum(LANGUAGES),
  company: z.object({
    name: z.string(),
    address: z.string(),
    vat: z.string(),
    taxCode: z.string(),
    phone: z.string(),
    email: z.string(),
    pec: z.string(),
    iban: z.string(),
    bic: z.string(),
    contact: z.string(),
    signer: z.string(),
    place: z.string(),
    logo: z.boolean(),
    signature: z.boolean(),
  }),
  letters: z.object({ termDays: z.number().int(), invoiceFolder: z.string() }),
  smtp: mailAccountView,
  pec: mailAccountView,
  mail: z.object({ attempts: z.number().int(), retryDelayMs: z.number().int() }),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const settingsContract = {
  'settings.get': method({
    input: z.object({}).strict(),
    output: settingsViewSchema,
    roles: ANY_ROLE,
    mutation: false,
  }),
  /** Admin-only keys (backups.*, auth.idleMinutes) are refused to the others: FORBIDDEN. */
  'settings.set': method({
    input: z.object({
      values: z.partialRecord(
        z.enum(SETTING_KEY_NAMES as [string, ...string[]]),
        z.union([z.string().max(5_000), z.number(), z.boolean(), z.null()]),
      ),
    }),
    output: settingsViewSchema,
    roles: ['manager', 'admin'],
    mutation: true,
  }),
  'settings.setPassword': method({
    input: z.object({ account: mailAccountSchema, password: z.string().max(1_000) }),
    output: z.object({ account: mailAccountSchema, set: z.boolean() }),
    roles: ['manager', 'admin'],
    mutation: true,
  }),
  'settings.setImage': method({
    input: z.object({
      kind: z.enum(['logo', 'signature']),
      fileName: z.string().max(260).optional(),
      /** PNG or JPEG; null removes the image. */
      dataBase64: z.string().min(1).max(4_000_000).nullable(),
    }),
    output: z.object({ kind: z.enum(['logo', 'signature']), set: z.boolean() }),
    roles: ['manager', 'admin'],
    mutation: true,
  }),
};
