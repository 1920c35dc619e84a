/**
 * The demo company: a realistic, deterministic ledger for a first look at the app.
 * ~300 Italian customers (valid VAT check digits), areas and agents, ~1,500 open items spread
 * over every aging bucket, some credit notes and partial payments. Same data on every run for a
 * given "today", so screenshots and tests are stable.
 */

import type { Ledger } from '../../../db/open.ts';
import {
  insertCustomers,
  insertOpenItems,
  isLedgerEmpty,
  type NewCustomer,
  type NewOpenItem,
} from '../../../db/queries/ledger.ts';
import { setSetting } from '../../../db/queries/settings.ts';
import { addDays, type IsoDate } from '../../../shared/domain/dates.ts';
import { italianVatCheckDigit } from '../../../shared/domain/vat.ts';

/** mulberry32: tiny seeded PRNG, enough for demo data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTIVITIES = [
  'Ferramenta',
  'Edilizia',
  'Trasporti',
  'Officina Meccanica',
  'Studio Tecnico',
  'Panificio',
  'Tipografia',
  'Caseificio',
  'Autofficina',
  'Elettrotecnica',
  'Idraulica',
  'Arredamenti',
  'Ceramiche',
  'Tessitura',
  'Vetreria',
  'Azienda Agricola',
  'Cantina',
  'Forniture Industriali',
  'Impianti',
  'Costruzioni',
];
const SURNAMES = [
  'Rossi',
  'Bianchi',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
  'Bruno',
  'Gallo',
  'Conti',
  'De Luca',
  'Mancini',
  'Costa',
  'Giordano',
  'Rizzo',
  'Lombardi',
  'Moretti',
  'Barbieri',
  'Fontana',
  'Santoro',
  'Mariani',
  'Rinaldi',
  'Caruso',
  'Ferrara',
  'Galli',
  'Martini',
  'Leone',
  'Longo',
  'Gentile',
  'Martinelli',
  'Vitale',
  "D'Angelo",
  'Esposito',
  'Romano',
  'Ferri',
  'Pellegrini',
  'Sartori',
  'Testa',
  'Villa',
  'Cattaneo',
  'Negri',
];
const FORMS = ['S.r.l.', 'S.p.A.', 'S.n.c.', '& C. S.a.s.', 'S.r.l.s.'];
const AREAS = ['Nord-Ovest', 'Nord-Est', 'Centro', 'Sud', 'Isole'];
/** Towns of each area (ZIP, town, province) for the demo's postal addresses. */
const TOWNS: Record<string, readonly [string, string, string][]> = {
  'Nord-Ovest': [
    ['20121', 'Milano', 'MI'],
    ['10121', 'Torino', 'TO'],
    ['24121', 'Bergamo', 'BG'],
    ['16121', 'Genova', 'GE'],
  ],
  'Nord-Est': [
    ['35121', 'Padova', 'PD'],
    ['37121', 'Verona', 'VR'],
    ['31100', 'Treviso', 'TV'],
    ['40121', 'Bologna', 'BO'],
  ],
  Centro: [
    ['50122', 'Firenze', 'FI'],
    ['00184', 'Roma', 'RM'],
    ['06121', 'Perugia', 'PG'],
    ['60121', 'Ancona', 'AN'],
  ],
  Sud: [
    ['80133', 'Napoli', 'NA'],
    ['70121', 'Bari', 'BA'],
    ['84121', 'Salerno', 'SA'],
    ['88100', 'Catanzaro', 'CZ'],
  ],
  Isole: [
    ['90133', 'Palermo', 'PA'],
    ['95131', 'Catania', 'CT'],
    ['09124', 'Cagliari', 'CA'],
    ['07100', 'Sassari', 'SS'],
  ],
};
const STREETS = [
  'Via Roma',
  'Via Garibaldi',
  'Corso Italia',
  'Via dell’Industria',
  'Viale Europa',
  'Via Mazzini',
];

