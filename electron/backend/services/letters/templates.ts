/**
 * Templates: the shipped texts (shared/domain/letters/shipped.ts) unless a manager saved an edit
 * of that template and language in the ledger; "reset" deletes the edit.
 */
import type { Ledger } from '../../../../db/open.ts';
import {
  deleteTemplateRow,
  getTemplateRow,
  listTemplateRows,
  upsertTemplateRow,
} from '../../../../db/queries/letters.ts';
import { templateTextSchema } from '../../../../shared/api/contracts/letters.ts';
import type { LetterLanguage } from '../../../../shared/domain/letters/format.ts';
import {
  LANGUAGES,
  TEMPLATE_NAMES,
  type TemplateName,
  type TemplateText,
} from '../../../../shared/domain/letters/model.ts';
import { SHIPPED_TEMPLATES, TEMPLATE_TITLES } from '../../../../shared/domain/letters/shipped.ts';

export interface TemplateView {
  name: TemplateName;
  language: LetterLanguage;
  title: string;
  edited: boolean;
  text: TemplateText;
  shipped: TemplateText;
}

function parseStored(json: string, fallback: TemplateText): TemplateText {
  const parsed = templateTextSchema.safeParse(JSON.parse(json));
  // A damaged row must not stop the letters: the shipped text stands in.
  return parsed.success ? parsed.data : fallback;
}

export async function templateText(
  db: Ledger,
  name: TemplateName,
  language: LetterLanguage,
): Promise<TemplateText> {
  const shipped = SHIPPED_TEMPLATES[language][name];
  const row = await getTemplateRow(db, name, language);
  return row ? parseStored(row.texts, shipped) : shipped;
}

/** A memo of templateText for a batch (hundreds of letters, a handful of templates). */
export function templateCache(
  db: Ledger,
): (name: TemplateName, language: LetterLanguage) => Promise<TemplateText> {
  const memo = new Map<string, TemplateText>();
  return async (name, language) => {
    const key = `${name}/${language}`;
    let t = memo.get(key);
    if (!t) {
      t = await templateText(db, name, language);
      memo.set(key, t);
    }
    return t;
  };
}

function view(name: TemplateName, language: LetterLanguage, stored: string | null): TemplateView {
  const shipped = SHIPPED_TEMPLATES[language][name];
  return {
    name,
    language,
    title: TEMPLATE_TITLES[name][language],
    edited: stored !== null,
    text: stored === null ? shipped : parseStored(stored, shipped),
    shipped,
  };
}

export async function listTemplates(db: Ledger): Promise<TemplateView[]> {
  const stored = new Map((await listTemplateRows(db)).map((r) => [`${r.name}/${r.language}`, r.texts]));
  return TEMPLATE_NAMES.flatMap((name) =>
    LANGUAGES.map((language) => view(name, language, stored.get(`${name}/${language}`) ?? null)),
  );
}

export async function saveTemplate(
  db: Ledger,
  name: TemplateName,
  language: LetterLanguage,
  text: TemplateText,
  userId: number,
  now: string,
): Promise<TemplateView> {
  const texts = JSON.stringify(text);
  await upsertTemplateRow(db, { name, language, texts, updatedAt: now, updatedBy: userId });
  return view(name, language, texts);
}

export async function resetTemplate(
  db: Ledger,
  name: TemplateName,
  language: LetterLanguage,
): Promise<TemplateView> {
  await deleteTemplateRow(db, name, language);
  return view(name, language, null);
}
