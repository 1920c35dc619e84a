/**
 * Contract of the ledger's safety (issue 9): backups and restore, the audit trail view, and the
 * GDPR tools (a customer's data export, retention with anonymisation, the legal hold).
 * See README "Safety of the ledger" and docs/PRIVACY.md.
 */
import { z } from 'zod';
import { cents, isoDate } from '../fields.ts';
import { method } from '../method.ts';

const empty = z.object({}).strict();
const code = z.string().trim().min(1).max(60);
/** A backup's folder name in the backups folder. */
const backupId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/, { message: 'expected a backup id (its folder name)' });

export const backupKindSchema = z.enum(['daily', 'manual', 'pre-import', 'pre-migrate', 'pre-restore']);

export const migrationLevelSchema = z.object({ applied: z.number().int(), latest: z.string().nullable() });

export const backupEntrySchema = z.object({
  id: z.string(),
  folder: z.string(),
  createdAt: z.string(),
  kind: backupKindSchema,
  note: z.string().nullable(),
  appVersion: z.string(),
  bytes: z.number().int(),
  ledgerBytes: z.number().int(),
  files: z.number().int(),
  migrations: migrationLevelSchema,
  good: z.boolean(),
});
export type BackupEntryView = z.infer<typeof backupEntrySchema>;

export const rotationSchema = z.object({
  daily: z.number().int(),
  weekly: z.number().int(),
  monthly: z.number().int(),
});

export const backupsViewSchema = z.object({
  /**
   * The engine of the ledger these backups are of, and where it is: the ledger file of this computer
   * (the team edition's PostgreSQL database is backed up with `backup --db`, docs/team-edition.md).
   */
  engine: z.enum(['sqlite', 'postgresql']),
  ledger: z.string(),
  folder: z.string(),
  defaultFolder: z.string(),
  /** The folder setting as typed ('' = the default beside the ledger). */
  folderSetting: z.string(),
  rotation: rotationSchema,
  health: z.object({
    state: z.enum(['ok', 'damaged', 'restoring']),
    problems: z.array(z.string()),
  }),
  /** Only when asked (`latestGood: true`): the newest backup passing the full check. */
  latestGood: z.object({ id: z.string(), createdAt: z.string() }).nullable(),
  backups: z.array(backupEntrySchema),
});
export type BackupsView = z.infer<typeof backupsViewSchema>;

export const verifyReportSchema = z.object({
  ok: z.boolean(),
  path: z.string(),
  kind: z.enum(['backup', 'file']),
  id: z.string().nullable(),
  createdAt: z.string().nullable(),
  backupKind: z.string().nullable(),
  integrity: z.array(z.string()),
  migrations: migrationLevelSchema.extend({
    known: z.number().int(),
    state: z.enum(['current', 'older', 'newer', 'not-a-ledger']),
  }),
  files: z.object({ checked: z.number().int(), missing: z.array(z.string()), changed: z.array(z.string()) }),
  problems: z.array(z.string()),
});
export type VerifyReportView = z.infer<typeof verifyReportSchema>;

export const restoreResultSchema = z.object({
  restored: z.object({ id: z.string().nullable(), path: z.string(), createdAt: z.string().nullable() }),
  safetyBackup: z.string().nullable(),
  damagedFileKeptAs: z.string().nullable(),
});

// --- audit trail ----------------------------------------------------------------------------------

export const auditFilterSchema = z.object({
  /** User name as recorded (also 'system'). */
  user: z.string().trim().min(1).max(80).optional(),
  /** Customer code: rows about this customer (its profile, contacts, promises, letters…). */
  customer: code.optional(),
  /** Exact action (`contacts.add`) or an area prefix ending with a dot (`imports.`). */
  action: z.string().trim().min(1).max(80).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userName: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  /** JSON text as stored. */
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type AuditRowView = z.infer<typeof auditRowSchema>;

// --- GDPR ----------------------------------------------------------------------------------------

export const retentionCandidateSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** The last closure or interruptive act (payment, letter, contact, legal act). */
  lastActivity: isoDate,
  /** lastActivity + retention: anonymisation is due from this day. */
  dueOn: isoDate,
  residualCents: cents,
});

