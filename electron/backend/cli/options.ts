/**
 * The CLI's options and its error shape, apart from run.ts so that the command modules can use
 * them without importing the runner that imports them (no import cycle).
 */
import type { parseArgs } from 'node:util';
import type { ApiErrorBody } from '../../../shared/api/errors.ts';

export const CLI_OPTIONS = {
  db: { type: 'string' },
  today: { type: 'string' },
  json: { type: 'boolean', default: false },
  user: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  // command options (each command reads the ones it needs)
  'as-of': { type: 'string' },
  mode: { type: 'string' },
  profile: { type: 'string' },
  // `import FILE --map field=Header --map …`
  map: { type: 'string', multiple: true },
  'confirm-closures': { type: 'boolean', default: false },
  // `import FILE --into-demo`: real data into the demo company's ledger after all
  'into-demo': { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  role: { type: 'string' },
  areas: { type: 'string' },
  out: { type: 'string' },
  status: { type: 'string' },
  outcome: { type: 'string' },
  note: { type: 'string' },
  reason: { type: 'string' },
  'promise-date': { type: 'string' },
  'promise-cents': { type: 'string' },
  'callback-date': { type: 'string' },
  channel: { type: 'string' },
  person: { type: 'string' },
  date: { type: 'string' },
  cents: { type: 'string' },
  items: { type: 'string' },
  item: { type: 'string' },
  installments: { type: 'string' },
  first: { type: 'string' },
  every: { type: 'string' },
  csv: { type: 'boolean', default: false },
  template: { type: 'string' },
  from: { type: 'string' },
  ecb: { type: 'string' },
  source: { type: 'string' },
  exclude: { type: 'string' },
  'task-ids': { type: 'string' },
  // rating and legal
  to: { type: 'string' },
  name: { type: 'string' },
  kind: { type: 'string' },
  reference: { type: 'string' },
  phase: { type: 'string' },
  class: { type: 'string' },
  'changed-since': { type: 'string' },
  down: { type: 'boolean', default: false },
  file: { type: 'string' },
  probability: { type: 'string' },
  'further-cents': { type: 'string' },
  // reports
  period: { type: 'string' },
  by: { type: 'string' },
  format: { type: 'string' },
  language: { type: 'string' },
  // notify
  email: { type: 'string' },
  // safety
  who: { type: 'string' },
  customer: { type: 'string' },
  action: { type: 'string' },
  limit: { type: 'string' },
  confirm: { type: 'boolean', default: false },
  progress: { type: 'boolean', default: false },
} as const;

export type CliValues = ReturnType<
  typeof parseArgs<{ options: typeof CLI_OPTIONS; allowPositionals: true }>
>['values'];

export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    readonly body: {
      error: string;
      errors: { row?: number; column?: string; value?: string; message: string }[];
    },
  ) {
    super(body.error);
  }
}

/** Maps a dispatcher error to the CLI's JSON and exit code. */
export function cliErrorFrom(error: ApiErrorBody): CliError {
  const issues = error.details?.issues ?? [];
  const errors = issues.length
    ? issues.map((i) => ({
        ...(i.row !== undefined ? { row: i.row } : {}),
        ...(i.column !== undefined ? { column: i.column } : i.path !== undefined ? { column: i.path } : {}),
        ...(i.value !== undefined ? { value: i.value } : {}),
        message: i.message,
      }))
    : [{ message: error.message }];
  // Exit 2: the caller can fix it (input, confirmation, who they are, what their role may do).
  const invalid =
    error.code === 'VALIDATION' ||
    error.code === 'CONFIRMATION_REQUIRED' ||
    error.code === 'NOT_FOUND' ||
    error.code === 'UNAUTHENTICATED' ||
    error.code === 'FORBIDDEN';
  return new CliError(invalid ? 2 : 1, { error: error.message, errors });
}
