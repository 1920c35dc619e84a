/**
 * Mapping by hand from a terminal, so an accountant's script can import any layout:
 * `import FILE --map field=Header [--map …]`, `--profile FILE.json`, and
 * `imports profiles [export NAME FILE | import FILE]` (profiles as JSON files).
 */
import fs from 'node:fs';
import { z } from 'zod';
import {
  type ImportField,
  type ImportMapping,
  importFieldSchema,
  importMappingSchema,
  type MethodOutput,
} from '../../../shared/api/contract.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { checkFileSize } from '../services/import/read/guards.ts';
import type { Command } from './command.ts';

type Call = Parameters<Command['run']>[0]['call'];

/** A profile as a file: what `imports profiles export` writes and `imports profiles import` / `--profile` read. */
export const profileFileSchema = z.object({
  name: z.string().trim().min(1).max(80),
  headers: z.array(z.string()),
  mapping: importMappingSchema,
});
export type ProfileFile = z.infer<typeof profileFileSchema>;

/** `--map customerCode=Account --map dueDate="Net due date"` -> a mapping; a wrong field is named. */
export function mappingFromArgs(entries: readonly string[] | undefined): ImportMapping | undefined {
  if (!entries || entries.length === 0) return undefined;
  const mapping: ImportMapping = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const field = eq < 0 ? entry : entry.slice(0, eq).trim();
    const header = eq < 0 ? '' : entry.slice(eq + 1).trim();
    const parsed = importFieldSchema.safeParse(field);
    if (!parsed.success || header === '') {
      throw new AppError(
        'VALIDATION',
        `--map takes FIELD=HEADER (e.g. --map dueDate="Net due date"), got "${entry}"; fields: ${importFieldSchema.options.join(', ')}`,
      );
    }
    mapping[parsed.data as ImportField] = header;
  }
  return mapping;
}

/** Reads and validates a profile file, naming the file and what is wrong. */
export function readProfileFile(file: string): ProfileFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('VALIDATION', `Cannot read ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AppError('VALIDATION', `${file}: not JSON (${(err as Error).message})`);
  }
  const parsed = profileFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('VALIDATION', `${file}: not a mapping profile`, {
      issues: parsed.error.issues.map((i) => ({ column: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** `--profile NAME` (saved in the ledger) or `--profile FILE.json` (a profile file): the apply's options. */
export function profileOptions(
  profile: string | undefined,
  map: readonly string[] | undefined,
): { mapping?: ImportMapping; profile?: string } {
  const mapping = mappingFromArgs(map);
  if (profile === undefined) return mapping ? { mapping } : {};
  if (/\.json$/i.test(profile)) {
    // The profile's mapping, with any --map given beside it on top.
    return { mapping: { ...readProfileFile(profile).mapping, ...mapping } };
  }
  if (mapping) throw new AppError('VALIDATION', '--map and --profile NAME exclude each other: use one.');
  return { profile };
}

/** `imports profiles`, `imports profiles export NAME FILE`, `imports profiles import FILE`. */
export type ProfilesResult =
  | MethodOutput<'imports.profiles.list'>
  | (ProfileFile & { file: string })
  | MethodOutput<'imports.profiles.save'>;

export async function profilesCommand(args: readonly string[], call: Call): Promise<ProfilesResult> {
  const [verb, a, b] = args;
  if (verb === undefined) return call('imports.profiles.list', {});
  if (verb === 'export') {
    if (!a || !b) throw new AppError('VALIDATION', 'usage: imports profiles export NAME FILE');
    const profiles = await call('imports.profiles.list', {});
    const p = profiles.find((x) => x.name === a);
    if (!p) {
      throw new AppError(
        'NOT_FOUND',
        `There is no mapping profile named "${a}" (profiles: ${profiles.map((x) => x.name).join(', ') || 'none'}).`,
      );
    }
    const out: ProfileFile = { name: p.name, headers: p.headers, mapping: p.mapping };
    fs.writeFileSync(b, `${JSON.stringify(out, null, 2)}\n`);
    return { ...out, file: b };
  }
  if (verb === 'import') {
    if (!a) throw new AppError('VALIDATION', 'usage: imports profiles import FILE');
    const p = readProfileFile(a);
    return call('imports.profiles.save', { name: p.name, headers: p.headers, mapping: p.mapping });
  }
  throw new AppError('VALIDATION', `imports profiles: unknown "${verb}" (export NAME FILE, import FILE)`);
}

/** Layout, mapping and warnings of an import, as lines for a person. */
export function describeMapping(r: {
  layout?: string | null;
  mapping?: { field: string; header: string; reason: string }[];
  warnings?: { row?: number; message: string }[];
}): string[] {
  const lines: string[] = [];
  if (r.layout) lines.push(`Layout: ${r.layout}`);
  for (const m of r.mapping ?? []) lines.push(`  ${m.field} <- "${m.header}" (${m.reason})`);
  for (const w of r.warnings ?? []) lines.push(`Warning${w.row ? ` (row ${w.row})` : ''}: ${w.message}`);
  return lines;
}

/** `imports profiles …` results for a person. */
export function humanProfiles(r: ProfilesResult): string {
  const one = (p: ProfileFile) =>
    `${p.name}: ${Object.entries(p.mapping).length} fields mapped (${p.headers.length} columns)`;
  if (Array.isArray(r)) return r.map(one).join('\n');
  if ('file' in r) return `Exported ${one(r)} to ${r.file}`;
  return `Saved profile "${r.name}"`;
}

/** An `imports …` result that is about profiles (a list of profiles has their headers). */
export function isProfilesResult<T>(r: ProfilesResult | T[]): r is ProfilesResult {
  if (!Array.isArray(r)) return true;
  const first: unknown = r[0];
  return typeof first === 'object' && first !== null && 'headers' in first;
}

/**
 * The size of a file on disk checked before reading it: a 500 MB CSV is refused from its size, not after
 * reading it whole into memory.
 */
export function checkFileOnDisk(file: string): void {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (err) {
    throw new AppError('VALIDATION', `Cannot read ${file}: ${(err as Error).message}`);
  }
  checkFileSize(size, file);
}
