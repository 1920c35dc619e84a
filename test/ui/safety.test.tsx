// @vitest-environment jsdom
import './setup.ts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../renderer/src/api/client.ts';
import { AuditPage } from '../../renderer/src/pages/audit/AuditPage.tsx';
import { PrivacyPage } from '../../renderer/src/pages/privacy/PrivacyPage.tsx';
import { BackupsSettings } from '../../renderer/src/pages/settings/BackupsSettings.tsx';
import { BootScreen } from '../../renderer/src/shell/BootScreen.tsx';
import type { User } from '../../shared/api/contract.ts';
import type { BackupEntryView, BackupsView } from '../../shared/api/contracts/safety.ts';
import { ADMIN, mockClient, renderWithApp, signedInAs } from './render.tsx';

const backup = (
  id: string,
  createdAt: string,
  kind: BackupEntryView['kind'],
  good = true,
): BackupEntryView => ({
  id,
  folder: `/tmp/ledger-backups/${id}`,
  createdAt,
  kind,
  note: null,
  appVersion: '0.1.0',
  bytes: 3 * 1024 * 1024,
  ledgerBytes: 2 * 1024 * 1024,
  files: 12,
  migrations: { applied: 11, latest: '0010_safety' },
  good,
});

const VIEW: BackupsView = {
  engine: 'sqlite',
  ledger: '/tmp/ledger.db',
  folder: '/tmp/ledger-backups',
  defaultFolder: '/tmp/ledger-backups',
  folderSetting: '',
  rotation: { daily: 7, weekly: 4, monthly: 12 },
  health: { state: 'ok', problems: [] },
  latestGood: null,
  backups: [
    backup('ledger-20261123T080000000Z-daily', '2026-11-23T08:00:00.000Z', 'daily'),
    backup('ledger-20261122T150000000Z-pre-import', '2026-11-22T15:00:00.000Z', 'pre-import', false),
  ],
};

const MANAGER: User = { id: 2, name: 'Marta', role: 'manager', areas: [], active: true };
const CLERK: User = { id: 3, name: 'Carla', role: 'clerk', areas: [], active: true };

const asUser = (u: User) => ({
  'users.list': () => [ADMIN, MANAGER, CLERK],
  'session.status': signedInAs(u),
});

describe('Backups in Settings', () => {
  it('lists the backups with date, kind, size and check; backs up now; restores after a confirmation', async () => {
    const user = userEvent.setup();
    const api = mockClient({
      'backups.list': () => VIEW,
      'backups.create': () => backup('new', '2026-11-23T10:00:00.000Z', 'manual'),
      'backups.restore': (input) => ({
        restored: { id: input.id, path: '/x', createdAt: '2026-11-23T08:00:00.000Z' },
        safetyBackup: 'ledger-20261123T100500000Z-pre-restore',
        damagedFileKeptAs: null,
      }),
    });
    renderWithApp(<BackupsSettings />, api);
    const table = await screen.findByRole('table', { name: 'Backup disponibili' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1] as HTMLElement).getByText('Giornaliero')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('3 MB')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('Integro')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText('Danneggiato')).toBeTruthy();
    expect(screen.getByText(/Si conservano 7 giornalieri, 4 settimanali e 12 mensili/)).toBeTruthy();
    // Which ledger, on which engine, these backups are of.
    expect(screen.getByTestId('backups-engine').textContent).toBe(
      'Archivio: SQLite, su questo computer — /tmp/ledger.db',
    );

    await user.click(screen.getByRole('button', { name: 'Esegui backup ora' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'backups.create')).toBe(true));

    const restoreButtons = screen.getAllByRole('button', { name: /^Ripristina il backup del/ });
    await user.click(restoreButtons[0] as HTMLElement);
    const dialog = await screen.findByRole('dialog', { name: 'Ripristinare il backup?' });
    expect(within(dialog).getByText(/Prima viene fatto un backup dello stato attuale/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Ripristina' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'backups.restore')?.input).toEqual({
        id: 'ledger-20261123T080000000Z-daily',
        confirm: true,
      }),
    );
  });

  it('saves the folder and the rotation (admin)', async () => {
    const user = userEvent.setup();
    const api = mockClient({ 'backups.list': () => VIEW, 'backups.configure': () => VIEW });
    renderWithApp(<BackupsSettings />, api);
    const folder = await screen.findByRole('textbox', { name: /Cartella dei backup/ });
    await user.type(folder, '/mnt/rete/incasso');
    const weekly = screen.getByRole('textbox', { name: 'Settimanali' });
    await user.clear(weekly);
    await user.type(weekly, '8');
    await user.click(screen.getByRole('button', { name: 'Salva' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'backups.configure')?.input).toEqual({
        folder: '/mnt/rete/incasso',
        daily: 7,
        weekly: 8,
        monthly: 12,
      }),
    );
  });

  it('a manager backs up but neither configures nor restores; a clerk sees no backups', async () => {
    const api = mockClient({ ...asUser(MANAGER), 'backups.list': () => VIEW });
    const { unmount } = renderWithApp(<BackupsSettings />, api);
    await screen.findByRole('table', { name: 'Backup disponibili' });
    expect(screen.getByRole('button', { name: 'Esegui backup ora' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Ripristina il backup/ })).toBeNull();
    expect(screen.queryByRole('textbox', { name: /Cartella dei backup/ })).toBeNull();
    unmount();

    const clerk = mockClient({ ...asUser(CLERK), 'backups.list': () => VIEW });
    renderWithApp(<BackupsSettings />, clerk);
    expect(await screen.findByText(/I backup sono gestiti dal responsabile/)).toBeTruthy();
    expect(clerk.calls.some((c) => c.method === 'backups.list')).toBe(false);
  });
});

