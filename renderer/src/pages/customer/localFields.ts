/** The customer's local fields as a form: initial values, validation by field, and the update to send. */
import type { MethodInput } from '../../../../shared/api/contract.ts';
import type { Language } from '../../../../shared/domain/vocabulary.ts';
import type { ProfileCustomer } from './types.ts';

export type Band = NonNullable<ProfileCustomer['band']>;

export interface LocalForm {
  dunningContactName: string;
  dunningContactEmail: string;
  pec: string;
  phone2: string;
  notes: string;
  language: Language;
  band: Band | null;
  bandReason: string;
  creditLimitCents: number | null;
  /** What the credit-limit field holds when it is not a readable amount. */
  creditLimitInvalid: boolean;
  collectorId: number | null;
  keyAccount: boolean;
}

export type LocalField = Exclude<keyof LocalForm, 'creditLimitInvalid'>;
/** Error keys under `customer.master.errors`. */
export type FieldError = 'email' | 'tooLong' | 'phone' | 'reasonRequired' | 'amount';

export function initialForm(c: ProfileCustomer): LocalForm {
  return {
    dunningContactName: c.dunningContactName ?? '',
    dunningContactEmail: c.dunningContactEmail ?? '',
    pec: c.pec ?? '',
    phone2: c.phone2 ?? '',
    notes: c.notes ?? '',
    language: c.language,
    band: c.band,
    bandReason: '',
    creditLimitCents: c.creditLimitCents,
    creditLimitInvalid: false,
    collectorId: c.collectorId,
    keyAccount: c.keyAccount,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+0-9 ()./-]*$/;

export function validate(form: LocalForm, c: ProfileCustomer): Partial<Record<LocalField, FieldError>> {
  const errors: Partial<Record<LocalField, FieldError>> = {};
  if (form.dunningContactName.trim().length > 120) errors.dunningContactName = 'tooLong';
  if (form.dunningContactEmail.trim() && !EMAIL.test(form.dunningContactEmail.trim()))
    errors.dunningContactEmail = 'email';
  if (form.pec.trim() && !EMAIL.test(form.pec.trim())) errors.pec = 'email';
  if (form.phone2.trim().length > 40) errors.phone2 = 'tooLong';
  else if (!PHONE.test(form.phone2.trim())) errors.phone2 = 'phone';
  if (form.notes.length > 4000) errors.notes = 'tooLong';
  if (form.band !== c.band && form.bandReason.trim().length < 3) errors.bandReason = 'reasonRequired';
  if (form.creditLimitInvalid || (form.creditLimitCents !== null && form.creditLimitCents < 0))
    errors.creditLimitCents = 'amount';
  return errors;
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Only what changed; manager fields only when the user may set them. */
export function changes(
  form: LocalForm,
  c: ProfileCustomer,
  manager: boolean,
): MethodInput<'customers.update'> {
  const out: MethodInput<'customers.update'> = { code: c.code };
  if (orNull(form.dunningContactName) !== c.dunningContactName)
    out.dunningContactName = orNull(form.dunningContactName);
  if (orNull(form.dunningContactEmail) !== c.dunningContactEmail)
    out.dunningContactEmail = orNull(form.dunningContactEmail);
  if (orNull(form.pec) !== c.pec) out.pec = orNull(form.pec);
  if (orNull(form.phone2) !== c.phone2) out.phone2 = orNull(form.phone2);
  const notes = form.notes.trim() === '' ? null : form.notes;
  if (notes !== c.notes) out.notes = notes;
  if (form.language !== c.language) out.language = form.language;
  if (manager) {
    if (form.band !== c.band) {
      out.band = form.band;
      out.bandReason = form.bandReason.trim();
    }
    if (form.creditLimitCents !== c.creditLimitCents) out.creditLimitCents = form.creditLimitCents;
    if (form.collectorId !== c.collectorId) out.collectorId = form.collectorId;
    if (form.keyAccount !== c.keyAccount) out.keyAccount = form.keyAccount;
  }
  return out;
}
