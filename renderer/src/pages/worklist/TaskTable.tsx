/**
 * The worklist as a dense, virtualized table (the Customers table's pattern): group headers when
 * grouped, a current row (j/k, click) whose customer the side panel shows, check boxes on the
 * mail tasks (letter, e-mail, PEC) for the Letters page. The rows arrive page by page: near the
 * end of those that arrived the table asks for more (`onNearEnd`) and shows a row saying so;
 * screen readers get the whole list's size (aria-rowcount) and each row's place in it.
 *
 * Keyboard: the table is one tab stop (a roving tab index on the current row). Up/Down, Page
 * Up/Down, Home/End move the current row and the focus with it; Enter opens the customer; Space
 * ticks a mail task. Up from the first row reaches the column headers (Left/Right between them,
 * Enter or Space sorts, Down comes back to the rows). Tab leaves the table for the side panel.
 */
import { Avatar, Badge, Checkbox, Group, Loader, Table, Text, Tooltip } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorklistTask } from '../../../../shared/api/contract.ts';
import { SortHeader } from '../../components/SortHeader.tsx';
import { SpacerRow } from '../../components/SpacerRow.tsx';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import { PriorityFactors } from './PriorityFactors.tsx';
import { TYPE_ICON } from './taskTypes.ts';
import { daysOverdueOf, type ListItem, NO_KEY, type TaskSort, type TaskSortKey } from './worklistModel.ts';

const ROW_HEIGHT = 36;
const GROUP_HEIGHT = 32;
const HEADER_HEIGHT = 36;
/** Rows from the end of those that arrived at which the next page is asked. */
const NEAR_END = 40;

/** Tasks that go through the Letters page and can be selected in bulk. */
export function isMailTask(task: WorklistTask): boolean {
  return task.type === 'letter' || task.type === 'email' || task.type === 'pec';
}

type ColumnKey =
  | 'select'
  | 'priority'
  | 'customer'
  | 'step'
  | 'overdue'
  | 'daysOverdue'
  | 'late'
  | 'assignee';

interface Column {
  key: ColumnKey;
  width: string | undefined;
  align?: 'right';
  sort?: TaskSortKey;
  firstDesc?: boolean;
}

const COLUMNS: readonly Column[] = [
  // The customer takes what the others leave: minor columns are as narrow as their content
  // (headers included, in both languages), so names are not cut at 1366 px.
  { key: 'select', width: '36px' },
  { key: 'priority', width: '92px', sort: 'priority', firstDesc: true },
  { key: 'customer', width: undefined, sort: 'customer' },
  { key: 'step', width: '160px' },
  { key: 'overdue', width: '108px', align: 'right', sort: 'overdue', firstDesc: true },
  { key: 'daysOverdue', width: '134px', align: 'right', sort: 'daysOverdue', firstDesc: true },
  { key: 'late', width: '96px', sort: 'late', firstDesc: true },
  { key: 'assignee', width: '44px' },
];

/** Task types that are not the step's own channel: the type is named before the step. */
const NAMED_TYPES = new Set<WorklistTask['type']>(['blockOrders', 'legal', 'agency']);

