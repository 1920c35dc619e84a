/**
 * One FatturaPA XML (spec 1.2.x, FPA12 or FPR12, one or many FatturaElettronicaBody) -> the
 * parties and the documents a credit office needs, validated with zod; or the reason it is not
 * one. XML declaring a DOCTYPE or entities is refused before parsing (FatturaPA never does; such
 * files attack XML readers). Children are unqualified in FatturaPA (the XSD has no
 * elementFormDefault), so namespace prefixes are ignored. fast-xml-parser does the parsing.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { isIsoDate } from '../../../../../shared/domain/dates.ts';
import type { EInvoiceDocument, EInvoicePayment } from '../../../../../shared/domain/fatturapa.ts';
import { xmlAmountToCents } from '../../../../../shared/domain/fatturapa.ts';
import { canonicalTaxCode, canonicalVat, countryCode } from '../../../../../shared/domain/master-data.ts';

/** What Incasso reads, said whenever a file is not one of them. */
export const FORMATS_READ =
  'Incasso reads FatturaPA e-invoices (versions FPA12 and FPR12, spec 1.2.x) as .xml, signed .xml.p7m or ZIP archives of them; aged-receivables exports and customer master data as Excel (.xlsx, .xls), OpenDocument (.ods) or CSV';

export interface ReadIssue {
  /** The element (`FatturaElettronicaBody[2]/DatiPagamento[1]/DettaglioPagamento[1]/ImportoPagamento`). */
  column?: string;
  value?: string;
  message: string;
}

export interface EInvoiceParty {
  /** Canonical VAT number with its country (`IT01234567890`), or null. */
  vat: string | null;
  taxCode: string | null;
  name: string;
}

export interface EInvoiceBuyer extends EInvoiceParty {
  street: string | null;
  postalCode: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  /** CodiceDestinatario, unless it is the "no code" 0000000 (or XXXXXXX for foreign buyers). */
  sdiCode: string | null;
  pec: string | null;
}

export interface ParsedEInvoice {
  version: 'FPA12' | 'FPR12';
  seller: EInvoiceParty;
  buyer: EInvoiceBuyer;
  documents: (EInvoiceDocument & { body: number; currency: string })[];
}

export type XmlOutcome = { ok: true; invoice: ParsedEInvoice } | { ok: false; issues: ReadIssue[] };

const ARRAYS = new Set([
  'FatturaElettronicaBody',
  'DatiPagamento',
  'DettaglioPagamento',
  'DatiRiepilogo',
  'DettaglioLinee',
  'Causale',
]);

const MAX_DEPTH = 64;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` and `&#NN;` / `&#xNN;`: all a document without a DOCTYPE may use. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // The five XML entities and character references are decoded below (a DOCTYPE never gets this
  // far): the parser's own entity handling costs as much as the rest of the parse.
  processEntities: false,
  htmlEntities: false,
  tagValueProcessor: (_name, value) => decodeEntities(value),
  attributeValueProcessor: (_name, value) => decodeEntities(value),
  isArray: (name) => ARRAYS.has(name),
  // FatturaPA nests about ten levels deep; a file nesting hundreds is not an invoice.
  maxNestedTags: MAX_DEPTH,
});

/** The text of the bytes: UTF-8 or UTF-16 by BOM, ISO-8859-1 / windows-1252 when the prolog says so. */
export function decodeXml(data: Buffer): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return data.subarray(3).toString('utf8');
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  const prolog = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(
    data.subarray(0, 200).toString('latin1'),
  );
  const enc = prolog?.[1]?.toLowerCase() ?? 'utf-8';
  if (/^(iso-?8859-1|latin-?1|windows-1252|cp1252|iso-?8859-15)$/.test(enc)) {
    return new TextDecoder('windows-1252').decode(data);
  }
  return data.toString('utf8');
}

const text = z.string().trim().min(1);
const optText = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s === undefined || s === '' ? null : s));
const date = z.string().trim().refine(isIsoDate, 'not a date (YYYY-MM-DD)');
const optDate = z
  .string()
  .trim()
  .refine(isIsoDate, 'not a date (YYYY-MM-DD)')
  .optional()
  .transform((s) => s ?? null);
