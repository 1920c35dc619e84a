/**
 * Policy assignment (issue 16 point 6): a manager's per-customer policy override picks the policy
 * before the band; a "no reminders" policy (no steps) closes an open case and never opens one; a
 * step's dunning fee is charged to the case when its reminder is sent and every claim carries it —
 * `interest`, the formal notice and the legal dossier.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUser } from '../../db/queries/users.ts';
import { runDay } from '../../electron/backend/services/daily/run.ts';
import type { Profile } from '../../shared/api/contracts/customers.ts';
import { DEFAULT_POLICIES, type Policy } from '../../shared/domain/dunning/policy.ts';
import { callData, type TestBackend, testBackend } from '../helpers/backend.ts';
import { addClienteUnoFt1, setLetterhead } from '../helpers/letters.ts';

let b: TestBackend;
let clerkId: number;
beforeEach(async () => {
  b = await testBackend('2026-06-15');
  await setLetterhead(b.ctx.db);
  clerkId = (await insertUser(b.ctx.db, 'Giulia', 'clerk', ['Nord'])).id;
  addClienteUnoFt1(b.ctx.db, { band: 'B' });
});
afterEach(() => b.close());

function ok<T>(method: string, input: unknown, userId?: number): Promise<T> {
  return callData<T>(b, method, input, userId);
}

const sql = <T>(q: string, ...args: unknown[]) => b.ctx.db.$client.prepare(q).all(...args) as T[];

const PHONE_ONLY: Policy = {
  name: 'Solo telefono',
  bands: [],
  minOverdueCents: 0,
  minGapDays: 7,
  steps: [{ name: 'Telefonata del responsabile', offsetDays: 0, channel: 'phone' }],
};
const NO_REMINDERS: Policy = {
  name: 'Nessun sollecito',
  bands: [],
  minOverdueCents: 0,
  minGapDays: 7,
  steps: [],
};
const REGISTERED: Policy = {
  name: 'Raccomandata',
  bands: [],
  minOverdueCents: 0,
  minGapDays: 7,
  steps: [
    {
      name: 'Sollecito per raccomandata',
      offsetDays: 7,
      channel: 'letter',
      template: 'reminder1',
      feeCents: 650,
    },
  ],
};

const savePolicies = (...extra: Policy[]) =>
  ok('policies.save', { policies: [...DEFAULT_POLICIES.policies, ...extra] });

describe('policy assignment', () => {
  it('a manager override (with reason, audited) picks the policy before the band; a vanished one falls back', async () => {
    await savePolicies(PHONE_ONLY);
    const clerk = await b.call(
      'customers.update',
      { code: 'K1', policyOverride: 'Solo telefono', policyOverrideReason: 'chiede solo telefonate' },
      clerkId,
    );
    expect(!clerk.ok && clerk.error.code).toBe('FORBIDDEN');
    const noReason = await b.call('customers.update', { code: 'K1', policyOverride: 'Solo telefono' });
    expect(!noReason.ok && noReason.error.details?.issues?.[0]?.path).toBe('policyOverrideReason');
    const unknown = await b.call('customers.update', {
      code: 'K1',
      policyOverride: 'Inesistente',
      policyOverrideReason: 'prova',
    });
    expect(!unknown.ok && unknown.error.details?.issues?.[0]?.path).toBe('policyOverride');

    await ok('customers.update', {
      code: 'K1',
      policyOverride: 'Solo telefono',
      policyOverrideReason: 'chiede solo telefonate',
    });
    const audit = sql<{ before: string; after: string }>(
      "SELECT before, after FROM audit_log WHERE action = 'customers.update' ORDER BY id DESC LIMIT 1",
    )[0];
    expect(JSON.parse(audit?.before ?? '{}')).toEqual({ policyOverride: null, policyOverrideReason: null });
    expect(JSON.parse(audit?.after ?? '{}')).toEqual({
      policyOverride: 'Solo telefono',
      policyOverrideReason: 'chiede solo telefonate',
    });
    let p = await ok<Profile>('customers.get', { code: 'K1' });
    expect(p.customer).toMatchObject({
      policyOverride: 'Solo telefono',
      policyOverrideReason: 'chiede solo telefonate',
      policy: 'Solo telefono',
      policyOverrideMissing: false,
    });

    await runDay(b.ctx.db, '2026-06-15');
    expect(sql('SELECT policy_name AS policy FROM cases')).toEqual([{ policy: 'Solo telefono' }]);
    expect(sql("SELECT type FROM tasks WHERE status = 'open'")).toEqual([{ type: 'phone' }]);

    // The policy leaves the set: the band's policy applies, and the profile says so.
    await savePolicies();
    p = await ok<Profile>('customers.get', { code: 'K1' });
    expect(p.customer).toMatchObject({ policy: 'Standard', policyOverrideMissing: true });

    await ok('customers.update', { code: 'K1', policyOverride: null });
    p = await ok<Profile>('customers.get', { code: 'K1' });
    expect(p.customer).toMatchObject({
      policyOverride: null,
      policyOverrideReason: null,
      policy: 'Standard',
    });
  });

  it('"no reminders" closes the open case with its tasks and never opens one', async () => {
    await runDay(b.ctx.db, '2026-06-15');
    expect(sql("SELECT status FROM cases WHERE status <> 'closed'")).toHaveLength(1);
    expect(sql("SELECT id FROM tasks WHERE status = 'open'").length).toBeGreaterThan(0);

    await savePolicies(NO_REMINDERS);
    const policies = await ok<{ policies: Policy[] }>('policies.get', {});
    expect(policies.policies.find((x) => x.name === 'Nessun sollecito')?.steps).toEqual([]);
    await ok('customers.update', {
      code: 'K1',
      policyOverride: 'Nessun sollecito',
      policyOverrideReason: 'accordo commerciale',
    });
    await runDay(b.ctx.db, '2026-06-16');
    expect(sql('SELECT status, outcome, closed_on AS closedOn FROM cases')).toEqual([
      { status: 'closed', outcome: 'no_reminders', closedOn: '2026-06-16' },
    ]);
    expect(sql("SELECT id FROM tasks WHERE status IN ('open', 'on_hold')")).toEqual([]);
    expect(sql('SELECT DISTINCT status FROM tasks')).toEqual([{ status: 'cancelled' }]);

    await runDay(b.ctx.db, '2026-07-30');
    expect(sql('SELECT id FROM cases')).toHaveLength(1);
    expect(sql("SELECT id FROM tasks WHERE status = 'open'")).toEqual([]);
  });

  it('a step fee is charged when its reminder is sent and every claim carries it', async () => {
    await savePolicies(REGISTERED);
    await ok('customers.update', {
      code: 'K1',
      policyOverride: 'Raccomandata',
      policyOverrideReason: 'solo raccomandate',
    });
    const before = await ok<{ claim: { feesCents: number; totalCents: number } }>('interest.get', {
      customerCode: 'K1',
    });
    expect(before.claim.feesCents).toBe(0);

    await runDay(b.ctx.db, '2026-06-15');
    const task = sql<{ id: number; type: string }>("SELECT id, type FROM tasks WHERE status = 'open'")[0];
    expect(task?.type).toBe('letter');
    await ok('tasks.complete', { id: task?.id, outcome: 'sent' });
    expect(sql('SELECT step_name AS step, fee_cents AS fee, charged_on AS on_ FROM case_fees')).toEqual([
      { step: 'Sollecito per raccomandata', fee: 650, on_: '2026-06-15' },
    ]);

    const interest = await ok<{ claim: { feesCents: number; totalCents: number } }>('interest.get', {
      customerCode: 'K1',
    });
    expect(interest.claim.feesCents).toBe(650);
    expect(interest.claim.totalCents).toBe(before.claim.totalCents + 650);

    const notice = await ok<{
      pdfBase64: string;
      amounts: {
        feesCents: number;
        toPayCents: number;
        netCents: number;
        interestCents: number;
        compensationCents: number;
      };
    }>('letters.preview', { customerCode: 'K1', template: 'formal_notice' });
    expect(notice.amounts.feesCents).toBe(650);
    expect(notice.amounts.toPayCents).toBe(interest.claim.totalCents);
    const file = path.join(b.dir, 'notice.pdf');
    fs.writeFileSync(file, Buffer.from(notice.pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Spese di sollecito\s+6,50/);

    await ok('legal.open', { code: 'K1', to: 'lawyer', name: 'Avv. Neri' });
    const dossier = await ok<{ evaluation: { feesCents: number; claimCents: number } }>('legal.get', {
      code: 'K1',
    });
    expect(dossier.evaluation.feesCents).toBe(650);
    expect(dossier.evaluation.claimCents).toBe(interest.claim.totalCents);
  });
});
