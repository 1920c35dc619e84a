// @vitest-environment jsdom
import './setup.ts';
import { notifications } from '@mantine/notifications';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { WorklistPage } from '../../renderer/src/pages/worklist/WorklistPage.tsx';
import type { MethodInput, MethodOutput, User, WorklistTask } from '../../shared/api/contract.ts';
import { type Handlers, mockClient, renderWithApp } from './render.tsx';

const TODAY = '2026-11-23';

function task(
  over: Partial<WorklistTask> & Pick<WorklistTask, 'id' | 'customerName' | 'type' | 'priority'>,
): WorklistTask {
  return {
    caseId: over.id,
    customerCode: `C${String(over.id).padStart(3, '0')}`,
    area: 'Nord',
    salesperson: 'Anna Verdi',
    step:
      over.type === 'phone'
        ? 'Telefonata'
        : over.type === 'email'
          ? 'Sollecito cortese via e-mail'
          : 'Valutazione',
    template: null,
    dueDate: TODAY,
    lateDays: 0,
    daysOverdue: 40,
    assigneeId: 1,
    assignee: 'admin',
    priorityFactors: [
      { name: 'overdueAmount', value: over.overdueCents ?? 123456, points: 21 },
      { name: 'daysOverdue', value: 40, points: 6 },
      { name: 'band', value: 'C', points: 9 },
      { name: 'brokenPromises', value: 0, points: 0 },
      { name: 'keyAccount', value: false, points: 0 },
      { name: 'stepSeverity', value: over.type, points: 5 },
    ],
    overdueCents: 123456,
    caseStatus: 'open',
    ...over,
  };
}

// Deliberately not in priority order: the page sorts.
const ROWS: WorklistTask[] = [
  task({ id: 1, customerName: 'Bianchi S.r.l.', type: 'email', priority: 40 }),
  task({ id: 2, customerName: 'Azzurra S.p.A.', type: 'phone', priority: 81, overdueCents: 554433 }),
  task({
    id: 3,
    customerName: 'Colombo Ferramenta',
    type: 'review',
    priority: 65,
    dueDate: '2026-11-16',
    lateDays: 7,
  }),
];

/**
 * Stands for the backend's worklist: filters, sorts (ties: highest priority, then the oldest due
 * date, then the id) and sends pages with a cursor, and counts — as the real one does in SQL
 * (test/db/worklist-paging.test.ts holds the real one to the same order).
 */
function worklistServer(rows: readonly WorklistTask[]): Handlers {
  const matching = (input: MethodInput<'worklist.counts'>) =>
    rows.filter(
      (r) =>
        (!input.type || r.type === input.type) &&
        (!input.search ||
          `${r.customerName} ${r.customerCode}`.toLowerCase().includes(input.search.toLowerCase())),
    );
  const value = (r: WorklistTask, sort: string): number | string =>
    sort === 'customer'
      ? r.customerName.toLowerCase()
      : sort === 'overdue'
        ? r.overdueCents
        : sort === 'daysOverdue'
          ? r.daysOverdue
          : sort === 'late'
            ? r.lateDays
            : r.priority;
  return {
    'worklist.list': (input) => {
      const sort = input.sort ?? 'priority';
      const dir = (input.desc ?? true) ? -1 : 1;
      const sorted = [...matching(input)].sort((a, b) => {
        const va = value(a, sort);
        const vb = value(b, sort);
        return (
          dir * (va < vb ? -1 : va > vb ? 1 : 0) ||
          b.priority - a.priority ||
          a.dueDate.localeCompare(b.dueDate) ||
          a.id - b.id
        );
      });
      const from = input.after ? Number(input.after[0]) : 0;
      const limit = input.limit ?? 5000;
      const page = sorted.slice(from, from + limit);
      return { today: TODAY, rows: page, next: from + limit < sorted.length ? [from + limit] : null };
    },
    'worklist.counts': (input) => {
      const mine = rows;
      const types = new Map<WorklistTask['type'], number>();
      for (const r of mine) types.set(r.type, (types.get(r.type) ?? 0) + 1);
      return {
        today: TODAY,
        total: mine.length,
        late: mine.filter((r) => r.lateDays > 0).length,
        byType: [...types].map(([type, count]) => ({ type, count })),
        matching: matching(input).length,
        groups: [],
      };
    },
  };
}

