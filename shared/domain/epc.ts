/**
 * The EPC QR payload (EPC069-12, "GiroCode") for a SEPA credit transfer: the text a banking app
 * reads to prefill the payment. Version 002 (BIC optional in the EEA), UTF-8, SCT, lines joined
 * with LF, no trailing empty lines, at most 331 bytes. The QR image itself is drawn by a library.
 */
import { isValidCreditorReference } from './creditor-reference.ts';

export interface EpcPayment {
  beneficiaryName: string;
  iban: string;
  bic?: string | null;
  amountCents: number;
  /** Unstructured remittance (e.g. document numbers), cut to 140 characters. */
  remittance: string;
  /**
   * ISO 11649 structured creditor reference (RF…): written in the structured-reference field; the
   * standard allows one of the two remittance fields, so the unstructured text is then left out.
   */
  creditorReference?: string | null;
}

export class EpcError extends Error {}

const MAX_BYTES = 331;

/** IBAN check (ISO 13616 mod-97) on the compact form. */
export function isValidIban(raw: string): boolean {
  const iban = raw.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/** Cuts text to `max` characters on a word boundary when possible, without splitting a character. */
export function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return space > max * 0.6 ? cut.slice(0, space) : cut;
}

export function formatEpcAmount(cents: number): string {
  return `EUR${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Bytes of the text in UTF-8 (what the QR code carries), without TextEncoder: shared/ has no DOM or Node types. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export function epcPayload(p: EpcPayment): string {
  const iban = p.iban.replace(/\s+/g, '').toUpperCase();
  if (!isValidIban(iban)) throw new EpcError(`Invalid IBAN: ${p.iban}`);
  const bic = (p.bic ?? '').replace(/\s+/g, '').toUpperCase();
  if (bic && !/^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(bic)) throw new EpcError(`Invalid BIC: ${p.bic}`);
  const name = clip(p.beneficiaryName, 70);
  if (!name) throw new EpcError('The beneficiary name is required');
  if (!Number.isSafeInteger(p.amountCents) || p.amountCents < 1 || p.amountCents > 99_999_999_999) {
    throw new EpcError(`The amount must be between 0.01 and 999999999.99 EUR, got ${p.amountCents} cents`);
  }
  const reference = (p.creditorReference ?? '').replace(/\s+/g, '').toUpperCase();
  if (reference && !isValidCreditorReference(reference))
    throw new EpcError(`Invalid creditor reference: ${p.creditorReference}`);
  const lines = [
    'BCD',
    '002',
    '1',
    'SCT',
    bic,
    name,
    iban,
    formatEpcAmount(p.amountCents),
    '',
    reference,
    reference ? '' : clip(p.remittance, 140),
  ];
  while (lines.at(-1) === '') lines.pop();
  const payload = lines.join('\n');
  if (utf8Length(payload) > MAX_BYTES) throw new EpcError('EPC payload longer than 331 bytes');
  return payload;
}
