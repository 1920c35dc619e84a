/**
 * Customer master data ("anagrafica clienti"): the fields a customer file carries, the column
 * headers accounting systems give them (Italian and English, as exported by Danea Easyfatt,
 * TeamSystem, Mexal, Zucchetti, Fatture in Cloud, Odoo, SAP, Business Central…), value checks,
 * how a party is recognised (VAT number or tax code) and the postal block a letter prints.
 * Pure: headers arrive already normalized (lower case, no accents, punctuation as spaces).
 */
import { isValidIban } from './epc.ts';
import { isValidItalianVat } from './vat.ts';

export const MASTER_FIELDS = [
  'code',
  'name',
  'vat',
  'taxCode',
  'street',
  'street2',
  'streetNumber',
  'postalCode',
  'city',
  'province',
  'country',
  'email',
  'pec',
  'phone',
  'sdiCode',
  'iban',
] as const;
export type MasterField = (typeof MASTER_FIELDS)[number];

/** Whole normalized headers -> field. */
const SYNONYMS: Record<MasterField, string[]> = {
  code: [
    'codice',
    'cod',
    'code',
    'codice cliente',
    'cod cliente',
    'cod cli',
    'codcli',
    'codice conto',
    'conto',
    'sottoconto',
    'codice anagrafica',
    'cod anagrafica',
    'id cliente',
    'customer',
    'customer no',
    'customer number',
    'customer code',
    'customer id',
    'client code',
    'account',
    'account no',
    'account number',
    'no',
    'nr',
    'n',
    'internal reference',
    'riferimento interno',
  ],
  name: [
    'ragione sociale',
    'rag soc',
    'ragsoc',
    'denominazione',
    'nome',
    'nominativo',
    'name',
    'name 1',
    'nome cliente',
    'cliente',
    'intestatario',
    'descrizione',
    'customer name',
    'client name',
    'company',
    'company name',
    'display name',
    'partner',
  ],
  vat: [
    'partita iva',
    'p iva',
    'piva',
    'partiva',
    'part iva',
    'iva',
    'vat',
    'vat no',
    'vat number',
    'vat id',
    'vat registration no',
    'vat registration number',
    'vat reg no',
    'tax id',
    'partita iva cee',
    'id iva',
  ],
  taxCode: [
    'codice fiscale',
    'cod fiscale',
    'cod fisc',
    'cf',
    'c fiscale',
    'fiscal code',
    'tax code',
    'tax number 1',
    'codice fiscale cliente',
  ],
  street: [
    'indirizzo',
    'via',
    'street',
    'address',
    'address 1',
    'address line 1',
    'street address',
    'indirizzo sede',
    'indirizzo sede legale',
    'sede legale',
    'sede',
  ],
  street2: ['address 2', 'address line 2', 'street2', 'street 2', 'indirizzo 2', 'via 2'],
  streetNumber: ['civico', 'numero civico', 'n civico', 'nr civico', 'house number', 'house no'],
  postalCode: ['cap', 'c a p', 'codice postale', 'post code', 'postcode', 'postal code', 'zip', 'zip code'],
  city: ['citta', 'comune', 'localita', 'city', 'town', 'citta sede', 'comune sede'],
  province: ['provincia', 'prov', 'pr', 'sigla provincia', 'county', 'state', 'region', 'province'],
  country: [
    'nazione',
    'paese',
    'stato',
    'country',
    'country code',
    'country region code',
    'codice nazione',
    'cod nazione',
    'iso nazione',
    'nation',
  ],
  email: [
    'email',
    'e mail',
    'mail',
    'posta elettronica',
    'indirizzo email',
    'indirizzo e mail',
    'email address',
    'e mail address',
  ],
  pec: [
    'pec',
    'indirizzo pec',
    'email pec',
    'e mail pec',
    'pec email',
    'pec e mail address',
    'posta certificata',
    'posta elettronica certificata',
    'pec destinatario',
  ],
  phone: [
    'telefono',
    'tel',
    'phone',
    'phone no',
    'telephone',
    'telephone 1',
    'numero telefono',
    'telefono 1',
  ],
  sdiCode: [
    'codice destinatario',
    'cod destinatario',
    'codice sdi',
    'cod sdi',
    'sdi',
    'codice univoco',
    'codice univoco ufficio',
    'codice ipa',
    'recipient code',
    'sdi code',
    'pa code',
  ],
  iban: ['iban', 'codice iban', 'iban cliente', 'conto iban', 'bank account iban'],
};

