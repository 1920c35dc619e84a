/**
 * Home: today's tasks of the current user (a manager can switch to the whole team), sorted by
 * priority, with filters and grouping on top (WorklistToolbar), a side panel with the selected
 * customer's essentials and the task's actions, and — for managers — the team's progress. The
 * ledger's figures stay as a compact strip on top. The backend filters, sorts and sends the list
 * page by page as the table scrolls (useWorklistPages). Keyboard: j/k or the arrows (in the
 * table, one tab stop) move, Enter opens the customer, c completes, s skips, x selects a mail
 * task for the Letters page.
 */
import { Button, Skeleton, Stack, Tabs } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconChartBar, IconChecklist, IconFilterOff, IconUsers } from '@tabler/icons-react';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { WorklistTask } from '../../../../shared/api/contract.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { notifyInfo, notifySuccess } from '../../components/notify.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormat } from '../../format.ts';
import { useSession } from '../../state/session.tsx';
import { MissingSetup } from '../setup/MissingSetup.tsx';
import { EmptyLedger } from './EmptyLedger.tsx';
import { LedgerStrip } from './LedgerStrip.tsx';
import { ProgressView } from './ProgressView.tsx';
import { RunNowButton } from './RunNowButton.tsx';
import { type CompleteInput, CompleteTaskModal, SkipTaskModal } from './TaskDialogs.tsx';
import { TaskPanel } from './TaskPanel.tsx';
import { isMailTask, TaskTable } from './TaskTable.tsx';
import type { TaskType } from './taskTypes.ts';
import { useWorklistPages } from './useWorklistPages.ts';
import { WorklistToolbar } from './WorklistToolbar.tsx';
import { focusIsInteractive, isInteractive } from './worklistKeys.ts';
import { buildItems, type Dimension, type Drill, type TaskSort } from './worklistModel.ts';
import { rememberPrefs, storedPrefs, type WorklistPrefs } from './worklistPrefs.ts';

export function WorklistPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const summary = useApiQuery('summary.get', {});
  const s = summary.data;

  return (
    <div className="page page-fill">
      {summary.error && !s ? <ErrorState error={summary.error} onRetry={summary.reload} /> : null}
      {!s && !summary.error ? (
        <>
          <PageHeader title={t('worklist.title')} />
          <Stack gap="sm">
            <Skeleton h={48} />
            <Skeleton h={320} />
          </Stack>
        </>
      ) : null}
      {s && s.items === 0 ? (
        <>
          <PageHeader title={t('worklist.title')} />
          <MissingSetup />
          <EmptyLedger />
        </>
      ) : null}
      {s && s.items > 0 ? <Worklist strip={<LedgerStrip summary={s} />} asOf={f.date(s.asOf)} /> : null}
    </div>
  );
}

