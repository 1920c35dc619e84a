/** CLI commands of the internal rating and the legal phase (shapes: ../shared/CLI.md). */
import fs from 'node:fs';
import path from 'node:path';
import type { DossierView } from '../../../shared/api/contracts/legal.ts';
import type { RatingView } from '../../../shared/api/contracts/rating.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { type Command, type CommandContext, command } from './command.ts';

const need = (value: string | undefined, what: string): string => {
  if (!value) throw new AppError('VALIDATION', `Missing ${what}.`);
  return value;
};

const wholeCents = (raw: string | undefined, name: string): number => {
  if (raw === undefined || !/^\d+$/.test(raw))
    throw new AppError('VALIDATION', `--${name} must be a whole number of cents, got "${raw ?? ''}"`);
  return Number(raw);
};

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/** A JSON file of weights or defaults; `null` in it (or `reset`) goes back to the shipped ones. */
function readPatch(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
  } catch (err) {
    throw new AppError('VALIDATION', `${file}: ${(err as Error).message}`);
  }
}

/** The documented shape of `rating CODE --json`, in its order. */
const ratingShape = (r: RatingView) => ({
  customerCode: r.customerCode,
  score: r.score,
  class: r.class,
  confidence: r.confidence,
  factors: r.factors.map((f) => ({ name: f.name, value: f.value, points: f.points })),
  computedOn: r.computedOn,
});

const ratingHuman = (r: ReturnType<typeof ratingShape>): string =>
  [
    `${r.customerCode}: ${r.score}/100, class ${r.class} (confidence ${r.confidence}), computed on ${r.computedOn}`,
    ...r.factors.map(
      (f) =>
        `  ${f.name.padEnd(15)} ${String(f.value ?? '—').padStart(8)}  ${f.points > 0 ? '+' : ''}${f.points}`,
    ),
  ].join('\n');

type Dossier = DossierView;

/** The documented shape of `legal CODE --json`, then the reason in plain words. */
const evaluationShape = (d: Dossier) => ({
  phase: d.evaluation.phase,
  claimCents: d.evaluation.claimCents,
  costsCents: d.evaluation.costsCents,
  recoveredCents: d.evaluation.recoveredCents,
  furtherCostsCents: d.evaluation.furtherCostsCents,
  probability: d.evaluation.probability,
  expectedNetCents: d.evaluation.expectedNetCents,
  breakEvenProbability: d.evaluation.breakEvenProbability,
  worthContinuing: d.evaluation.worthContinuing,
  prescriptionDate: d.evaluation.prescriptionDate,
  reason: d.evaluation.reason,
});

const legalHuman = (result: Awaited<ReturnType<typeof legalSubcommand>>): string => {
  if (!('claimCents' in result)) return JSON.stringify(result, null, 2);
  const e = result;
  return [
    `Phase ${e.phase}; claim ${formatCents(e.claimCents)}, costs so far ${formatCents(e.costsCents)}, recovered ${formatCents(e.recoveredCents)}`,
    `Next phase costs ${formatCents(e.furtherCostsCents)}; probability ${Math.round(e.probability * 100)} %; expected net ${formatCents(e.expectedNetCents)}`,
    `Prescription: ${e.prescriptionDate ?? '—'}`,
    e.reason,
  ].join('\n');
};

