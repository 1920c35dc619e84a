/**
 * CLI commands of the team edition (docs/team-edition.md): `migrate-to --db postgres://…`
 * copies this ledger into an empty PostgreSQL database and verifies the copy before committing it.
 */
import { DEFAULT_MIGRATIONS } from '../../../db/open.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { checkSourceLedger, type MigrateResult, migrateTo } from '../services/safety/migrate-to.ts';
import { type Command, command } from './command.ts';

export const TEAM_COMMANDS: Record<string, Command> = {
  'migrate-to': command<MigrateResult>({
    summary:
      'copy this ledger into an EMPTY PostgreSQL database and verify it (rows, checksums, figures) before committing: `migrate-to --db postgres://USER@HOST:PORT/DB [--source LEDGER]` (password from PGPASSWORD or the URL); the app itself does not run on PostgreSQL yet',
    dbIsTarget: true,
    // An older ledger would be migrated by opening it; a missing one created: both refused first.
    beforeOpen: (dbPath) => checkSourceLedger(dbPath, DEFAULT_MIGRATIONS),
    run: async ({ ctx, values, authorize }) => {
      // The whole ledger leaves this computer: the admin's decision, as putting a backup back is.
      let user: Awaited<ReturnType<typeof authorize>>;
      try {
        user = await authorize('backups.restore');
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'FORBIDDEN') throw err;
        // The dispatcher names the method it checked; the user asked for migrate-to.
        const role = /for the role (\w+)/.exec(err.message)?.[1];
        throw new AppError(
          'FORBIDDEN',
          `migrate-to is the admin’s: it moves the whole ledger, as restoring a backup does${role ? ` (the role ${role} may not)` : ''}.`,
        );
      }
      return migrateTo(ctx, { url: values.db ?? '', user: { id: user.id, name: `${user.name} (CLI)` } });
    },
    human: (r) => {
      const rows = r.tables.reduce((n, t) => n + t.rows, 0);
      const f = r.figures;
      return [
        `Copied ${rows} rows in ${r.tables.length} tables from ${r.source} to ${r.target}, verified and committed.`,
        `As of ${f.today}: ${f.customers} customers, ${f.openItems} open items, residual ${formatCents(f.residualCents.open ?? 0)}, overdue ${formatCents(f.overdueCents.open ?? 0)}; ${f.openCases} open cases, ${f.openTasks} open tasks, ${f.auditRows} audit rows (+1: this move, #${r.audit.id}).`,
        'The app still runs on the SQLite ledger: PostgreSQL is not yet the ledger of this version (docs/team-edition.md).',
      ].join('\n');
    },
  }),
};
