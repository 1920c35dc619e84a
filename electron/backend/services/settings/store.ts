/**
 * Reading and changing the settings of ../shared/api/contracts/settings-keys.ts: the letterhead,
 * letter options and the mail accounts. Images (logo, signature) are files in the data folder;
 * passwords are encrypted (secrets.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ledger } from '../../../../db/open.ts';
import { deleteSetting, getSetting, setSetting } from '../../../../db/queries/settings.ts';
import type { SettingsView } from '../../../../shared/api/contracts/settings.ts';
import {
  isSettingKey,
  parseSettingValue,
  SETTING_KEYS,
  type SettingKey,
  type SettingValue,
  settingStorageKey,
} from '../../../../shared/api/contracts/settings-keys.ts';
import { AppError, type ErrorIssue } from '../../../../shared/api/errors.ts';
import type { Letterhead } from '../../../../shared/domain/letters/model.ts';
import type { Language } from '../../../../shared/domain/vocabulary.ts';
import { deleteSecret, hasSecret, readSecret, type SecretKeys, storeSecret } from './secrets.ts';

export type ImageKind = 'logo' | 'signature';
export type MailAccountName = 'smtp' | 'pec';

export async function readSetting(db: Ledger, key: SettingKey): Promise<SettingValue> {
  return await getSetting<SettingValue>(db, settingStorageKey(key), SETTING_KEYS[key].default);
}

const str = async (db: Ledger, key: SettingKey) => String(await readSetting(db, key));
const num = async (db: Ledger, key: SettingKey) => Number(await readSetting(db, key));
const bool = async (db: Ledger, key: SettingKey) => (await readSetting(db, key)) === true;

async function mailView(db: Ledger, account: MailAccountName): Promise<SettingsView['smtp']> {
  return {
    host: await str(db, `${account}.host`),
    port: await num(db, `${account}.port`),
    secure: await bool(db, `${account}.secure`),
    user: await str(db, `${account}.user`),
    from: await str(db, `${account}.from`),
    password: await hasSecret(db, `${account}.password`),
  };
}

const imageSetting = (kind: ImageKind) => `company.${kind}`;

export async function readSettingsView(db: Ledger): Promise<SettingsView> {
  return {
    language: await getSetting<Language>(db, 'language', 'it'),
    company: {
      name: await str(db, 'company.name'),
      address: await str(db, 'company.address'),
      vat: await str(db, 'company.vat'),
      taxCode: await str(db, 'company.taxCode'),
      phone: await str(db, 'company.phone'),
      email: await str(db, 'company.email'),
      pec: await str(db, 'company.pec'),
      iban: await str(db, 'company.iban'),
      bic: await str(db, 'company.bic'),
      contact: await str(db, 'company.contact'),
      signer: await str(db, 'company.signer'),
      place: await str(db, 'company.place'),
      logo: (await getSetting<string | null>(db, imageSetting('logo'), null)) !== null,
      signature: (await getSetting<string | null>(db, imageSetting('signature'), null)) !== null,
    },
    letters: {
      termDays: await num(db, 'letters.termDays'),
      invoiceFolder: await str(db, 'letters.invoiceFolder'),
    },
    smtp: await mailView(db, 'smtp'),
    pec: await mailView(db, 'pec'),
    mail: { attempts: await num(db, 'mail.attempts'), retryDelayMs: await num(db, 'mail.retryDelayMs') },
  };
}

/** One changed setting, as the audit row shows it. */
export interface SettingChange {
  key: string;
  before: SettingValue | 'set' | null;
  after: SettingValue | 'discarded' | null;
}

/** Changing where a mail account connects, or as whom, discards its stored password. */
const MAIL_ENDPOINT = ['host', 'port', 'user'] as const;

/**
 * Validates every value first, then stores them all (or none, with one issue per bad key).
 * Returns what actually changed, key by key (a discarded mail password included).
 */
