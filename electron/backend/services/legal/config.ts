/**
 * The legal defaults in force: further costs per phase, recovery probabilities per phase and
 * rating class, prescription term and warning — the shipped ones (shared/domain/legal.ts) with
 * the manager's patch over them, kept in the settings table under `legal.config`.
 */
import { ZodError } from 'zod';
import type { Ledger } from '../../../../db/open.ts';
import { deleteSetting, getSetting, setSetting } from '../../../../db/queries/settings.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import {
  type LegalConfig,
  type LegalConfigPatch,
  legalConfigPatchSchema,
  mergeLegalConfig,
} from '../../../../shared/domain/legal.ts';

export const LEGAL_CONFIG_KEY = 'legal.config';

export async function legalPatch(db: Ledger): Promise<LegalConfigPatch | null> {
  const parsed = legalConfigPatchSchema
    .nullable()
    .safeParse(await getSetting<unknown>(db, LEGAL_CONFIG_KEY, null));
  return parsed.success ? parsed.data : null;
}

/** The defaults in force. A stored patch that no longer validates is ignored, never half-applied. */
export async function loadLegalConfig(db: Ledger): Promise<LegalConfig> {
  try {
    return mergeLegalConfig(await legalPatch(db));
  } catch (err) {
    if (err instanceof ZodError) return mergeLegalConfig(null);
    throw err;
  }
}

export async function saveLegalPatch(db: Ledger, patch: LegalConfigPatch | null): Promise<LegalConfig> {
  if (patch === null) {
    await deleteSetting(db, LEGAL_CONFIG_KEY);
    return mergeLegalConfig(null);
  }
  let config: LegalConfig;
  try {
    config = mergeLegalConfig(patch);
  } catch (err) {
    if (!(err instanceof ZodError)) throw err;
    const issues = err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new AppError(
      'VALIDATION',
      `Invalid legal defaults: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  await setSetting(db, LEGAL_CONFIG_KEY, patch);
  return config;
}