describe('the audit trail page', () => {
  const row = (id: number, action: string, userName: string) => ({
    id,
    at: '2026-11-23T09:30:00.000Z',
    userName,
    action,
    entity: 'contact',
    entityId: String(id),
    before: null,
    after: JSON.stringify({ code: 'C001', note: 'sollecito' }),
  });

  it('filters by user and shows a row’s details; exports the filtered trail to CSV', async () => {
    const user = userEvent.setup();
    const createObjectURL = vi.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const api = mockClient({
      'audit.facets': () => ({ users: ['Carla', 'admin'], actions: ['contacts.add', 'users.add'] }),
      'audit.list': (input) => ({
        total: input.user ? 1 : 2,
        rows: input.user
          ? [row(2, 'contacts.add', 'Carla')]
          : [row(2, 'contacts.add', 'Carla'), row(1, 'users.add', 'admin')],
      }),
      'audit.exportCsv': () => ({ fileName: 'registro-attivita-2026-11-23.csv', rows: 1, csv: 'id;at\n' }),
    });
    renderWithApp(<AuditPage />, api);
    const table = await screen.findByRole('table', { name: 'Registro attività' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(screen.getByText('2 attività')).toBeTruthy();

    await user.click(screen.getByRole('combobox', { name: 'Utente' }));
    await user.click(await screen.findByRole('option', { name: 'Carla' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(api.calls.filter((c) => c.method === 'audit.list').at(-1)?.input).toMatchObject({
      user: 'Carla',
      offset: 0,
    });

    await user.click(screen.getByRole('button', { name: /Dettagli dell'attività 2$/ }));
    expect(await screen.findByText(/"note": "sollecito"/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Esporta CSV' }));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    expect(api.calls.find((c) => c.method === 'audit.exportCsv')?.input).toEqual({ user: 'Carla' });
  });

  it('tells a clerk the trail is not for their role', async () => {
    const api = mockClient({ ...asUser(CLERK) });
    renderWithApp(<AuditPage />, api);
    expect(await screen.findByText(/consultabile dal responsabile e dal contabile/)).toBeTruthy();
  });
});

describe('data protection page', () => {
  it('anonymises the selected customers after a confirmation; sets and releases legal holds', async () => {
    const user = userEvent.setup();
    const api = mockClient({
      'gdpr.retention': () => ({
        today: '2026-11-23',
        retentionYears: 10,
        lastReviewOn: '2026-10-31',
        candidates: [
          {
            code: 'C010',
            name: 'Alfa S.r.l.',
            lastActivity: '2014-05-10',
            dueOn: '2024-05-10',
            residualCents: 0,
          },
          {
            code: 'C011',
            name: 'Beta S.n.c.',
            lastActivity: '2015-01-31',
            dueOn: '2025-01-31',
            residualCents: 0,
          },
        ],
        held: [{ code: 'C020', name: 'Gamma S.p.A.', reason: 'decreto ingiuntivo' }],
      }),
      'gdpr.anonymise': (input) => ({
        anonymised: input.codes.map((c, i) => ({ code: c, newCode: `ANON-${i + 1}` })),
        skipped: [],
      }),
      'gdpr.hold': (input) => ({ code: input.code, legalHold: input.hold, reason: input.reason ?? null }),
    });
    renderWithApp(<PrivacyPage />, api);
    const table = await screen.findByRole('table', { name: 'Clienti da anonimizzare' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByText('Ultima revisione: 31/10/2026')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Seleziona C011' }));
    await user.click(screen.getByRole('button', { name: 'Anonimizza 1 cliente' }));
    const dialog = await screen.findByRole('dialog', { name: 'Anonimizzare i clienti selezionati?' });
    expect(within(dialog).getByText(/Non si può annullare/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Anonimizza' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'gdpr.anonymise')?.input).toEqual({
        codes: ['C010'],
        confirm: true,
      }),
    );

    const holds = screen.getByRole('table', { name: 'Clienti con blocco legale' });
    expect(within(holds).getByText('decreto ingiuntivo')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Rimuovi il blocco legale di C020' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'gdpr.hold')?.input).toEqual({ code: 'C020', hold: false }),
    );
    const section = screen.getByRole('region', { name: 'Blocco legale' });
    await user.type(within(section).getByRole('textbox', { name: 'Codice cliente' }), 'C030');
    await user.type(within(section).getByRole('textbox', { name: 'Motivo' }), 'causa in corso');
    await user.click(within(section).getByRole('button', { name: 'Blocca' }));
    await waitFor(() =>
      expect(api.calls.filter((c) => c.method === 'gdpr.hold').at(-1)?.input).toEqual({
        code: 'C030',
        hold: true,
        reason: 'causa in corso',
      }),
    );
  });
});

describe('a damaged ledger at start', () => {
  it('shows what is wrong, offers the latest sound backup and restores it', async () => {
    const user = userEvent.setup();
    const retry = vi.fn();
    const api = mockClient({
      'backups.list': () => ({
        ...VIEW,
        health: {
          state: 'damaged',
          problems: ['*** in database main *** Page 12: btreeInitPage() returns error code 11'],
        },
        latestGood: { id: 'ledger-20261123T080000000Z-daily', createdAt: '2026-11-23T08:00:00.000Z' },
      }),
      'backups.restore': () => ({
        restored: {
          id: 'ledger-20261123T080000000Z-daily',
          path: '/x',
          createdAt: '2026-11-23T08:00:00.000Z',
        },
        safetyBackup: null,
        damagedFileKeptAs: '/tmp/ledger.db.damaged-20261123T101500000Z',
      }),
    });
    const error = new ApiError({
      code: 'CONFLICT',
      message: 'The ledger failed its integrity check',
      details: {
        ledgerDamaged: true,
        problems: ['Page 12: btreeInitPage() returns error code 11'],
        dbPath: '/tmp/ledger.db',
      },
    });
    renderWithApp(<BootScreen loading={false} error={error} retry={retry} />, api);
    expect(await screen.findByText("L'archivio è danneggiato")).toBeTruthy();
    expect(
      screen.getByText(/Il controllo all'avvio ha trovato errori nell'archivio \/tmp\/ledger\.db/),
    ).toBeTruthy();
    expect(await screen.findByText(/Ultimo backup integro: .*\(Giornaliero\)/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Ripristina questo backup' }));
    expect(await screen.findByText('Archivio ripristinato')).toBeTruthy();
    expect(screen.getByText(/conservato come \/tmp\/ledger\.db\.damaged-/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Apri Incasso' }));
    expect(retry).toHaveBeenCalled();
  });

  it('says so when there is no sound backup', async () => {
    const api = mockClient({ 'backups.list': () => ({ ...VIEW, backups: [], latestGood: null }) });
    const error = new ApiError({
      code: 'CONFLICT',
      message: 'x',
      details: { ledgerDamaged: true, problems: [] },
    });
    renderWithApp(<BootScreen loading={false} error={error} retry={() => {}} />, api);
    expect(await screen.findByText(/Non c'è un backup integro in \/tmp\/ledger-backups/)).toBeTruthy();
  });
});
