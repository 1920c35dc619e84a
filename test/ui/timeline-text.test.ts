// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Formatters } from '../../renderer/src/format.ts';
import { initI18n } from '../../renderer/src/i18n/index.ts';
import { timelineDetail, timelineTitle } from '../../renderer/src/pages/customer/timelineText.ts';
import type { TimelineEntry } from '../../renderer/src/pages/customer/types.ts';

const f = { date: (d: string) => d, number: String } as unknown as Formatters;
const entry = (kind: TimelineEntry['kind'], title: string) => ({ kind, title }) as TimelineEntry;

describe('timeline titles in the user language', () => {
  it('a letter sent by post or PEC reads in Italian and English, not "letter · sent"', async () => {
    const i18n = initI18n('it');
    expect(timelineTitle(entry('contact', 'letter · sent'), i18n.t, f)).toBe('Lettera · inviata');
    expect(timelineTitle(entry('contact', 'pec · generated'), i18n.t, f)).toBe('PEC · prodotta');
    await i18n.changeLanguage('en');
    expect(timelineTitle(entry('contact', 'letter · sent'), i18n.t, f)).toBe('Letter · sent');
    await i18n.changeLanguage('it');
  });

  it('a bank payment names the bank entry in the user language, keeping payer and reference', async () => {
    const i18n = initI18n('it');
    expect(timelineDetail('bank #12 · Verdi & Figli Snc · VERDI-ACCONTO-11', i18n.t)).toBe(
      'movimento bancario n. 12 · Verdi & Figli Snc · VERDI-ACCONTO-11',
    );
    expect(timelineDetail('Sig.ra Costa — (admin)', i18n.t)).toBe('Sig.ra Costa — (admin)');
    await i18n.changeLanguage('en');
    expect(timelineDetail('bank #12', i18n.t)).toBe('bank entry 12');
    await i18n.changeLanguage('it');
  });
});