function profile(code: string, name: string): MethodOutput<'customers.get'> {
  return {
    customer: {
      id: 1,
      code,
      name,
      vat: null,
      taxCode: null,
      address: null,
      email: 'amministrazione@example.it',
      pec: 'azzurra@pec.example.it',
      phone: '+39 02 1234567',
      phone2: null,
      area: 'Nord',
      salesperson: 'Anna Verdi',
      paymentMethod: null,
      collectorId: null,
      collector: null,
      band: null,
      effectiveBand: 'C',
      policyOverride: null,
      policyOverrideReason: null,
      policy: 'Standard',
      policyOverrideMissing: false,
      creditLimitCents: null,
      language: 'it',
      keyAccount: false,
      orderBlocked: false,
      orderBlockReason: null,
      orderBlockedOn: null,
      dunningContactName: null,
      dunningContactEmail: null,
      notes: null,
    },
    items: [
      {
        id: 1,
        documentType: 'invoice',
        documentNumber: '12',
        documentDate: '2026-08-01',
        dueDate: '2026-09-30',
        installment: null,
        amountCents: 554433,
        residualCents: 554433,
        disputed: false,
        daysLate: 54,
        planId: null,
      },
    ],
    figures: {
      overdueCents: 554433,
      residualCents: 554433,
      exposureCents: 554433,
      creditsCents: 0,
      disputedCents: 0,
      avgDaysLate: null,
      avgDaysToPay: null,
      paymentsLast90Count: 0,
      paymentsLast90Cents: 0,
    },
    openCase: {
      id: 2,
      status: 'open',
      policy: 'Standard',
      step: 'Telefonata',
      openedOn: '2026-10-07',
      pausedReason: null,
      overdueCents: 554433,
    },
    promises: [],
    plans: [],
    disputes: [],
    attachments: [],
    timeline: [],
  };
}

/** The ledger summary beside the worklist: 3 customers, 9 items, 12,345.67 owed, 8,000.00 of it overdue. */
function summary(
  aging: Pick<MethodOutput<'summary.get'>['aging'], 'notDue' | 'd1_30' | 'd31_60' | 'd61_90'>,
): MethodOutput<'summary.get'> {
  return {
    asOf: '2026-10-31',
    customers: 3,
    items: 9,
    residualCents: 1234567,
    overdueCents: 800000,
    aging: { ...aging, d91_180: 0, d181_plus: 0 },
  };
}

function setup(handlers: Handlers = {}, user?: User) {
  const completed: MethodInput<'tasks.complete'>[] = [];
  const api = mockClient({
    ...(user ? { 'users.list': () => [user] } : {}),
    'summary.get': () => summary({ notDue: 434567, d1_30: 100000, d31_60: 300000, d61_90: 400000 }),
    ...worklistServer(ROWS),
    'customers.get': (input) => {
      const row = ROWS.find((r) => r.customerCode === input.code);
      return profile(input.code, row?.customerName ?? input.code);
    },
    'tasks.complete': (input) => {
      completed.push(input);
      return { id: input.id, status: 'done', outcome: input.outcome, promiseId: null, followUpId: null };
    },
    ...handlers,
  });
  renderWithApp(<WorklistPage />, api);
  return { api, completed };
}

/** Stands for the customer profile: shows the code it was opened with. */
function CustomerProbe() {
  const location = useLocation();
  return <p data-testid="customer-probe">{decodeURIComponent(location.pathname.split('/')[2] ?? '')}</p>;
}

/** Stands for the Letters page: shows the query it was opened with. */
function LettersProbe() {
  const location = useLocation();
  return <p data-testid="letters-probe">{location.search}</p>;
}

/** The worklist over `rows` at "/", beside a probe page at `path` that shows where the worklist leads. */
function renderWorklistBeside(rows: readonly WorklistTask[], path: string, probe: ReactElement) {
  const api = mockClient({
    'summary.get': () => summary({ notDue: 0, d1_30: 800000, d31_60: 0, d61_90: 0 }),
    ...worklistServer(rows),
    'customers.get': (input) => profile(input.code, input.code),
  });
  renderWithApp(
    <Routes>
      <Route path="/" element={<WorklistPage />} />
      <Route path={path} element={probe} />
    </Routes>,
    api,
  );
}

