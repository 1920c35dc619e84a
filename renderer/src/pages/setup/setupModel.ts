/**
 * The first-run path as data: which steps a new ledger still lacks — company and letterhead, IBAN,
 * the late-payment rate of every half-year up to today, the mail account, the first import — from
 * what the backend already reports (settings.get, rates.list, summary.get). Pure, so it is tested
 * without a browser.
 */
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import { SETTING_KEYS } from '../../../../shared/api/contracts/settings-keys.ts';
import { isValidIban } from '../../../../shared/domain/epc.ts';

export const SETUP_STEPS = ['company', 'iban', 'rate', 'mail', 'import'] as const;
export type SetupStepKey = (typeof SETUP_STEPS)[number];

export interface SetupStep {
  key: SetupStepKey;
  done: boolean;
  /** What is missing, as i18n keys under setup.missing (with params). */
  missing: { key: string; params?: Record<string, string> }[];
}

export interface SetupInput {
  settings: MethodOutput<'settings.get'>;
  rates: MethodOutput<'rates.list'>;
  summary: MethodOutput<'summary.get'>;
}

/**
 * A missing half-year as rates.list names it ("H2 2026 (2026-07-01 – 2026-12-31)", or its start
 * date) -> its number, year and first day; null for anything else.
 */
export function halfYearParts(label: string): { half: string; year: string; from: string } | null {
  const m = /^H([12]) (\d{4})\b/.exec(label) ?? /^(\d{4})-(01|07)-01$/.exec(label);
  if (!m) return null;
  const [half, year] = label.startsWith('H')
    ? [m[1] ?? '', m[2] ?? '']
    : [m[2] === '01' ? '1' : '2', m[1] ?? ''];
  return { half, year, from: `${year}-${half === '1' ? '01' : '07'}-01` };
}

/** The placeholder a new ledger starts with is not the user's company name. */
const PLACEHOLDER_NAME = SETTING_KEYS['company.name'].default;

export function setupSteps({ settings, rates, summary }: SetupInput): SetupStep[] {
  const c = settings.company;
  const company: SetupStep['missing'] = [];
  if (!c.name.trim() || c.name.trim() === PLACEHOLDER_NAME) company.push({ key: 'companyName' });
  if (!c.address.trim()) company.push({ key: 'companyAddress' });
  if (!c.vat.trim()) company.push({ key: 'companyVat' });
  const iban: SetupStep['missing'] = isValidIban(c.iban)
    ? []
    : [{ key: c.iban.trim() ? 'ibanInvalid' : 'iban' }];
  const rate = rates.missing.map((from): SetupStep['missing'][number] => {
    const p = halfYearParts(from);
    return p
      ? { key: 'rate', params: { half: p.half, year: p.year } }
      : { key: 'rateOther', params: { period: from } };
  });
  const smtp = settings.smtp;
  const mail: SetupStep['missing'] = [];
  if (!smtp.host.trim()) mail.push({ key: 'mailHost' });
  else if (!smtp.from.trim()) mail.push({ key: 'mailFrom' });
  const imported: SetupStep['missing'] = summary.items > 0 ? [] : [{ key: 'import' }];
  const steps: Record<SetupStepKey, SetupStep['missing']> = {
    company,
    iban,
    rate,
    mail,
    import: imported,
  };
  return SETUP_STEPS.map((key) => ({ key, done: steps[key].length === 0, missing: steps[key] }));
}
