/**
 * Gathers from the ledger what `composeLetter` needs — letterhead, rates, policy options,
 * templates, each customer's open items — loading the shared parts once for a whole batch.
 */

import type { Ledger } from '../../../../db/open.ts';
import { openCaseFees } from '../../../../db/queries/dunning.ts';
import {
  type CustomerRecord,
  customerByCode,
  letterItems,
  openCasePolicies,
} from '../../../../db/queries/letters.ts';
import { latestRatingOf } from '../../../../db/queries/rating.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { type Notice, notice } from '../../../../shared/api/notices.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { parseItemIds, reminderItems } from '../../../../shared/domain/dunning/items.ts';
import {
  type Band,
  type Policy,
  policyClaims,
  policyForCustomer,
} from '../../../../shared/domain/dunning/policy.ts';
import { MissingRatesError } from '../../../../shared/domain/interest.ts';
import { composeLetter } from '../../../../shared/domain/letters/compose.ts';
import type { LetterLanguage } from '../../../../shared/domain/letters/format.ts';
import {
  type LetterChannel,
  type Letterhead,
  type LetterItemInput,
  type LetterModel,
  TEMPLATE_NAMES,
  type TemplateName,
  type TemplateText,
} from '../../../../shared/domain/letters/model.ts';
import { TEMPLATE_TRAITS } from '../../../../shared/domain/letters/shipped.ts';
import { effectiveBand } from '../../../../shared/domain/rating.ts';
import { mapInOrder } from '../../../../shared/in-order.ts';
import { loadPolicies } from '../dunning/policies.ts';
import { letterhead, letterheadImage, readSetting } from '../settings/store.ts';
import { loadRates } from './rates.ts';
import { templateCache } from './templates.ts';

/** The letterhead's images, sent once per batch to the renderer (not once per letter). */
export interface LetterImages {
  logo: string | null;
  signature: string | null;
}

export interface LetterContext {
  today: IsoDate;
  company: Letterhead;
  images: LetterImages;
  rates: Awaited<ReturnType<typeof loadRates>>;
  policies: Policy[];
  termDays: number;
  template: (name: TemplateName, language: LetterLanguage) => Promise<TemplateText>;
}

export async function letterContext(db: Ledger, dataDir: string, today: IsoDate): Promise<LetterContext> {
  return {
    today,
    company: await letterhead(db),
    images: {
      logo: await letterheadImage(db, dataDir, 'logo'),
      signature: await letterheadImage(db, dataDir, 'signature'),
    },
    rates: await loadRates(db),
    policies: await loadPolicies(db),
    termDays: Number(await readSetting(db, 'letters.termDays')),
    template: templateCache(db),
  };
}

export interface LetterRequest {
  customer: CustomerRecord;
  template: TemplateName;
  channel: LetterChannel;
  /** Unsaved template texts (the editor's live preview). */
  text?: TemplateText | undefined;
  language?: LetterLanguage | undefined;
  /** The task's new invoices (JSON array, tasks.item_ids) when it is their own first reminder. */
  itemIds?: string | null | undefined;
}

/**
 * The items a dunning letter shows: its overdue invoices are those the reminder is about
 * (shared/domain/dunning/items.ts: above the policy's per-item minimum, at the letter's level, or
 * the new invoices of their own first reminder, which shows nothing else); the statement shows all.
 */
function itemsFor(
  rows: Awaited<ReturnType<typeof letterItems>>,
  req: LetterRequest,
  policy: Policy | null,
  today: IsoDate,
): Awaited<ReturnType<typeof letterItems>> {
  const level = TEMPLATE_TRAITS[req.template].level;
  if (level === null) return rows;
  const ids = parseItemIds(req.itemIds ?? null);
  const listed = new Set(
    reminderItems(
      rows.map((r) => ({ ...r, disputed: Boolean(r.disputed) })),
      { today, level, minItemCents: policy?.minItemCents ?? 0, itemIds: ids },
    ).map((r) => r.id),
  );
  // Disputed overdue items stay for the letter to leave out and mention (compose.ts).
  return rows.filter(
    (r) => listed.has(r.id) || (!ids && (r.residualCents <= 0 || r.dueDate >= today || Boolean(r.disputed))),
  );
}

function toItems(rows: Awaited<ReturnType<typeof letterItems>>): LetterItemInput[] {
  return rows.map((r) => ({
    documentType: r.documentType,
    documentNumber: r.documentNumber,
    documentDate: r.documentDate,
    dueDate: r.dueDate,
    installment: r.installment,
    amountCents: r.amountCents,
    residualCents: r.residualCents,
    disputed: Boolean(r.disputed),
    reminders: r.reminders,
  }));
}

