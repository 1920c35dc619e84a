/** The office's policy set: stored rows <-> the validated JSON form of shared/domain/dunning/policy.ts. */

import type { Ledger } from '../../../../db/open.ts';
import { listPolicyRows, replacePolicyRows } from '../../../../db/queries/dunning.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import {
  DEFAULT_POLICIES,
  type Policy,
  type PolicySet,
  policySetSchema,
} from '../../../../shared/domain/dunning/policy.ts';

export async function loadPolicies(db: Ledger): Promise<Policy[]> {
  const rows = await listPolicyRows(db);
  const set = {
    policies: rows.map((r) => ({
      name: r.name,
      ...(r.isDefault ? { default: true } : {}),
      bands: JSON.parse(r.bands) as unknown,
      minOverdueCents: r.minOverdueCents,
      // Written only when set, so existing policy JSON stays as it was.
      ...(r.minItemCents > 0 ? { minItemCents: r.minItemCents } : {}),
      minGapDays: r.minGapDays,
      steps: JSON.parse(r.steps) as unknown,
      // Letter options: written only when switched off, so existing policy JSON stays as it was.
      ...(r.claimInterest ? {} : { claimInterest: false }),
      ...(r.claimCompensation ? {} : { claimCompensation: false }),
    })),
  };
  if (set.policies.length === 0) return [];
  return policySetSchema.parse(set).policies;
}

export async function savePolicies(db: Ledger, input: unknown, source = 'policies'): Promise<PolicySet> {
  const parsed = policySetSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ column: i.path.join('.'), message: i.message }));
    throw new AppError('VALIDATION', `${source}: invalid policy set (${issues.length} problem(s))`, {
      issues,
    });
  }
  await replacePolicyRows(
    db,
    parsed.data.policies.map((p, position) => ({
      name: p.name,
      isDefault: p.default === true,
      bands: JSON.stringify(p.bands),
      minOverdueCents: p.minOverdueCents,
      minItemCents: p.minItemCents ?? 0,
      minGapDays: p.minGapDays,
      steps: JSON.stringify(p.steps),
      position,
      claimInterest: p.claimInterest ?? true,
      claimCompensation: p.claimCompensation ?? true,
    })),
  );
  return parsed.data;
}

/** A new ledger starts with the shipped policies (Standard, Clienti chiave, Rischio). */
export async function ensureDefaultPolicies(db: Ledger): Promise<void> {
  if ((await listPolicyRows(db)).length === 0) await savePolicies(db, DEFAULT_POLICIES);
}