const amount = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const c = xmlAmountToCents(s);
    if (c === null) {
      ctx.addIssue({ code: 'custom', message: 'not an amount (digits, a dot and the decimals: 1220.00)' });
      return z.NEVER;
    }
    return c;
  });

const idFiscale = z.object({ IdPaese: text, IdCodice: text }).optional();
const anagrafica = z
  .object({ Denominazione: optText, Nome: optText, Cognome: optText })
  .refine((a) => a.Denominazione !== null || (a.Nome !== null && a.Cognome !== null), {
    message: 'neither Denominazione nor Nome and Cognome',
  });
const datiAnagrafici = z.object({
  IdFiscaleIVA: idFiscale,
  CodiceFiscale: optText,
  Anagrafica: anagrafica,
});
const sede = z
  .object({
    Indirizzo: optText,
    NumeroCivico: optText,
    CAP: optText,
    Comune: optText,
    Provincia: optText,
    Nazione: optText,
  })
  .optional();

const dettaglioPagamento = z.object({
  ModalitaPagamento: optText,
  DataRiferimentoTerminiPagamento: optDate,
  GiorniTerminiPagamento: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'not a number of days (0–999)')
    .optional()
    .transform((s) => (s === undefined ? null : Number(s))),
  DataScadenzaPagamento: optDate,
  ImportoPagamento: amount,
});

const body = z.object({
  DatiGenerali: z.object({
    DatiGeneraliDocumento: z.object({
      TipoDocumento: z
        .string()
        .trim()
        .regex(/^TD\d{2}$/, 'not a document type (TD01…)'),
      Divisa: z
        .string()
        .trim()
        .regex(/^[A-Z]{3}$/, 'not a currency code'),
      Data: date,
      Numero: z.string().trim().min(1).max(20),
      ImportoTotaleDocumento: amount.optional(),
    }),
  }),
  DatiBeniServizi: z
    .object({
      DatiRiepilogo: z.array(z.object({ ImponibileImporto: amount, Imposta: amount })).optional(),
    })
    .optional(),
  DatiPagamento: z
    .array(z.object({ CondizioniPagamento: optText, DettaglioPagamento: z.array(dettaglioPagamento).min(1) }))
    .optional(),
});

const fattura = z.object({
  '@versione': z.enum(['FPA12', 'FPR12']),
  FatturaElettronicaHeader: z.object({
    DatiTrasmissione: z.object({ CodiceDestinatario: optText, PECDestinatario: optText }).optional(),
    CedentePrestatore: z.object({ DatiAnagrafici: datiAnagrafici }),
    CessionarioCommittente: z.object({ DatiAnagrafici: datiAnagrafici, Sede: sede }),
  }),
  FatturaElettronicaBody: z.array(body).min(1),
});

function pathOf(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (const p of path) {
    if (typeof p === 'number') parts[parts.length - 1] += `[${p + 1}]`;
    else parts.push(String(p));
  }
  return parts.join('/');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): string | undefined {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return typeof v === 'string' ? v : undefined;
}

function partyName(a: z.infer<typeof anagrafica>): string {
  return a.Denominazione ?? `${a.Nome} ${a.Cognome}`;
}

function party(d: z.infer<typeof datiAnagrafici>): EInvoiceParty {
  return {
    vat: d.IdFiscaleIVA ? canonicalVat(d.IdFiscaleIVA.IdCodice, d.IdFiscaleIVA.IdPaese) : null,
    taxCode: canonicalTaxCode(d.CodiceFiscale),
    name: partyName(d.Anagrafica),
  };
}

/** Refusal of XML that declares a document type or entities (billion laughs, external entities). */
export function hostileXml(xml: string): string | null {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    return 'refused: the XML declares a DOCTYPE or entities, which FatturaPA never does (such files are used to attack XML readers)';
  }
  return null;
}

/** The validator's line and column for a file the parser could not make sense of; null when well-formed. */
function malformed(xml: string): XmlOutcome | null {
  const valid = XMLValidator.validate(xml);
  if (valid === true) return null;
  return {
    ok: false,
    issues: [
      {
        message: `not well-formed XML (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}). ${FORMATS_READ}.`,
      },
    ],
  };
}

const refusal = (message: string): XmlOutcome => ({ ok: false, issues: [{ message }] });