export type Composed = { model: LetterModel; error?: undefined } | { model?: undefined; error: AppError };

/**
 * Composes the letters of several customers, reading their items in one query. A letter that
 * cannot be composed (a half-year rate missing) comes back as its error: the others go on.
 */
export async function composeMany(
  db: Ledger,
  ctx: LetterContext,
  requests: readonly LetterRequest[],
): Promise<Composed[]> {
  const ids = [...new Set(requests.map((r) => r.customer.id))];
  const items = new Map<number, Awaited<ReturnType<typeof letterItems>>>();
  for (const row of await letterItems(db, ids)) {
    const list = items.get(row.customerId) ?? [];
    list.push(row);
    items.set(row.customerId, list);
  }
  const casePolicy = await openCasePolicies(db, ids);
  const fees = await openCaseFees(db, ids);
  return await mapInOrder(requests, async (req): Promise<Composed> => {
    const c = req.customer;
    const policyName = casePolicy.get(c.id);
    const policy =
      ctx.policies.find((p) => p.name === policyName) ??
      policyForCustomer(
        ctx.policies,
        effectiveBand(c.band as Band | null, (await latestRatingOf(db, c.id))?.class),
        c.policyOverride,
      ).policy;
    const language = req.language ?? c.language;
    const shown = await itemsFor(items.get(c.id) ?? [], req, policy, ctx.today);
    // The first reminder of new invoices none of which is still chased (paid, disputed, removed by
    // an import's undo): a letter listing no invoice is never composed; the next run cancels the task.
    if (shown.length === 0 && req.itemIds && TEMPLATE_TRAITS[req.template].level !== null) {
      return {
        error: new AppError(
          'CONFLICT',
          `${c.code}: none of the invoices this reminder is about is still overdue (paid, disputed or removed by an import's undo): nothing to remind.`,
        ),
      };
    }
    try {
      const model = composeLetter({
        template: req.template,
        text: req.text ?? (await ctx.template(req.template, language)),
        language,
        channel: req.channel,
        date: ctx.today,
        company: ctx.company,
        customer: {
          code: c.code,
          name: c.name,
          address: c.address,
          vat: c.vat,
          taxCode: c.taxCode,
          email: c.dunningContactEmail ?? c.email,
          pec: c.pec,
          contactName: c.dunningContactName,
        },
        items: toItems(shown),
        options: { ...policyClaims(policy), termDays: ctx.termDays },
        rates: ctx.rates,
        feesCents: fees.get(c.id) ?? 0,
      });
      return { model };
    } catch (err) {
      if (err instanceof MissingRatesError) {
        return { error: new AppError('CONFLICT', `${c.code}: ${err.message}`, { missing: err.halfYears }) };
      }
      throw err;
    }
  });
}

/** One letter, or its error thrown. */
export async function composeOne(
  db: Ledger,
  ctx: LetterContext,
  request: LetterRequest,
): Promise<LetterModel> {
  const [r] = await composeMany(db, ctx, [request]);
  if (!r) throw new Error('composeOne: nothing composed');
  if (r.error) throw r.error;
  return r.model;
}

export const isTemplateName = (t: string | null): t is TemplateName =>
  t !== null && (TEMPLATE_NAMES as readonly string[]).includes(t);

export async function customerOrThrow(db: Ledger, code: string): Promise<CustomerRecord> {
  const c = await customerByCode(db, code);
  if (!c) throw new AppError('NOT_FOUND', `No customer with code "${code}".`);
  return c;
}

/** Problems a manager must fix in Settings before letters go out, with codes for the UI. */
export function letterheadNotices(company: Letterhead): Notice[] {
  const notices: Notice[] = [];
  if (!company.iban)
    notices.push(notice('letterhead.noIban', 'company.iban is not set: letters carry no payment QR code'));
  if (!company.address) notices.push(notice('letterhead.noAddress', 'company.address is not set'));
  if (!company.vat) notices.push(notice('letterhead.noVat', 'company.vat is not set'));
  return notices;
}

/** The same problems as plain English lines (CLI). */
export function letterheadIssues(company: Letterhead): string[] {
  return letterheadNotices(company).map((n) => n.message);
}

/** A composed letter's template problems and the letterhead's, with codes for the UI. */
export function letterNotices(model: LetterModel): Notice[] {
  return [
    ...model.issues.map((i) =>
      notice(`template.${i.code}`, i.message, { part: i.part ?? '', field: i.field ?? '' }),
    ),
    ...letterheadNotices(model.company),
  ];
}