async function legalSubcommand({ call, args, values, io }: CommandContext) {
  const [sub, ...rest] = args;
  const code = () => need(rest[0], 'customer CODE');
  const common = { ...optional('date', values.date), ...optional('note', values.note) };
  switch (sub) {
    case 'open':
      return call('legal.open', {
        code: code(),
        to: values.to,
        name: values.name,
        ...optional('reference', values.reference),
        ...optional('phase', values.phase),
        ...common,
      });
    case 'phase':
      return call('legal.phase', { code: code(), phase: need(rest[1], 'PHASE'), ...common });
    case 'cost':
      return call('legal.cost', {
        code: code(),
        cents: wholeCents(values.cents, 'cents'),
        kind: values.kind,
        ...common,
      });
    case 'recovery':
      return call('legal.recovery', { code: code(), cents: wholeCents(values.cents, 'cents'), ...common });
    case 'event': {
      const file = values.file;
      return call('legal.event', {
        code: code(),
        kind: values.kind,
        description: need(values.note, '--note (what happened)'),
        ...optional('date', values.date),
        ...(file
          ? {
              fileName: path.basename(file),
              dataBase64: fs.readFileSync(path.resolve(file)).toString('base64'),
            }
          : {}),
      });
    }
    case 'update':
      return call('legal.update', {
        code: code(),
        ...optional('name', values.name),
        ...optional('reference', values.reference),
        ...optional(
          'probabilityPercent',
          values.probability === undefined
            ? undefined
            : values.probability === 'default'
              ? null
              : Number(values.probability),
        ),
        ...optional(
          'furtherCostsCents',
          values['further-cents'] === undefined
            ? undefined
            : values['further-cents'] === 'default'
              ? null
              : wholeCents(values['further-cents'], 'further-cents'),
        ),
      });
    case 'export': {
      const out = path.resolve(need(values.out, '--out FILE.zip'));
      const r = await call('legal.export', { code: code() });
      fs.writeFileSync(out, Buffer.from(r.dataBase64, 'base64'), { mode: 0o600 });
      io.err(`Written ${out} (${r.entries.length} files)`);
      return { file: out, sha256: r.sha256, sizeBytes: r.sizeBytes, entries: r.entries };
    }
    case 'list':
      return call('legal.list', optional('status', values.status));
    case 'defaults':
      if (rest[0] === undefined) return call('legal.defaults.get', {});
      if (rest[0] === 'reset') return call('legal.defaults.set', { patch: null });
      if (rest[0] === 'set')
        return call('legal.defaults.set', { patch: readPatch(need(rest[1], 'FILE.json')) });
      throw new AppError(
        'VALIDATION',
        'Use `legal defaults`, `legal defaults set FILE.json` or `legal defaults reset`.',
      );
    default:
      return evaluationShape(await call('legal.get', { code: need(sub, 'customer CODE') }));
  }
}

export const LEGAL_COMMANDS: Record<string, Command> = {
  rating: command({
    summary: "a customer's internal rating: `rating CODE` (score, class, confidence, factors)",
    run: async ({ call, args }) =>
      ratingShape(await call('ratings.get', { code: need(args[0], 'customer CODE') })),
    human: ratingHuman,
  }),
  ratings: command({
    summary:
      'every customer with open items: `ratings [--class A..E] [--changed-since D [--down]]`; `ratings recompute`; `ratings weights [set FILE.json|reset]` (admin)',
    run: async ({ call, args, values }) => {
      if (args[0] === 'recompute') return call('ratings.recompute', {});
      if (args[0] === 'weights') {
        if (args[1] === undefined) return call('ratings.weights.get', {});
        if (args[1] === 'reset') return call('ratings.weights.set', { patch: null });
        if (args[1] === 'set')
          return call('ratings.weights.set', { patch: readPatch(need(args[2], 'FILE.json')) });
        throw new AppError(
          'VALIDATION',
          'Use `ratings weights`, `ratings weights set FILE.json` or `ratings weights reset`.',
        );
      }
      if (args[0] !== undefined) throw new AppError('VALIDATION', `Unknown ratings subcommand "${args[0]}".`);
      const since = values['changed-since'];
      const list = await call('ratings.list', {
        ...optional('class', values.class),
        ...optional('changedSince', since),
        direction: values.down ? 'down' : 'any',
        withFactors: true,
        sort: since ? 'score' : 'code',
        limit: 100_000,
      });
      return list.rows.map((r) =>
        since
          ? {
              ...ratingShape(r),
              previousScore: r.previousScore,
              previousClass: r.previousClass,
              changedOn: r.changedOn,
            }
          : ratingShape(r),
      );
    },
    human: (result) =>
      Array.isArray(result)
        ? result
            .map(
              (r) => `${r.customerCode.padEnd(12)} ${String(r.score).padStart(3)} ${r.class} ${r.confidence}`,
            )
            .join('\n')
        : JSON.stringify(result, null, 2),
  }),
  legal: command({
    summary:
      'legal CODE (evaluation); legal open CODE --to lawyer|agency --name NAME; legal phase CODE PHASE [--date D]; legal cost CODE --cents N --kind KIND; legal recovery CODE --cents N; legal event CODE --kind K --note T [--file F]; legal update CODE [--probability P|default] [--further-cents N|default]; legal export CODE --out FILE.zip; legal list; legal defaults [set FILE.json|reset]',
    run: legalSubcommand,
    human: legalHuman,
  }),
};