export function parseFatturaPA(data: Buffer): XmlOutcome {
  const xml = decodeXml(data);
  const hostile = hostileXml(xml);
  if (hostile) return refusal(hostile);
  // The (lenient) parser first; the validator, twice as slow as needed for a good file, only
  // explains a file that does not come out as an invoice.
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (err) {
    if (/nested/i.test((err as Error).message)) {
      return refusal(
        `refused: the XML nests elements more than ${MAX_DEPTH} levels deep, which no FatturaPA does`,
      );
    }
    return malformed(xml) ?? refusal(`not readable XML (${(err as Error).message}). ${FORMATS_READ}.`);
  }
  const rootName = Object.keys(doc).find((k) => !k.startsWith('?'));
  const root = rootName === undefined ? undefined : doc[rootName];
  if (rootName !== 'FatturaElettronica' || root === null || typeof root !== 'object') {
    const what =
      rootName === 'FatturaElettronicaSemplificata'
        ? 'a simplified e-invoice (FSM10), which is not read'
        : `not a FatturaPA e-invoice (its root element is <${rootName ?? '?'}>)`;
    return malformed(xml) ?? refusal(`${what}. ${FORMATS_READ}.`);
  }
  const version = (root as Record<string, unknown>)['@versione'];
  if (version !== 'FPA12' && version !== 'FPR12') {
    return (
      malformed(xml) ?? {
        ok: false,
        issues: [
          {
            column: 'FatturaElettronica/@versione',
            value: typeof version === 'string' ? version : '',
            message: `FatturaPA version "${String(version ?? '')}" is not read. ${FORMATS_READ}.`,
          },
        ],
      }
    );
  }
  const parsed = fattura.safeParse(root);
  if (!parsed.success) {
    return (
      malformed(xml) ?? {
        ok: false,
        issues: parsed.error.issues.map((i) => {
          const value = valueAt(root, i.path);
          return {
            column: pathOf(i.path),
            ...(value !== undefined ? { value } : {}),
            message: i.code === 'invalid_type' && value === undefined ? 'missing' : i.message,
          };
        }),
      }
    );
  }
  const f = parsed.data;
  const h = f.FatturaElettronicaHeader;
  const buyerData = h.CessionarioCommittente.DatiAnagrafici;
  const s = h.CessionarioCommittente.Sede;
  const country = s?.Nazione ? countryCode(s.Nazione) : null;
  const sdi = h.DatiTrasmissione?.CodiceDestinatario ?? null;
  const buyer: EInvoiceBuyer = {
    ...party(buyerData),
    street: s?.Indirizzo ? [s.Indirizzo, s.NumeroCivico].filter(Boolean).join(', ') : null,
    postalCode: s?.CAP ?? null,
    city: s?.Comune ?? null,
    province: s?.Provincia?.toUpperCase() ?? null,
    country,
    sdiCode: sdi && !/^[0X]+$/.test(sdi) ? sdi.toUpperCase() : null,
    pec: h.DatiTrasmissione?.PECDestinatario ?? null,
  };
  const documents = f.FatturaElettronicaBody.map((b, i) => {
    const g = b.DatiGenerali.DatiGeneraliDocumento;
    const riepilogo = b.DatiBeniServizi?.DatiRiepilogo ?? [];
    const fromSummary =
      riepilogo.length > 0 ? riepilogo.reduce((t, r) => t + r.ImponibileImporto + r.Imposta, 0) : null;
    const payments: EInvoicePayment[] = (b.DatiPagamento ?? []).flatMap((dp) =>
      dp.DettaglioPagamento.map((p) => ({
        amountCents: p.ImportoPagamento,
        method: p.ModalitaPagamento,
        dueDate: p.DataScadenzaPagamento,
        termsFrom: p.DataRiferimentoTerminiPagamento,
        termsDays: p.GiorniTerminiPagamento,
      })),
    );
    return {
      body: i + 1,
      currency: g.Divisa,
      tipoDocumento: g.TipoDocumento,
      number: g.Numero,
      date: g.Data,
      totalCents: g.ImportoTotaleDocumento ?? fromSummary,
      payments,
    };
  });
  return {
    ok: true,
    invoice: { version: f['@versione'], seller: party(h.CedentePrestatore.DatiAnagrafici), buyer, documents },
  };
}