export const heldCustomerSchema = z.object({
  code: z.string(),
  name: z.string(),
  reason: z.string().nullable(),
});

export const safetyContract = {
  'backups.list': method({
    input: z.object({ latestGood: z.boolean().default(false) }).strict(),
    output: backupsViewSchema,
    roles: ['manager'],
    mutation: false,
  }),
  'backups.create': method({
    input: z.object({ note: z.string().trim().max(200).optional() }).strict(),
    output: backupEntrySchema,
    roles: ['manager'],
    mutation: true,
    job: true,
  }),
  'backups.verify': method({
    input: z.object({ id: backupId }).strict(),
    output: verifyReportSchema,
    roles: ['manager'],
    mutation: false,
  }),
  'backups.restore': method({
    input: z.object({ id: backupId, confirm: z.literal(true) }).strict(),
    output: restoreResultSchema,
    roles: ['admin'],
    mutation: true,
    job: true,
  }),
  'backups.configure': method({
    input: z
      .object({
        /** '' = the default folder beside the ledger. */
        folder: z.string().trim().max(1000).optional(),
        daily: z.number().int().min(1).max(366).optional(),
        weekly: z.number().int().min(0).max(520).optional(),
        monthly: z.number().int().min(0).max(1200).optional(),
      })
      .strict(),
    output: backupsViewSchema,
    roles: ['admin'],
    mutation: true,
  }),
  'audit.list': method({
    input: auditFilterSchema
      .extend({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(auditRowSchema) }),
    roles: ['manager', 'accountant'],
    mutation: false,
  }),
  'audit.facets': method({
    input: empty,
    output: z.object({ users: z.array(z.string()), actions: z.array(z.string()) }),
    roles: ['manager', 'accountant'],
    mutation: false,
  }),
  'audit.exportCsv': method({
    input: auditFilterSchema.strict(),
    output: z.object({ fileName: z.string(), rows: z.number().int(), csv: z.string() }),
    roles: ['manager', 'accountant'],
    mutation: false,
  }),
  // Who changed what on a customer: like the whole trail, not for clerks (README, PRIVACY.md).
  'audit.customer': method({
    input: z.object({ code, limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.array(auditRowSchema),
    roles: ['manager', 'accountant'],
    mutation: false,
  }),
  'gdpr.export': method({
    input: z.object({ code }).strict(),
    output: z.object({
      fileName: z.string(),
      bytes: z.number().int(),
      sha256: z.string(),
      files: z.number().int(),
      dataBase64: z.string(),
    }),
    roles: ['manager'],
    mutation: true,
  }),
  'gdpr.retention': method({
    input: empty,
    output: z.object({
      today: isoDate,
      retentionYears: z.number().int(),
      lastReviewOn: isoDate.nullable(),
      candidates: z.array(retentionCandidateSchema),
      held: z.array(heldCustomerSchema),
    }),
    roles: ['manager'],
    mutation: false,
  }),
  'gdpr.anonymise': method({
    input: z.object({ codes: z.array(code).min(1).max(5000), confirm: z.literal(true) }).strict(),
    output: z.object({
      anonymised: z.array(z.object({ code: z.string(), newCode: z.string() })),
      skipped: z.array(z.object({ code: z.string(), reason: z.string() })),
    }),
    roles: ['manager'],
    mutation: true,
  }),
  'gdpr.hold': method({
    input: z
      .object({ code, hold: z.boolean(), reason: z.string().trim().min(3).max(500).optional() })
      .strict()
      .refine((v) => !v.hold || v.reason !== undefined, {
        message: 'a legal hold needs its reason',
        path: ['reason'],
      }),
    output: z.object({ code: z.string(), legalHold: z.boolean(), reason: z.string().nullable() }),
    roles: ['manager'],
    mutation: true,
  }),
  'gdpr.configure': method({
    input: z.object({ retentionYears: z.number().int().min(10).max(30) }).strict(),
    output: z.object({ retentionYears: z.number().int() }),
    roles: ['manager'],
    mutation: true,
  }),
} as const;