function Worklist({ strip, asOf }: { strip: ReactNode; asOf: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const { canCall, user } = useSession();
  const isManager = canCall('worklist.progress');
  const canAct = canCall('tasks.complete');
  const canRun = canCall('dunning.run');

  const [prefs, setPrefs] = useState<WorklistPrefs>(() => storedPrefs(user.id));
  const team = isManager && prefs.team;
  const groupBy = prefs.groupBy;
  const [tab, setTab] = useState<'tasks' | 'progress'>('tasks');
  const [progressBy, setProgressBy] = useState<Dimension>('collector');
  const [type, setType] = useState<TaskType | 'all'>('all');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 120);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [sort, setSort] = useState<TaskSort>({ sort: 'priority', desc: true });
  const [currentId, setCurrentId] = useState<number | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [completing, setCompleting] = useState<WorklistTask | null>(null);
  const [skipping, setSkipping] = useState<WorklistTask | null>(null);
  const [refresh, setRefresh] = useState(0);
  const lastIndex = useRef(0);
  // After a task is done or skipped, the focus goes to the task that takes its place.
  const [focusToken, setFocusToken] = useState(0);
  const focusAfterReload = useRef<number | null>(null);

  const changePrefs = (patch: Partial<WorklistPrefs>) => {
    const next = { ...prefs, ...patch };
    setPrefs(next);
    rememberPrefs(user.id, next);
  };

  const list = useWorklistPages({ team, type, search: debounced, drill, groupBy, sort });
  const { rows, today, counts, groupedBy } = list;

  const items = useMemo(
    () => buildItems(rows, groupedBy, counts?.groups ?? []),
    [rows, groupedBy, counts?.groups],
  );
  const order = useMemo(() => items.flatMap((it) => (it.kind === 'task' ? [it.task] : [])), [items]);
  const total = counts?.total ?? 0;
  const lateCount = counts?.late ?? 0;
  // The whole list's rows (tasks, and group headers when grouped), most not yet arrived.
  const rowCount =
    (counts?.matching ?? rows.length) + (groupedBy === 'none' ? 0 : (counts?.groups.length ?? 0));

  // The current row survives reloads; when its task is gone (done), the next one takes its place.
  const currentIndex = order.findIndex((task) => task.id === currentId);
  const current = currentIndex >= 0 ? (order[currentIndex] ?? null) : null;
  const lastCurrent = useRef<WorklistTask | null>(null);
  // No current task, on purpose, until the user picks one (see below) or asks for another view.
  const parked = useRef(false);
  const viewKey = JSON.stringify([team, type, debounced, drill, groupBy, sort]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the view's key is the trigger.
  useEffect(() => {
    parked.current = false;
  }, [viewKey]);
  const byColleague = list.byColleague;
  useEffect(() => {
    if (order.length === 0) {
      if (currentId !== null) setCurrentId(null);
      return;
    }
    if (currentIndex >= 0) {
      lastIndex.current = currentIndex;
      lastCurrent.current = order[currentIndex] ?? null;
      return;
    }
    if (currentId === null && parked.current) return;
    // Filtered out: the first row. Gone from the list (done, skipped): the row that took its place.
    const stillThere = currentId !== null && rows.some((r) => r.id === currentId);
    // Not when the clerk just acted on it themselves (a colleague's reload may have replaced their own).
    if (!stillThere && currentId !== null && byColleague && focusAfterReload.current !== currentId) {
      // A colleague closed it while it was open here: said, and no other task becomes current by
      // itself — a key pressed at that moment would act on another customer's task.
      notifyInfo(t('worklist.closedByColleague', { customer: lastCurrent.current?.customerName ?? '' }));
      parked.current = true;
      setCurrentId(null);
      return;
    }
    const next = order[stillThere || currentId === null ? 0 : Math.min(lastIndex.current, order.length - 1)];
    setCurrentId(next?.id ?? null);
  }, [order, rows, currentIndex, currentId, byColleague, t]);
  /** The user's own choice of the current task (a click, the arrows, j/k) ends the pause. */
  const choose = (id: number | null) => {
    parked.current = false;
    setCurrentId(id);
  };

  // Selections of tasks that left the list are dropped.
  useEffect(() => {
    setSelected((prev) => {
      const ids = new Set(rows.map((r) => r.id));
      const kept = [...prev].filter((id) => ids.has(id));
      return kept.length === prev.size ? prev : new Set(kept);
    });
  }, [rows]);

  const mailVisible = useMemo(() => rows.filter(isMailTask), [rows]);

  const toggle = (id: number) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const openCustomer = (task: WorklistTask) =>
    navigate(`/customers/${encodeURIComponent(task.customerCode)}`);
  const move = (delta: number) => {
    if (order.length === 0) return;
    const from = currentIndex >= 0 ? currentIndex : delta > 0 ? -1 : order.length;
    const next = order[Math.max(0, Math.min(order.length - 1, from + delta))];
    if (next) choose(next.id);
  };
  const dialogOpen = completing !== null || skipping !== null;
  const onTasks = tab === 'tasks';
  const guard = (fn: () => void) => () => {
    if (dialogOpen || !onTasks || focusIsInteractive()) return;
    fn();
  };

  useHotkeys([
    ['j', guard(() => move(1))],
    ['k', guard(() => move(-1))],
    [
      // Not cancelled by the helper: Enter on a button, link or field keeps doing its job.
      'Enter',
      (e) => {
        if (dialogOpen || !onTasks || isInteractive(e.target instanceof Element ? e.target : null)) return;
        if (focusIsInteractive() || !current) return;
        e.preventDefault();
        openCustomer(current);
      },
      { preventDefault: false },
    ],
    [
      'c',
      guard(() => {
        if (current && canAct) setCompleting(current);
      }),
    ],
    [
      's',
      guard(() => {
        if (current && canAct) setSkipping(current);
      }),
    ],
    [
      'x',
      guard(() => {
        if (!current) return;
        if (isMailTask(current)) toggle(current.id);
        else notifyInfo(t('worklist.onlyMail'));
      }),
    ],
  ]);

  const afterAction = (task: WorklistTask) => {
    setRefresh((n) => n + 1);
    focusAfterReload.current = task.id;
    list.reload();
  };

  // The reloaded list no longer has the task just done: focus the current row (its successor).
  useEffect(() => {
    const doneId = focusAfterReload.current;
    if (doneId === null || list.loading || rows.some((r) => r.id === doneId)) return;
    if (current === null) return;
    focusAfterReload.current = null;
    setFocusToken((n) => n + 1);
  }, [list.loading, rows, current]);

  const onCompleted = (task: WorklistTask, input: CompleteInput) => {
    setCompleting(null);
    let detail = t(`tasks.outcomes.${input.outcome}`);
    if (input.outcome === 'promise' && input.promiseDate && input.promiseCents !== undefined)
      detail = t('tasks.donePromise', {
        amount: f.money(input.promiseCents),
        date: f.date(input.promiseDate),
      });
    else if (input.outcome === 'callback' && input.callbackDate)
      detail = t('tasks.doneCallback', { date: f.date(input.callbackDate) });
    notifySuccess(t('tasks.completed', { customer: task.customerName }), `${task.step} · ${detail}`);
    afterAction(task);
  };

  const onSkipped = (task: WorklistTask, reason: string) => {
    setSkipping(null);
    notifySuccess(t('tasks.skipped', { customer: task.customerName }), `${task.step} · ${reason}`);
    afterAction(task);
  };

  const drillTo = (by: Dimension, key: string) => {
    setDrill({ by, key });
    changePrefs({ team: true, groupBy: by });
    setTab('tasks');
  };

  const filtersOn = type !== 'all' || search !== '' || drill !== null;
  const clearFilters = () => {
    setType('all');
    setSearch('');
    setDrill(null);
  };

  const description = counts
    ? t('worklist.subtitleTasks', {
        count: total,
        total: f.number(total),
        today: f.date(counts.today),
        asOf,
      }) +
      (lateCount > 0 ? ` · ${t('worklist.lateCount', { count: lateCount, total: f.number(lateCount) })}` : '')
    : undefined;

  const tasksView = (
    <div className="wl-view">
      <WorklistToolbar
        search={search}
        onSearch={setSearch}
        type={type}
        onType={setType}
        groupBy={groupBy}
        onGroupBy={(g) => changePrefs({ groupBy: g })}
        team={team}
        onTeam={(on) => {
          changePrefs({ team: on });
          if (!on) setDrill(null);
        }}
        showTeam={isManager}
        drill={drill}
        onClearDrill={() => setDrill(null)}
        counts={counts}
        filtersOn={filtersOn}
        loading={list.loading}
        selectedCount={selected.size}
        onToLetters={() => navigate(`/letters?tasks=${[...selected].join(',')}`)}
        onClearSelection={() => setSelected(new Set())}
      />

      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {!list.loaded && !list.error ? <Skeleton h={320} /> : null}
      {list.loaded && rows.length === 0 && !filtersOn ? (
        <EmptyPanel
          icon={<IconChecklist size={26} stroke={1.5} />}
          title={t('worklist.noTasksTitle')}
          description={team ? t('worklist.noTasksTeamText') : t('worklist.noTasksText')}
          actions={
            <>
              {canRun ? <RunNowButton variant="filled" /> : null}
              {isManager && !team ? (
                <Button
                  variant="default"
                  leftSection={<IconUsers size={16} />}
                  onClick={() => changePrefs({ team: true })}
                >
                  {t('worklist.teamView')}
                </Button>
              ) : null}
              <Button
                variant="default"
                leftSection={<IconUsers size={16} />}
                onClick={() => navigate('/customers')}
              >
                {t('worklist.customersAction')}
              </Button>
            </>
          }
        />
      ) : null}
      {list.loaded && rows.length === 0 && filtersOn ? (
        <EmptyPanel
          icon={<IconFilterOff size={26} stroke={1.5} />}
          title={t('worklist.noMatchTitle')}
          description={t('worklist.noMatchText')}
          actions={
            <Button variant="default" onClick={clearFilters}>
              {t('worklist.clearFilters')}
            </Button>
          }
        />
      ) : null}
      {rows.length > 0 ? (
        <div className="wl-body">
          <TaskTable
            items={items}
            currentId={currentId}
            selected={selected}
            sort={sort}
            team={team}
            label={t('worklist.tableLabel')}
            busy={list.loading}
            rowCount={rowCount}
            hasMore={list.hasMore}
            onNearEnd={list.loadMore}
            onSort={setSort}
            onCurrent={choose}
            onToggle={toggle}
            onOpen={openCustomer}
            onMove={move}
            focusToken={focusToken}
            onToggleAll={(on) => setSelected(on ? new Set(mailVisible.map((m) => m.id)) : new Set())}
            mailCount={mailVisible.length}
          />
          <TaskPanel
            task={current}
            today={today}
            refresh={refresh}
            canAct={canAct}
            onComplete={() => current && setCompleting(current)}
            onSkip={() => current && setSkipping(current)}
            onOpen={() => current && openCustomer(current)}
          />
        </div>
      ) : null}
    </div>
  );

  return (
    <>
      <PageHeader
        title={t('worklist.title')}
        description={description}
        actions={canRun ? <RunNowButton /> : undefined}
      />
      <MissingSetup />
      <div className="wl-strip">{strip}</div>
      {isManager ? (
        <Tabs
          value={tab}
          onChange={(v) => setTab(v === 'progress' ? 'progress' : 'tasks')}
          className="wl-tabs"
          keepMounted={false}
        >
          <Tabs.List mb="sm">
            <Tabs.Tab value="tasks" leftSection={<IconChecklist size={15} />}>
              {team ? t('worklist.tabs.teamTasks') : t('worklist.tabs.tasks')}
            </Tabs.Tab>
            <Tabs.Tab value="progress" leftSection={<IconChartBar size={15} />}>
              {t('worklist.tabs.progress')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="tasks" className="wl-tabpanel">
            {tasksView}
          </Tabs.Panel>
          <Tabs.Panel value="progress" className="wl-tabpanel">
            <ProgressView by={progressBy} onBy={setProgressBy} onDrill={drillTo} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        tasksView
      )}
      <CompleteTaskModal
        task={completing}
        today={today}
        onClose={() => setCompleting(null)}
        onDone={onCompleted}
      />
      <SkipTaskModal task={skipping} onClose={() => setSkipping(null)} onDone={onSkipped} />
    </>
  );
}
