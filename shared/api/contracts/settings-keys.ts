/**
 * The settings a user can change with `settings set KEY VALUE` or on the Settings page: the
 * company's language and letterhead, letter options, the two mail accounts (ordinary e-mail and PEC) and the
 * retry policy. One list drives validation, the CLI, the contract and the stored form.
 * Passwords are not here (they are encrypted, see settings.setPassword), nor the logo and
 * signature images (settings.setImage).
 */
import { isValidIban } from '../../domain/epc.ts';
import { LANGUAGES } from '../../domain/vocabulary.ts';

export type SettingValue = string | number | boolean;

interface KeyDef {
  kind: 'text' | 'multiline' | 'int' | 'bool' | 'email' | 'iban' | 'bic' | 'folder' | 'language';
  default: SettingValue;
  min?: number;
  max?: number;
  /** The settings row it lives in, when not the key itself (company.name predates this list). */
  storage?: string;
  /** Only the admin may change it (where backups go and how many are kept; sign-in rules). */
  adminOnly?: boolean;
}

const text = (d = ''): KeyDef => ({ kind: 'text', default: d });
const email = (): KeyDef => ({ kind: 'email', default: '' });

export const SETTING_KEYS = {
  /** The company's language: the app's default, and what new users and reports start from. */
  language: { kind: 'language', default: 'it' },
  'company.name': { kind: 'text', default: 'La mia azienda S.r.l.', storage: 'companyName' },
  'company.address': { kind: 'multiline', default: '' },
  'company.vat': text(),
  'company.taxCode': text(),
  'company.phone': text(),
  'company.email': email(),
  'company.pec': email(),
  'company.iban': { kind: 'iban', default: '' },
  'company.bic': { kind: 'bic', default: '' },
  'company.contact': text(),
  'company.signer': text(),
  'company.place': text(),
  'letters.termDays': { kind: 'int', default: 15, min: 1, max: 180 },
  'letters.invoiceFolder': { kind: 'folder', default: '' },
  'smtp.host': text(),
  'smtp.port': { kind: 'int', default: 587, min: 1, max: 65535 },
  'smtp.secure': { kind: 'bool', default: false },
  'smtp.user': text(),
  'smtp.from': email(),
  'pec.host': text(),
  'pec.port': { kind: 'int', default: 465, min: 1, max: 65535 },
  'pec.secure': { kind: 'bool', default: true },
  'pec.user': text(),
  'pec.from': email(),
  'mail.attempts': { kind: 'int', default: 3, min: 1, max: 10 },
  'mail.retryDelayMs': { kind: 'int', default: 5000, min: 0, max: 600_000 },
  // Safety (README "Safety of the ledger"): backups folder ('' = beside the ledger) and rotation; GDPR retention.
  'backups.folder': { kind: 'folder', default: '', adminOnly: true },
  'backups.keepDaily': { kind: 'int', default: 7, min: 1, max: 366, adminOnly: true },
  'backups.keepWeekly': { kind: 'int', default: 4, min: 0, max: 520, adminOnly: true },
  'backups.keepMonthly': { kind: 'int', default: 12, min: 0, max: 1200, adminOnly: true },
  // Sign-in (docs: Trust): minutes of inactivity after which a session ends.
  'auth.idleMinutes': { kind: 'int', default: 30, min: 1, max: 1440, adminOnly: true },
  'gdpr.retentionYears': { kind: 'int', default: 10, min: 10, max: 30 },
  // Notify (issue 21): the digests list customers overdue at least this much; sent from this time of day.
  'notify.minOverdueCents': { kind: 'int', default: 0, min: 0, max: 1_000_000_000 },
  'notify.time': text('07:00'),
} as const satisfies Record<string, KeyDef>;

export type SettingKey = keyof typeof SETTING_KEYS;
export const SETTING_KEY_NAMES = Object.keys(SETTING_KEYS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_KEYS, key);
}

/** Whether only the admin may change the setting. */
export function isAdminOnlySetting(key: SettingKey): boolean {
  const def: KeyDef = SETTING_KEYS[key];
  return def.adminOnly === true;
}

export function settingStorageKey(key: SettingKey): string {
  const def: KeyDef = SETTING_KEYS[key];
  return def.storage ?? key;
}

/** `Name <a@b.it>` or `a@b.it`. */
const EMAIL = /^(?:[^<>]*<\s*[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+\s*>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

/**
 * Parses a value typed by a person (the CLI passes strings: "true", "587", "IT60 X054…") into
 * the stored form, or returns an error message. Empty text clears a value.
 */
export function parseSettingValue(
  key: SettingKey,
  raw: SettingValue | null,
): { value: SettingValue } | { error: string } {
  const def: KeyDef = SETTING_KEYS[key];
  if (raw === null) return { value: def.default };
  const s = String(raw).trim();
  switch (def.kind) {
    case 'int': {
      if (!/^\d+$/.test(s)) return { error: `expected a whole number, got "${s}"` };
      const n = Number(s);
      if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) {
        return { error: `expected a number from ${def.min} to ${def.max}` };
      }
      return { value: n };
    }
    case 'bool': {
      const v = s.toLowerCase();
      if (['true', 'yes', 'si', 'sì', '1', 'on'].includes(v)) return { value: true };
      if (['false', 'no', '0', 'off'].includes(v)) return { value: false };
      return { error: `expected true or false, got "${s}"` };
    }
    case 'email':
      return s === '' || EMAIL.test(s) ? { value: s } : { error: `not an e-mail address: "${s}"` };
    case 'iban': {
      const compact = s.replace(/\s+/g, '').toUpperCase();
      return compact === '' || isValidIban(compact)
        ? { value: compact }
        : { error: `not a valid IBAN: "${s}"` };
    }
    case 'bic': {
      const compact = s.replace(/\s+/g, '').toUpperCase();
      return compact === '' || /^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(compact)
        ? { value: compact }
        : { error: `a BIC has 8 or 11 letters and digits, got "${s}"` };
    }
    case 'language': {
      const v = s.toLowerCase();
      return (LANGUAGES as readonly string[]).includes(v)
        ? { value: v }
        : { error: `expected one of ${LANGUAGES.join(', ')}, got "${s}"` };
    }
    case 'multiline':
      // From a terminal a line break is easiest typed as "\n".
      return { value: s.replace(/\\n/g, '\n') };
    default:
      return { value: s };
  }
}