export async function updateSettings(
  db: Ledger,
  values: Readonly<Record<string, SettingValue | null | undefined>>,
): Promise<SettingChange[]> {
  const issues: ErrorIssue[] = [];
  const parsed: [SettingKey, SettingValue][] = [];
  for (const [key, raw] of Object.entries(values)) {
    if (raw === undefined) continue;
    if (!isSettingKey(key)) {
      issues.push({ path: key, message: `unknown setting (known: ${Object.keys(SETTING_KEYS).join(', ')})` });
      continue;
    }
    const r = parseSettingValue(key, raw);
    if ('error' in r) {
      issues.push({ path: key, message: r.error });
      continue;
    }
    if (SETTING_KEYS[key].kind === 'folder' && r.value !== '' && !fs.existsSync(String(r.value))) {
      issues.push({ path: key, message: `no such folder: ${r.value}` });
      continue;
    }
    parsed.push([key, r.value]);
  }
  if (issues.length > 0) {
    throw new AppError('VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  const changes: SettingChange[] = [];
  for (const [key, value] of parsed) {
    const before = await readSetting(db, key);
    if (before === value) continue;
    await setSetting(db, settingStorageKey(key), value);
    changes.push({ key, before, after: value });
  }
  for (const account of ['smtp', 'pec'] as const) {
    const moved = changes.some((c) => MAIL_ENDPOINT.some((f) => c.key === `${account}.${f}`));
    if (moved && (await hasSecret(db, `${account}.password`))) {
      await deleteSecret(db, `${account}.password`);
      changes.push({ key: `${account}.password`, before: 'set', after: 'discarded' });
    }
  }
  return changes;
}

export async function setMailPassword(
  db: Ledger,
  keys: SecretKeys,
  account: MailAccountName,
  password: string,
): Promise<void> {
  await storeSecret(db, keys, `${account}.password`, password === '' ? null : password);
}

export interface MailAccount {
  name: MailAccountName;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  from: string;
  password: string | null;
}

export async function mailAccount(
  db: Ledger,
  keys: SecretKeys,
  account: MailAccountName,
): Promise<MailAccount> {
  const v = await mailView(db, account);
  return {
    name: account,
    host: v.host,
    port: v.port,
    secure: v.secure,
    user: v.user,
    from: v.from,
    password: v.password ? await readSecret(db, keys, `${account}.password`) : null,
  };
}

// --- letterhead images -----------------------------------------------------------------------

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

function imageType(data: Buffer): 'png' | 'jpg' | null {
  if (data.subarray(0, PNG.length).equals(PNG)) return 'png';
  if (data.subarray(0, JPEG.length).equals(JPEG)) return 'jpg';
  return null;
}

/** Stores a PNG/JPEG under `<data folder>/letterhead/` (null removes it). */
export async function setLetterheadImage(
  db: Ledger,
  dataDir: string,
  kind: ImageKind,
  data: Buffer | null,
): Promise<void> {
  const previous = await getSetting<string | null>(db, imageSetting(kind), null);
  if (data === null) {
    await deleteSetting(db, imageSetting(kind));
    if (previous) fs.rmSync(path.join(dataDir, previous), { force: true });
    return;
  }
  const ext = imageType(data);
  if (!ext) throw new AppError('VALIDATION', `The ${kind} must be a PNG or JPEG image.`);
  const rel = path.join('letterhead', `${kind}.${ext}`);
  fs.mkdirSync(path.join(dataDir, 'letterhead'), { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dataDir, rel), data, { mode: 0o600 });
  if (previous && previous !== rel) fs.rmSync(path.join(dataDir, previous), { force: true });
  await setSetting(db, imageSetting(kind), rel);
}

/** The image as a data URL for pdfmake, or null. */
export async function letterheadImage(db: Ledger, dataDir: string, kind: ImageKind): Promise<string | null> {
  const rel = await getSetting<string | null>(db, imageSetting(kind), null);
  if (!rel) return null;
  const file = path.join(dataDir, rel);
  if (!fs.existsSync(file)) return null;
  const mime = rel.endsWith('.png') ? 'image/png' : 'image/jpeg';
  return `data:${mime};base64,${fs.readFileSync(file).toString('base64')}`;
}

export async function letterhead(db: Ledger): Promise<Letterhead> {
  const v = await readSettingsView(db);
  const c = v.company;
  return {
    name: c.name,
    address: c.address,
    vat: c.vat,
    taxCode: c.taxCode,
    phone: c.phone,
    email: c.email,
    pec: c.pec,
    iban: c.iban,
    bic: c.bic,
    contact: c.contact,
    signer: c.signer,
    place: c.place,
    hasLogo: c.logo,
    hasSignature: c.signature,
  };
}