const table = () => screen.findByRole('table', { name: 'Elenco attività' });
const taskRows = (t: HTMLElement) =>
  within(t)
    .getAllByRole('row')
    .filter((r) => r.hasAttribute('data-task-id'));

async function openComplete(customer: string) {
  const t = await table();
  const row = taskRows(t).find((r) => r.textContent?.includes(customer));
  if (!row) throw new Error(`no row for ${customer}`);
  await userEvent.click(row);
  const panel = screen.getByRole('complementary', { name: "Dettaglio dell'attività" });
  await waitFor(() => expect(within(panel).getByRole('heading', { name: customer })).toBeTruthy());
  await userEvent.click(within(panel).getByRole('button', { name: 'Completa' }));
  return screen.findByRole('dialog', { name: /^Completa: / });
}

const radios = (dialog: HTMLElement) =>
  within(dialog)
    .getAllByRole('radio')
    .map((r) => (r as HTMLInputElement).labels?.[0]?.textContent ?? '');

describe('Worklist page', { timeout: 60_000 }, () => {
  it('renders the tasks from the API, highest priority first, with amounts, days and the late badge', async () => {
    setup();
    const t = await table();
    await waitFor(() => expect(taskRows(t)).toHaveLength(3));
    const names = taskRows(t).map((r) => within(r).getAllByRole('cell')[2]?.textContent ?? '');
    expect(names).toEqual(['Azzurra S.p.A.C002', 'Colombo FerramentaC003', 'Bianchi S.r.l.C001']);
    expect(taskRows(t).map((r) => within(r).getAllByRole('cell')[1]?.textContent)).toEqual([
      '81',
      '65',
      '40',
    ]);
    expect(t.textContent).toContain('5.544,33\u00a0€');
    expect(t.textContent).toContain('7 gg di ritardo');
    expect(t.textContent).toContain('40 gg');
    expect(screen.getByTestId('worklist-count').textContent).toBe('3 attività');
    // The first task is the current one: its customer's essentials are in the side panel.
    const panel = screen.getByRole('complementary', { name: "Dettaglio dell'attività" });
    await within(panel).findByText('+39 02 1234567');
    expect(within(panel).getByRole('heading', { name: 'Azzurra S.p.A.' })).toBeTruthy();
    expect(within(panel).getByRole('table', { name: 'Priorità 81' }).textContent).toContain(
      'Importo scaduto',
    );
  });

  it('filters by type and by customer', async () => {
    setup();
    const t = await table();
    await waitFor(() => expect(taskRows(t)).toHaveLength(3));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Cerca nelle attività' }), 'colombo');
    await waitFor(() => expect(taskRows(t)).toHaveLength(1));
    expect(screen.getByTestId('worklist-count').textContent).toBe('1 di 3 attività');
  });

  it('offers the outcomes that fit each task type', async () => {
    setup();
    expect(radios(await openComplete('Azzurra S.p.A.'))).toEqual([
      'Cliente raggiunto',
      'Non raggiunto',
      'Promessa di pagamento',
      'Contestazione',
      'Da richiamare',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Annulla' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(radios(await openComplete('Bianchi S.r.l.'))).toEqual(['Inviato']);
    await userEvent.click(screen.getByRole('button', { name: 'Annulla' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(radios(await openComplete('Colombo Ferramenta'))).toEqual(['Fatto']);
  });

  it('completes a call with a promise: date a week ahead and the overdue amount by default', async () => {
    const { completed, api } = setup();
    const dialog = await openComplete('Azzurra S.p.A.');
    await userEvent.click(within(dialog).getByRole('radio', { name: /Promessa di pagamento/ }));
    expect(
      (within(dialog).getByRole('textbox', { name: /Importo promesso/ }) as HTMLInputElement).value,
    ).toBe('5.544,33 €');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Nota' }), 'Paga il titolare');
    await userEvent.click(within(dialog).getByRole('button', { name: "Completa l'attività" }));
    await waitFor(() => expect(completed).toHaveLength(1));
    expect(completed[0]).toEqual({
      id: 2,
      outcome: 'promise',
      note: 'Paga il titolare',
      promiseDate: '2026-11-30',
      promiseCents: 554433,
    });
    // The list reloads after the action.
    await waitFor(() =>
      expect(api.calls.filter((c) => c.method === 'worklist.list').length).toBeGreaterThan(1),
    );
  });

  it('Enter in the promise date or amount does not submit the dialog; Ctrl+Enter does', async () => {
    const { completed } = setup();
    const dialog = await openComplete('Azzurra S.p.A.');
    await userEvent.click(within(dialog).getByRole('radio', { name: /Promessa di pagamento/ }));
    const date = within(dialog).getByRole('textbox', { name: /Data promessa|Pagherà il/ });
    await userEvent.clear(date);
    await userEvent.type(date, '15/12/2026{Enter}');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Importo promesso/ }), '{Enter}');
    await new Promise((r) => setTimeout(r, 100));
    expect(completed).toHaveLength(0);
    expect(screen.getByRole('dialog')).toBeTruthy();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Nota' }),
      'Bonifico{Control>}{Enter}{/Control}',
    );
    await waitFor(() => expect(completed).toHaveLength(1));
    expect(completed[0]).toMatchObject({ outcome: 'promise', note: 'Bonifico', promiseDate: '2026-12-15' });
  });

  it('asks the reason of a dispute and sends it as the note; an e-mail is just sent', async () => {
    const { completed } = setup();
    let dialog = await openComplete('Azzurra S.p.A.');
    await userEvent.click(within(dialog).getByRole('radio', { name: /Contestazione/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: "Completa l'attività" }));
    expect(await within(dialog).findByText('Scrivi il motivo della contestazione')).toBeTruthy();
    expect(completed).toHaveLength(0);
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Motivo della contestazione/ }),
      'Merce difettosa',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: "Completa l'attività" }));
    await waitFor(() => expect(completed).toHaveLength(1));
    expect(completed[0]).toEqual({ id: 2, outcome: 'dispute', note: 'Merce difettosa' });

    dialog = await openComplete('Bianchi S.r.l.');
    await userEvent.click(within(dialog).getByRole('button', { name: "Completa l'attività" }));
    await waitFor(() => expect(completed).toHaveLength(2));
    expect(completed[1]).toEqual({ id: 1, outcome: 'sent' });
  });

  it('works from the keyboard: j/k move, c completes the current task', async () => {
    setup();
    const t = await table();
    await waitFor(() => expect(taskRows(t)).toHaveLength(3));
    await waitFor(() => expect(taskRows(t)[0]?.getAttribute('aria-current')).toBe('true'));
    await userEvent.keyboard('j');
    await waitFor(() => expect(taskRows(t)[1]?.getAttribute('aria-current')).toBe('true'));
    await userEvent.keyboard('j');
    await userEvent.keyboard('k');
    await waitFor(() => expect(taskRows(t)[1]?.getAttribute('aria-current')).toBe('true'));
    await userEvent.keyboard('c');
    const dialog = await screen.findByRole('dialog', { name: 'Completa: Valutazione' });
    expect(radios(dialog)).toEqual(['Fatto']);
  });

  it('keyboard: the table is one tab stop, arrows move the focused row, Enter sorts a header or opens a row', async () => {
    renderWorklistBeside(ROWS, '/customers/:code', <CustomerProbe />);
    const t = await table();
    await waitFor(() => expect(taskRows(t)[0]?.getAttribute('aria-current')).toBe('true'));
    // One tab stop: the current row; the check boxes and the sort headers are not in the Tab order.
    expect(taskRows(t).map((r) => r.tabIndex)).toEqual([0, -1, -1]);
    expect(
      within(t)
        .getAllByRole('checkbox')
        .every((c) => c.tabIndex === -1),
    ).toBe(true);
    const first = taskRows(t)[0] as HTMLElement;
    first.focus();
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement).toBe(taskRows(t)[1]));
    expect(taskRows(t)[1]?.getAttribute('aria-current')).toBe('true');
    expect(taskRows(t).map((r) => r.tabIndex)).toEqual([-1, 0, -1]);
    await userEvent.keyboard('{End}');
    await waitFor(() => expect(document.activeElement).toBe(taskRows(t)[2]));
    await userEvent.keyboard('{Home}');
    await waitFor(() => expect(document.activeElement).toBe(taskRows(t)[0]));
    // Up from the first row reaches the headers; Enter on a header sorts (and opens nothing).
    await userEvent.keyboard('{ArrowUp}');
    expect(document.activeElement?.textContent).toBe('Priorità');
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement?.textContent).toBe('Cliente');
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(taskRows(t).map((r) => r.getAttribute('aria-label')?.split(' · ')[0])).toEqual([
        'Azzurra S.p.A.',
        'Bianchi S.r.l.',
        'Colombo Ferramenta',
      ]),
    );
    expect(screen.queryByTestId('customer-probe')).toBeNull();
    // Down comes back to the current row; Enter there opens its customer.
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-current')).toBe('true'));
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect((await screen.findByTestId('customer-probe')).textContent).toBe('C001');
  });

  it('skips a task with a reason (s)', async () => {
    const skipped: MethodInput<'tasks.skip'>[] = [];
    setup({
      'tasks.skip': (input) => {
        skipped.push(input);
        return { id: input.id, status: 'skipped' };
      },
    });
    const t = await table();
    await waitFor(() => expect(taskRows(t)[0]?.getAttribute('aria-current')).toBe('true'));
    await userEvent.keyboard('s');
    const dialog = await screen.findByRole('dialog', { name: 'Salta: Telefonata' });
    await userEvent.click(within(dialog).getByRole('button', { name: "Salta l'attività" }));
    expect(await within(dialog).findByText("Scrivi perché salti l'attività")).toBeTruthy();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Motivo/ }), 'Già sentito dall’agente');
    await userEvent.click(within(dialog).getByRole('button', { name: "Salta l'attività" }));
    await waitFor(() => expect(skipped).toEqual([{ id: 2, reason: 'Già sentito dall’agente' }]));
  });

  it('selects mail tasks in bulk and takes them to the Letters page', async () => {
    const rows = [
      ...ROWS,
      task({ id: 4, customerName: 'Deltapack S.r.l.', type: 'letter', priority: 55 }),
      task({ id: 5, customerName: 'Edilnord S.p.A.', type: 'letter', priority: 50 }),
    ];
    renderWorklistBeside(rows, '/letters', <LettersProbe />);
    const t = await table();
    await waitFor(() => expect(taskRows(t)).toHaveLength(5));
    // Only mail tasks (letter, e-mail, PEC) have a check box.
    expect(within(t).queryByRole('checkbox', { name: /Azzurra/ })).toBeNull();
    await userEvent.click(within(t).getByRole('checkbox', { name: /Deltapack/ }));
    await userEvent.click(within(t).getByRole('checkbox', { name: /Edilnord/ }));
    expect(screen.getByText('2 selezionate')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Vai alle lettere' }));
    expect((await screen.findByTestId('letters-probe')).textContent).toBe('?tasks=4,5');
  });

  it('stays light with 10,000 tasks: only the visible rows are drawn', async () => {
    const many = Array.from({ length: 10_000 }, (_v, i) =>
      task({
        id: i + 1,
        customerName: `Cliente ${i + 1}`,
        type: i % 3 === 0 ? 'phone' : 'email',
        priority: i % 100,
      }),
    );
    setup(worklistServer(many));
    const t = await table();
    await waitFor(() => expect(screen.getByTestId('worklist-count').textContent).toBe('10.000 attività'));
    const drawn = taskRows(t);
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.length).toBeLessThan(80);
    expect(drawn[0]?.textContent).toContain('99');
    expect(t.getAttribute('aria-rowcount')).toBe('10001');
  });

  it("asks the next page as the table scrolls near the end, and keeps the rows in the whole list's order", async () => {
    const many = Array.from({ length: 1000 }, (_v, i) =>
      task({ id: i + 1, customerName: `Cliente ${i + 1}`, type: 'phone', priority: 1000 - i }),
    );
    const { api } = setup(worklistServer(many));
    const t = await table();
    await waitFor(() => expect(screen.getByTestId('worklist-count').textContent).toBe('1.000 attività'));
    // Screen readers hear the whole list's size though only the first page has arrived.
    expect(t.getAttribute('aria-rowcount')).toBe('1001');
    const pages = () =>
      api.calls.filter((c) => c.method === 'worklist.list') as { input: MethodInput<'worklist.list'> }[];
    expect(pages()).toHaveLength(1);
    expect(pages()[0]?.input.limit).toBe(200);
    const scroller = t.closest('.wl-table') as HTMLElement;
    // Scrolled to the last rows of the first page: the next page is asked, after the first one.
    scroller.scrollTop = 185 * 36;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(pages()).toHaveLength(2));
    expect(pages()[1]?.input.after).toEqual([200]);
    scroller.scrollTop = 205 * 36;
    fireEvent.scroll(scroller);
    const row = await waitFor(() => {
      const r = taskRows(t).find((x) => x.getAttribute('aria-rowindex') === '212');
      if (!r) throw new Error('row 211 not drawn yet');
      return r;
    });
    // The 211th task in priority order, in its place in the whole list.
    expect(row.getAttribute('aria-label')).toBe('Cliente 211 · Telefonata');
  });

  it("a colleague's change shows without a reload and keeps the pages already read; one's own does not reload twice", async () => {
    const many = Array.from({ length: 500 }, (_v, i) =>
      task({ id: i + 1, customerName: `Cliente ${i + 1}`, type: 'phone', priority: 1000 - i }),
    );
    // The backend's list as it stands: a colleague completes the first task while it is shown.
    let rows: WorklistTask[] = many;
    const server = () => worklistServer(rows);
    const { api } = setup({
      'worklist.list': (input) => server()['worklist.list']?.(input) as MethodOutput<'worklist.list'>,
      'worklist.counts': (input) => server()['worklist.counts']?.(input) as MethodOutput<'worklist.counts'>,
    });
    const t = await table();
    await waitFor(() => expect(screen.getByTestId('worklist-count').textContent).toBe('500 attività'));
    const scroller = t.closest('.wl-table') as HTMLElement;
    scroller.scrollTop = 185 * 36;
    fireEvent.scroll(scroller);
    const lists = () =>
      api.calls.filter((c) => c.method === 'worklist.list') as { input: MethodInput<'worklist.list'> }[];
    await waitFor(() => expect(lists()).toHaveLength(2));

    // The signed-in user's own change: the page reloads after its own actions, not on the event.
    api.emit({ type: 'ledger-written', method: 'tasks.complete', userId: 1 });
    await new Promise((r) => setTimeout(r, 600));
    expect(lists()).toHaveLength(2);

    rows = many.slice(1);
    api.emit({ type: 'ledger-written', method: 'tasks.complete', userId: 7 });
    await waitFor(() => expect(screen.getByTestId('worklist-count').textContent).toBe('499 attività'));
    // Read again from the top, as many rows as had arrived (two pages), in one request.
    await waitFor(() => expect(lists()).toHaveLength(3));
    expect(lists()[2]?.input).toMatchObject({ limit: 400 });
    expect(lists()[2]?.input.after).toBeUndefined();
    await waitFor(() => expect(taskRows(t).some((r) => r.textContent?.includes('Cliente 1C'))).toBe(false));
  });

  it("the clerk's own completion is not taken for a colleague's, even when a colleague's reload overtakes it", async () => {
    const shown = vi.spyOn(notifications, 'show');
    let rows: WorklistTask[] = [...ROWS];
    // After the first view, each list read waits until the test lets it answer.
    const held: (() => void)[] = [];
    let first = true;
    const { api } = setup({
      'worklist.list': (input) => {
        const out = worklistServer(rows)['worklist.list']?.(input) as MethodOutput<'worklist.list'>;
        if (first) {
          first = false;
          return out;
        }
        return new Promise((resolve) => held.push(() => resolve(out)));
      },
      'worklist.counts': (input) =>
        worklistServer(rows)['worklist.counts']?.(input) as MethodOutput<'worklist.counts'>,
      'tasks.complete': (input) => {
        rows = rows.filter((r) => r.id !== input.id);
        return { id: input.id, status: 'done', outcome: input.outcome, promiseId: null, followUpId: null };
      },
    });
    const dialog = await openComplete('Bianchi S.r.l.');
    await userEvent.click(within(dialog).getByRole('button', { name: "Completa l'attività" }));
    // The page's own reload is on its way when a colleague's change arrives; the colleague's reload
    // starts after it, so it is the one whose rows are shown.
    await waitFor(() => expect(held).toHaveLength(1));
    api.emit({ type: 'ledger-written', method: 'notify.send', userId: 7 });
    await waitFor(() => expect(held).toHaveLength(2), { timeout: 3000 });
    for (const answer of held) answer();
    const t = await table();
    await waitFor(() => expect(taskRows(t)).toHaveLength(2));
    // The next task takes its place, as after any completion; nothing says a colleague closed it.
    await waitFor(() =>
      expect(taskRows(t).some((r) => r.getAttribute('aria-current') === 'true')).toBe(true),
    );
    const titles = shown.mock.calls.map((c) => String(c[0].title));
    expect(titles.some((x) => x.includes('collega'))).toBe(false);
    shown.mockRestore();
  });

  it('when a colleague closes the task open here, says so and makes no other task current by itself', async () => {
    const shown = vi.spyOn(notifications, 'show');
    let rows: WorklistTask[] = [...ROWS];
    const { api } = setup({
      'worklist.list': (input) =>
        worklistServer(rows)['worklist.list']?.(input) as MethodOutput<'worklist.list'>,
      'worklist.counts': (input) =>
        worklistServer(rows)['worklist.counts']?.(input) as MethodOutput<'worklist.counts'>,
    });
    const t = await table();
    // The first task (Azzurra, priority 81) is the current one.
    await waitFor(() => expect(taskRows(t)[0]?.getAttribute('aria-current')).toBe('true'));
    rows = ROWS.filter((r) => r.id !== 2);
    api.emit({ type: 'ledger-written', method: 'tasks.complete', userId: 7 });
    await waitFor(() =>
      expect(shown).toHaveBeenCalledWith(
        expect.objectContaining({
          title: "Azzurra S.p.A.: un collega ha già chiuso questa attività. Scegli la prossima dall'elenco.",
        }),
      ),
    );
    await waitFor(() => expect(taskRows(t)).toHaveLength(2));
    expect(taskRows(t).some((r) => r.getAttribute('aria-current') === 'true')).toBe(false);
    // A key pressed now acts on nothing (no dialog for Colombo's task)...
    await userEvent.keyboard('c');
    expect(screen.queryByRole('dialog', { name: /^Completa: / })).toBeNull();
    // ... until the clerk picks the next task.
    await userEvent.keyboard('j');
    await waitFor(() => expect(taskRows(t)[0]?.getAttribute('aria-current')).toBe('true'));
    // Parked again, then another view asked for: its first task is the current one, as always.
    rows = rows.filter((r) => r.id !== 3);
    api.emit({ type: 'ledger-written', method: 'tasks.complete', userId: 7 });
    await waitFor(() => expect(taskRows(t)).toHaveLength(1));
    await waitFor(() =>
      expect(taskRows(t).some((r) => r.getAttribute('aria-current') === 'true')).toBe(false),
    );
    await userEvent.type(screen.getByRole('searchbox', { name: 'Cerca nelle attività' }), 'bianchi');
    await waitFor(() => expect(taskRows(t)[0]?.getAttribute('aria-current')).toBe('true'));
    shown.mockRestore();
  });

  it('sorting and filtering are asked of the backend, from the first page again', async () => {
    const { api } = setup();
    const t = await table();
    await waitFor(() => expect(taskRows(t)).toHaveLength(3));
    await userEvent.click(within(t).getByRole('button', { name: 'Cliente' }));
    await waitFor(() =>
      expect(taskRows(t).map((r) => r.getAttribute('aria-label')?.split(' · ')[0])).toEqual([
        'Azzurra S.p.A.',
        'Bianchi S.r.l.',
        'Colombo Ferramenta',
      ]),
    );
    const last = api.calls.filter((c) => c.method === 'worklist.list').at(-1)?.input;
    expect(last).toMatchObject({ sort: 'customer', desc: false, limit: 200 });
    expect(last).not.toHaveProperty('after');
  });

  it('shows the team view and the progress tab to managers only', async () => {
    setup({}, { id: 1, name: 'Paolo', role: 'clerk', areas: [], active: true });
    await table();
    expect(screen.queryByRole('switch', { name: 'Vista team' })).toBeNull();
    expect(screen.queryByRole('tab', { name: 'Andamento del team' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Esegui ora' })).toBeNull();
  });
});
