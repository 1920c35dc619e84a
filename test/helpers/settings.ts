/** What `settings.get` answers on a fresh ledger, for tests that mock or feed it (pure data, no React). */
import type { SettingsView } from '../../shared/api/contracts/settings.ts';

type MailAccount = SettingsView['smtp'];

/** A mail account with no server filled in (port 587, no TLS), fields overridable. */
export function mailAccount(over: Partial<MailAccount> = {}): MailAccount {
  return { host: '', port: 587, secure: false, user: '', from: '', password: false, ...over };
}

/**
 * The settings of a fresh ledger named Test S.r.l.: company fields overridable one by one, the other
 * sections (smtp, pec, mail, letters, language) replaced whole by `rest`.
 */
export function settingsView(
  company: Partial<SettingsView['company']> = {},
  rest: Partial<Omit<SettingsView, 'company'>> = {},
): SettingsView {
  return {
    language: 'it',
    company: {
      name: 'Test S.r.l.',
      address: '',
      vat: '',
      taxCode: '',
      phone: '',
      email: '',
      pec: '',
      iban: '',
      bic: '',
      contact: '',
      signer: '',
      place: '',
      logo: false,
      signature: false,
      ...company,
    },
    letters: { termDays: 15, invoiceFolder: '' },
    smtp: mailAccount(),
    pec: mailAccount({ port: 465, secure: true }),
    mail: { attempts: 3, retryDelayMs: 5000 },
    ...rest,
  };
}