/** A postal address in the customer's area, derived from its number (no draw: the demo's figures stay put). */
function demoAddress(n: number, area: string) {
  const towns = TOWNS[area] ?? TOWNS.Centro ?? [];
  const [postalCode, city, province] = towns[n % towns.length] ?? ['00184', 'Roma', 'RM'];
  const street = `${STREETS[n % STREETS.length]} ${((n * 7) % 120) + 1}`;
  return {
    street,
    postalCode,
    city,
    province,
    country: 'IT',
    address: `${street}\n${postalCode} ${city} (${province})`,
  };
}
const AGENTS = [
  'Marco Bassi',
  'Giulia Ferretti',
  'Luca Monti',
  'Sara Pagani',
  'Paolo Riva',
  'Elena Fabbri',
  'Andrea Serra',
  'Chiara Neri',
];
const METHODS = ['RiBa 60 gg', 'Bonifico 30 gg', 'Bonifico 60 gg d.f.f.m.', 'RiBa 90 gg', 'Rimessa diretta'];
const BANDS = ['A', 'B', 'B', 'C', 'C', 'C', 'D', 'E'] as const;

export interface DemoResult {
  customers: number;
  items: number;
}

/** Fills an empty ledger; returns null (and writes nothing) when the ledger already has data. */
export async function fillDemoCompany(db: Ledger, today: IsoDate): Promise<DemoResult | null> {
  if (!isLedgerEmpty(db)) return null;
  const rand = prng(20261123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

  const names = new Set<string>();
  const customerRows: NewCustomer[] = [];
  while (customerRows.length < 300) {
    const name = `${pick(ACTIVITIES)} ${pick(SURNAMES)} ${pick(FORMS)}`;
    if (names.has(name)) continue;
    names.add(name);
    const n: number = customerRows.length + 1;
    const first10 =
      String(between(100_000, 999_999)).padStart(7, '0') + String(between(1, 100)).padStart(3, '0');
    const vat = first10 + String(italianVatCheckDigit(first10));
    const slug = name
      .toLowerCase()
      .replace(/[^a-z]+/g, '')
      .slice(0, 18);
    const row: NewCustomer = {
      code: `C${String(n).padStart(5, '0')}`,
      name,
      vat,
      email: `amministrazione@${slug}.it`,
      pec: rand() < 0.7 ? `${slug}@pec.it` : null,
      phone: `0${between(10, 99)} ${between(100000, 9999999)}`,
      area: pick(AREAS),
      salesperson: pick(AGENTS),
      paymentMethod: pick(METHODS),
      band: pick(BANDS),
      creditLimitCents: between(5, 200) * 100_000,
      language: rand() < 0.08 ? 'en' : 'it',
    };
    customerRows.push({ ...row, ...demoAddress(n, row.area ?? 'Centro') });
  }
  const ids = insertCustomers(db, customerRows);

  const items: NewOpenItem[] = [];
  // Days past due around today: negative = not yet due. Weighted toward recent items, with a long tail.
  const offsets = [-60, -30, -10, 5, 20, 45, 75, 120, 200, 400];
  let docNo = 1;
  for (const [idx, customerId] of ids.entries()) {
    const count = idx % 7 === 0 ? between(8, 14) : between(2, 6);
    for (let k = 0; k < count; k++) {
      const lateness = pick(offsets) + between(-9, 9);
      const dueDate = addDays(today, -lateness);
      const documentDate = addDays(dueDate, -pick([30, 60, 90]));
      const creditNote = rand() < 0.05;
      const amount = between(150, 25_000) * 100 + between(0, 99);
      const partial = !creditNote && rand() < 0.12;
      const residual = partial ? Math.round((amount * between(20, 80)) / 100) : amount;
      const year = documentDate.slice(0, 4);
      items.push({
        customerId,
        documentType: creditNote ? 'credit_note' : 'invoice',
        documentNumber: `${creditNote ? 'NC' : 'FT'} ${docNo++}/${year}`,
        documentDate,
        dueDate,
        installment: null,
        amountCents: creditNote ? -Math.round(amount / 5) : amount,
        residualCents: creditNote ? -Math.round(amount / 5) : residual,
        paymentMethod: customerRows[idx]?.paymentMethod ?? null,
        status: 'open',
      });
    }
  }
  await insertOpenItems(db, items);
  // The demo's own ledger: `web --demo` opens it signed in (services/auth/identity.ts).
  await setSetting(db, 'demo.ledger', true);
  return { customers: ids.length, items: items.length };
}