const BY_HEADER = new Map<string, MasterField>();
for (const f of MASTER_FIELDS) for (const h of SYNONYMS[f]) BY_HEADER.set(h, f);

/** Headers that name a field only by a telling word, e.g. `Cod. destinatario Fatt. elettr.`. */
const CONTAINS: [RegExp, MasterField][] = [
  [/\bpec\b/, 'pec'],
  [/\bdestinatario\b|\bsdi\b/, 'sdiCode'],
  [/\biban\b/, 'iban'],
  [/\bcodice fiscale\b|\bcod fiscale\b|\bfiscal code\b/, 'taxCode'],
  [/\bpartita iva\b|\bp iva\b|\bpiva\b|\bvat\b/, 'vat'],
  [/\be ?mail\b/, 'email'],
  [/\bragione sociale\b|\bdenominazione\b/, 'name'],
  [/\bcap\b|\bpostal code\b|\bpost code\b|\bzip\b/, 'postalCode'],
  [/\bprovincia\b/, 'province'],
  [/\bnazione\b|\bcountry\b/, 'country'],
  [/\btelefono\b|\bphone\b/, 'phone'],
];

/** The field a normalized header names, or null. */
export function masterFieldForHeader(normalized: string): MasterField | null {
  const exact = BY_HEADER.get(normalized);
  if (exact) return exact;
  for (const [re, field] of CONTAINS) if (re.test(normalized)) return field;
  return null;
}

export type MasterMapping = Partial<Record<MasterField, number>>;

/** Field -> column index; the first column naming a field wins, later ones are left out. */
export function masterMapping(normalizedHeaders: readonly string[]): MasterMapping {
  const mapping: MasterMapping = {};
  normalizedHeaders.forEach((h, i) => {
    const f = masterFieldForHeader(h);
    if (f && mapping[f] === undefined) mapping[f] = i;
  });
  return mapping;
}

/**
 * A header row is a customer master-data file's when it names a code and a name and at least two
 * identity or address fields (VAT, tax code, street, ZIP, city, e-mail, PEC, SDI code, IBAN).
 */
export function looksLikeMasterData(mapping: MasterMapping): boolean {
  if (mapping.code === undefined || mapping.name === undefined) return false;
  const details: MasterField[] = [
    'vat',
    'taxCode',
    'street',
    'postalCode',
    'city',
    'email',
    'pec',
    'sdiCode',
    'iban',
  ];
  return details.filter((f) => mapping[f] !== undefined).length >= 2;
}

// ---- values ----

export type Checked = { value: string | null } | { error: string };

const COUNTRIES: Record<string, string> = {
  italia: 'IT',
  italy: 'IT',
  'san marino': 'SM',
  svizzera: 'CH',
  switzerland: 'CH',
  germania: 'DE',
  germany: 'DE',
  francia: 'FR',
  france: 'FR',
  spagna: 'ES',
  spain: 'ES',
  austria: 'AT',
  belgio: 'BE',
  belgium: 'BE',
  'paesi bassi': 'NL',
  olanda: 'NL',
  netherlands: 'NL',
  'regno unito': 'GB',
  'united kingdom': 'GB',
  'stati uniti': 'US',
  'united states': 'US',
  slovenia: 'SI',
  croazia: 'HR',
  croatia: 'HR',
  polonia: 'PL',
  poland: 'PL',
  portogallo: 'PT',
  portugal: 'PT',
  romania: 'RO',
  grecia: 'GR',
  greece: 'GR',
};

/** `Italia`, `ITALY`, `it` -> `IT`; an unknown name stays as written. */
export function countryCode(text: string): string {
  const t = text.trim();
  if (/^[a-z]{2}$/i.test(t)) return t.toUpperCase();
  return COUNTRIES[t.toLowerCase()] ?? t;
}

const EMAIL_RE = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]{2,}$/;