/** "Giulia Bianchi" -> "GB": the assignee as a small avatar (the name is in its tooltip). */
function initials(name: string | null): string {
  if (!name) return '–';
  const parts = name.trim().split(/\s+/);
  const letters =
    parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts[parts.length - 1]?.[0] ?? ''}` : name.slice(0, 2);
  return letters.toUpperCase();
}

function PriorityCell({ task }: { task: WorklistTask }) {
  const { t } = useTranslation();
  const high = task.priority >= 60;
  return (
    <Tooltip
      label={<PriorityFactors task={task} compact />}
      openDelay={250}
      position="right"
      multiline
      w={280}
    >
      <Badge
        variant="light"
        color={high ? 'accent' : 'gray'}
        size="md"
        className="num prio"
        aria-label={t('tasks.priorityOf', { priority: task.priority })}
      >
        {task.priority}
      </Badge>
    </Tooltip>
  );
}

function LateCell({ task }: { task: WorklistTask }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (task.lateDays <= 0)
    return (
      <Text span size="sm" c="dimmed">
        {t('worklist.dueToday')}
      </Text>
    );
  return (
    <Tooltip label={t('worklist.lateTip', { date: f.date(task.dueDate) })}>
      <Badge color={semantic.dueSoon} variant="light" size="sm" className="num">
        {t('worklist.lateBadge', { count: task.lateDays, days: f.number(task.lateDays) })}
      </Badge>
    </Tooltip>
  );
}

function TaskCells({
  task,
  team,
  selected,
  onToggle,
}: {
  task: WorklistTask;
  team: boolean;
  selected: boolean;
  onToggle: (id: number) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const Icon = TYPE_ICON[task.type];
  const days = daysOverdueOf(task);
  return (
    <>
      <Table.Td className="vt-cell wl-check">
        {isMailTask(task) ? (
          <Checkbox
            size="xs"
            checked={selected}
            onChange={() => onToggle(task.id)}
            onClick={(e) => e.stopPropagation()}
            tabIndex={-1}
            aria-label={t('worklist.selectTask', { customer: task.customerName, step: task.step })}
          />
        ) : null}
      </Table.Td>
      <Table.Td className="vt-cell">
        <PriorityCell task={task} />
      </Table.Td>
      <Table.Td className="vt-cell">
        <Group gap={8} wrap="nowrap" className="cell-text">
          <Text span size="sm" fw={500} truncate="end" title={`${task.customerName} · ${task.customerCode}`}>
            {task.customerName}
          </Text>
          <Text span size="xs" ff="monospace" c="dimmed" className="num wl-code">
            {task.customerCode}
          </Text>
        </Group>
      </Table.Td>
      <Table.Td className="vt-cell">
        <Group gap={8} wrap="nowrap" className="cell-text">
          <Tooltip label={t(`tasks.types.${task.type}`)}>
            <span
              className="type-icon"
              data-type={task.type}
              role="img"
              aria-label={t(`tasks.types.${task.type}`)}
            >
              <Icon size={15} stroke={1.7} />
            </span>
          </Tooltip>
          <Text span size="sm" truncate="end" title={task.step}>
            {NAMED_TYPES.has(task.type) ? (
              <>
                <Text span size="sm" fw={600}>
                  {t(`tasks.types.${task.type}`)}
                </Text>
                <Text span size="sm" c="dimmed">
                  {' · '}
                  {task.step}
                </Text>
              </>
            ) : (
              task.step
            )}
          </Text>
        </Group>
      </Table.Td>
      <Table.Td className="vt-cell" data-align="right">
        <Text span size="sm" fw={600} c={task.overdueCents > 0 ? semantic.overdue : 'dimmed'} className="num">
          {f.money(task.overdueCents)}
        </Text>
      </Table.Td>
      <Table.Td className="vt-cell" data-align="right">
        <Text span size="sm" className="num">
          {days === null ? '—' : t('tasks.days', { count: days, days: f.number(days) })}
        </Text>
      </Table.Td>
      <Table.Td className="vt-cell">
        <LateCell task={task} />
      </Table.Td>
      {team ? (
        <Table.Td className="vt-cell">
          <Tooltip label={task.assignee ?? t('worklist.unassigned')}>
            <Avatar
              size={24}
              radius="xl"
              color="gray"
              variant="light"
              aria-label={task.assignee ?? t('worklist.unassigned')}
            >
              {initials(task.assignee)}
            </Avatar>
          </Tooltip>
        </Table.Td>
      ) : null}
    </>
  );
}

export function TaskTable({
  items,
  currentId,
  selected,
  sort,
  team,
  label,
  busy,
  rowCount,
  hasMore = false,
  onNearEnd,
  onSort,
  onCurrent,
  onToggle,
  onOpen,
  onMove,
  onToggleAll,
  mailCount,
  focusToken = 0,
}: {
  items: ListItem[];
  currentId: number | null;
  selected: ReadonlySet<number>;
  sort: TaskSort;
  team: boolean;
  label: string;
  busy?: boolean;
  /** The whole list's rows (tasks and group headers), arrived or not. */
  rowCount: number;
  /** More rows follow `items`: the table asks them when scrolled near the end. */
  hasMore?: boolean;
  onNearEnd?: () => void;
  onSort: (next: TaskSort) => void;
  onCurrent: (id: number) => void;
  onToggle: (id: number) => void;
  onOpen: (task: WorklistTask) => void;
  /** Moves the current row by `delta` tasks (clamped: ±Infinity is the last or first). */
  onMove: (delta: number) => void;
  /** Select (or clear) every visible mail task. */
  onToggleAll: (select: boolean) => void;
  mailCount: number;
  /** Changed by the page to put the focus on the current row (e.g. the next task after one is done). */
  focusToken?: number;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const columns = COLUMNS.filter((c) => team || c.key !== 'assignee');
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    // One more row while more follow: it says they are coming, and reaching it asks for them.
    count: items.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    overscan: 12,
    // The sticky header sits above the rows: offsets count it, and scrolling to a row clears it.
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const padTop = (virtualItems[0]?.start ?? HEADER_HEIGHT) - HEADER_HEIGHT;
  const padBottom = virtualizer.getTotalSize() - (virtualItems[virtualItems.length - 1]?.end ?? 0);

  // Near the end of the rows that arrived (a screen or so away), ask for the next page.
  const lastShown = virtualItems[virtualItems.length - 1]?.index ?? -1;
  useEffect(() => {
    if (hasMore && lastShown >= items.length - NEAR_END) onNearEnd?.();
  }, [hasMore, lastShown, items.length, onNearEnd]);

  // Keep the current row in view when it moves with the keyboard.
  useEffect(() => {
    if (currentId === null) return;
    const index = items.findIndex((it) => it.kind === 'task' && it.task.id === currentId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [currentId, items, virtualizer]);

  // The focus follows the current row while it is in the table (arrows here, j/k on the page).
  const wantFocus = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the current row changes
  useEffect(() => {
    const active = document.activeElement;
    if (
      active instanceof HTMLElement &&
      active.matches('tr[data-task-id]') &&
      scrollRef.current?.contains(active)
    )
      wantFocus.current = true;
  }, [currentId]);
  useEffect(() => {
    if (focusToken > 0) wantFocus.current = true;
  }, [focusToken]);
  // After every render: the wanted row may only now be rendered (the table is virtualized).
  useEffect(() => {
    if (!wantFocus.current || currentId === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-task-id="${currentId}"]`);
    if (!row) return;
    wantFocus.current = false;
    if (document.activeElement !== row) row.focus({ preventScroll: true });
  });

  const firstTaskId = items.find((it) => it.kind === 'task')?.task.id;
  const headControls = () => [
    ...(scrollRef.current?.querySelectorAll<HTMLElement>('thead [data-head-control]:not(:disabled)') ?? []),
  ];
  const focusCurrentRow = () => {
    wantFocus.current = true;
    const index = items.findIndex((it) => it.kind === 'task' && it.task.id === currentId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-task-id="${currentId}"]`);
    if (row) {
      wantFocus.current = false;
      row.focus({ preventScroll: true });
    }
  };
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, task: WorklistTask) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 360) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: Number.NEGATIVE_INFINITY,
      End: Number.POSITIVE_INFINITY,
    };
    const delta = moves[e.key];
    if (e.key === 'ArrowUp' && task.id === firstTaskId) {
      const controls = headControls();
      (controls.find((c) => c.closest('th')?.hasAttribute('data-active')) ?? controls[0])?.focus();
    } else if (delta !== undefined) {
      wantFocus.current = true;
      onMove(delta);
    } else if (e.key === 'Enter') {
      onOpen(task);
    } else if (e.key === ' ') {
      if (isMailTask(task)) onToggle(task.id);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const onHeadKey = (e: KeyboardEvent<HTMLTableRowElement>) => {
    const controls = headControls();
    const at = controls.indexOf(e.target as HTMLElement);
    if (at < 0) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const next = controls[(at + (e.key === 'ArrowRight' ? 1 : controls.length - 1)) % controls.length];
      next?.focus();
    } else if (e.key === 'ArrowDown') {
      focusCurrentRow();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  // Scrolled away from the current row (mouse wheel): the table itself takes the tab stop.
  const currentRendered = virtualItems.some((v) => {
    const it = items[v.index];
    return it?.kind === 'task' && it.task.id === currentId;
  });

  const selectedCount = selected.size;
  const allChecked = mailCount > 0 && selectedCount >= mailCount;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a tab stop only while the current row is scrolled away; the focus goes on to that row
    <div
      ref={scrollRef}
      className="vt wl-table"
      tabIndex={currentRendered || currentId === null ? undefined : 0}
      onFocus={(e) => {
        if (e.target === e.currentTarget) focusCurrentRow();
      }}
    >
      <Table
        aria-label={label}
        aria-rowcount={Math.max(rowCount, items.length) + 1}
        aria-busy={busy || undefined}
        layout="fixed"
        stickyHeader
        verticalSpacing={0}
        horizontalSpacing="xs"
        className="vt-table wl-vt-table"
      >
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <Table.Thead className="vt-head">
          <Table.Tr aria-rowindex={1} onKeyDown={onHeadKey}>
            {columns.map((c) => {
              if (c.key === 'select')
                return (
                  <Table.Th key={c.key} className="vt-th wl-check">
                    <Checkbox
                      size="xs"
                      disabled={mailCount === 0}
                      checked={allChecked}
                      indeterminate={selectedCount > 0 && !allChecked}
                      onChange={() => onToggleAll(!allChecked)}
                      aria-label={t('worklist.selectAllMail')}
                      tabIndex={-1}
                      data-head-control
                    />
                  </Table.Th>
                );
              const name = t(`worklist.columns.${c.key}`);
              if (c.key === 'assignee')
                return (
                  <Table.Th key={c.key} className="vt-th" title={name}>
                    <IconUser size={14} aria-hidden />
                    <span className="visually-hidden">{name}</span>
                  </Table.Th>
                );
              return (
                <SortHeader
                  key={c.key}
                  label={name}
                  sortKey={c.sort}
                  firstDesc={c.firstDesc}
                  align={c.align}
                  sort={sort}
                  onSort={onSort}
                  headControl
                />
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <SpacerRow height={padTop} columns={columns.length} />
          {virtualItems.map((v) => {
            const item = items[v.index];
            if (!item)
              return v.index === items.length ? (
                <tr key="more" className="wl-more" style={{ height: ROW_HEIGHT }} aria-hidden>
                  <td colSpan={columns.length} className="vt-cell">
                    <Group gap={8} justify="center" wrap="nowrap">
                      <Loader size="xs" />
                      <Text span size="sm" c="dimmed">
                        {t('worklist.loadingMore')}
                      </Text>
                    </Group>
                  </td>
                </tr>
              ) : null;
            if (item.kind === 'group') {
              return (
                <Table.Tr
                  key={`g:${v.index}:${item.key}`}
                  aria-rowindex={v.index + 2}
                  className="wl-group"
                  style={{ height: GROUP_HEIGHT }}
                >
                  <Table.Th scope="colgroup" colSpan={columns.length} className="wl-group-cell">
                    <Group gap="xs" wrap="nowrap">
                      <Text span size="sm" fw={600}>
                        {item.key === NO_KEY ? t('worklist.noGroup') : item.key}
                      </Text>
                      <Text span size="xs" c="dimmed" className="num">
                        {t('worklist.groupSummary', {
                          count: item.count,
                          total: f.number(item.count),
                          amount: f.money(item.overdueCents),
                        })}
                      </Text>
                    </Group>
                  </Table.Th>
                </Table.Tr>
              );
            }
            const task = item.task;
            const current = task.id === currentId;
            return (
              <Table.Tr
                key={task.id}
                aria-rowindex={v.index + 2}
                aria-current={current || undefined}
                tabIndex={current ? 0 : -1}
                aria-label={`${task.customerName} · ${task.step}`}
                data-task-id={task.id}
                data-current={current || undefined}
                data-checked={selected.has(task.id) || undefined}
                className="vt-tr wl-tr"
                style={{ height: ROW_HEIGHT }}
                onClick={() => onCurrent(task.id)}
                onFocus={(e) => {
                  if (e.target === e.currentTarget && !current) onCurrent(task.id);
                }}
                onKeyDown={(e) => onRowKey(e, task)}
                onDoubleClick={() => onOpen(task)}
              >
                <TaskCells task={task} team={team} selected={selected.has(task.id)} onToggle={onToggle} />
              </Table.Tr>
            );
          })}
          <SpacerRow height={padBottom} columns={columns.length} />
        </Table.Tbody>
      </Table>
    </div>
  );
}
