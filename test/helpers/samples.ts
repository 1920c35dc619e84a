/**
 * The sample exports of the shelf, copied into test/fixtures/samples, and the figures expected.json
 * gives for each (at its as-of date; the second scadenzario also against the first).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Summary } from '../../shared/api/contract.ts';

export const SAMPLES = path.resolve(import.meta.dirname, '..', 'fixtures', 'samples');
/** The first sample export: the aged receivables as of 31 October 2026. */
export const FIRST_SAMPLE = path.join(SAMPLES, 'scadenzario-2026-10-31.xlsx');

/** One sample's entry in expected.json. */
export interface SampleFigures {
  asOf: string;
  customers: number;
  items: number;
  residualCents: number;
  overdueCents: number;
  aging: Summary['aging'];
  /** What importing it after the previous scadenzario changes. */
  afterPrevious?: {
    itemsNew: number;
    itemsClosed: number;
    itemsChanged: number;
    itemsUnchanged: number;
    creditNotesClosed: number;
    paymentsCents: number;
  };
}

/** expected.json: each sample's file name to its figures. */
export const SAMPLE_FIGURES = JSON.parse(
  fs.readFileSync(path.join(SAMPLES, 'expected.json'), 'utf8'),
) as Record<string, SampleFigures>;