/** One or more addresses (`a@x.it; b@x.it`) as a comma-separated list, or an error. */
export function checkEmails(text: string, what: string): Checked {
  const list = text
    .split(/[;,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) return { value: null };
  const bad = list.find((e) => !EMAIL_RE.test(e));
  if (bad !== undefined) return { error: `not a valid ${what} address: "${bad}"` };
  return { value: list.join(', ') };
}

/**
 * The SDI recipient code: 7 characters (6 for public administrations). All zeros (delivery by PEC
 * or to the tax portal) and all X (a foreign customer) mean no code.
 */
export function checkSdiCode(text: string): Checked {
  const s = text.replace(/\s+/g, '').toUpperCase();
  if (s === '' || /^0+$/.test(s) || /^X+$/.test(s)) return { value: null };
  if (!/^[A-Z0-9]{6,7}$/.test(s))
    return { error: `not an SDI recipient code (6 or 7 letters and digits): "${text}"` };
  return { value: s };
}

export function checkIban(text: string): Checked {
  const s = text.replace(/\s+/g, '').toUpperCase();
  if (s === '') return { value: null };
  if (!isValidIban(s)) return { error: `not a valid IBAN (check digits do not match): "${text}"` };
  return { value: s };
}

/** An Italian ZIP code that a spreadsheet stored as a number lost its leading zeros (00184 -> 184). */
export function postalCodeText(text: string, country: string | null): string {
  const s = text.trim();
  if ((country === null || country === 'IT') && /^\d{1,4}$/.test(s)) return s.padStart(5, '0');
  return s;
}

/** Warnings only (a foreign or old number may not follow the Italian rules): null when plausible. */
export function vatWarning(vat: string): string | null {
  const s = vat.replace(/\s+/g, '').toUpperCase();
  if (/^(IT)?\d{11}$/.test(s) && !isValidItalianVat(s))
    return `the VAT number "${vat}" fails its check digit`;
  return null;
}

export function taxCodeWarning(taxCode: string): string | null {
  const s = taxCode.replace(/\s+/g, '').toUpperCase();
  if (/^\d{11}$/.test(s) || /^[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]$/.test(s)) return null;
  if (/^[A-Z0-9]{16}$/.test(s)) return null; // omocodia replaces digits with letters
  return `the tax code "${taxCode}" is neither 16 characters (a person) nor 11 digits (a company)`;
}

// ---- identity ----

/** A VAT number in one canonical form, country prefix included: `0987 654 3210` -> `IT09876543210`. */
export function canonicalVat(raw: string | null | undefined, country = 'IT'): string | null {
  if (!raw) return null;
  const s = raw.replace(/[\s.\-/]/g, '').toUpperCase();
  if (s === '' || !/^[A-Z0-9]+$/.test(s)) return null;
  return /^[A-Z]{2}/.test(s) ? s : `${country.toUpperCase()}${s}`;
}

/** A codice fiscale in one canonical form (upper case, no spaces); null when empty. */
export function canonicalTaxCode(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.replace(/[\s.\-/]/g, '').toUpperCase();
  return s === '' ? null : s;
}

/**
 * The keys a party is known by: its VAT number and tax code. A company's tax code is its 11-digit
 * VAT number, so each also stands for the other.
 */
export function identityKeys(vat: string | null, taxCode: string | null, vatCountry = 'IT'): string[] {
  const keys = new Set<string>();
  const v = canonicalVat(vat, vatCountry);
  if (v) {
    keys.add(`vat:${v}`);
    if (/^IT\d{11}$/.test(v)) keys.add(`cf:${v.slice(2)}`);
  }
  const t = canonicalTaxCode(taxCode);
  if (t) {
    keys.add(`cf:${t}`);
    if (/^\d{11}$/.test(t)) keys.add(`vat:IT${t}`);
  }
  return [...keys];
}

// ---- the postal block ----

export interface AddressParts {
  street: string | null;
  postalCode: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
}

/** The block a letter prints: street; `CAP City (PR)`; the country when not Italy. */
export function postalBlock(p: AddressParts): string | null {
  const lines: string[] = [];
  if (p.street) lines.push(p.street);
  const place = [p.postalCode, p.city].filter(Boolean).join(' ');
  const line2 = p.province ? `${place}${place ? ' ' : ''}(${p.province})` : place;
  if (line2) lines.push(line2);
  if (p.country && p.country !== 'IT') lines.push(p.country);
  return lines.length > 0 ? lines.join('\n') : null;
}
