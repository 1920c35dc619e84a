/**
 * The customers as a dense, virtualized table: a sticky header whose sortable column headers are
 * buttons, amounts right-aligned in tabular figures, overdue amounts red. A native <table> (fixed
 * layout) where only the visible rows are rendered, between two spacer rows.
 */
import { Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CustomerRow } from '../../../../shared/api/contract.ts';
import { SortHeader } from '../../components/SortHeader.tsx';
import { SpacerRow } from '../../components/SpacerRow.tsx';
import { type Formatters, useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import { CLASS_COLOR } from '../customer/RatingBadge.tsx';
import type { CustomerSort } from './useCustomers.ts';

export interface SortState {
  sort: CustomerSort;
  desc: boolean;
}

export type ColumnKey =
  | 'code'
  | 'name'
  | 'band'
  | 'class'
  | 'vat'
  | 'area'
  | 'salesperson'
  | 'items'
  | 'residual'
  | 'overdue'
  | 'oldestDue';

interface Column {
  key: ColumnKey;
  /** Always shown: the column chooser cannot hide it. */
  fixed?: boolean;
  /** Fixed width; the name column takes what is left. */
  width: string | undefined;
  align?: 'right';
  /** The backend sort this column's header applies. */
  sort?: CustomerSort;
  /** Amounts and dates start descending/ascending as a clerk expects (largest, oldest first). */
  firstDesc?: boolean;
  render: (row: CustomerRow, f: Formatters, asOf: string | null, classOf: ClassOf) => ReactNode;
}

/** The rating class of a customer code (from `ratings.list`), if rated. */
export type ClassOf = (code: string) => string | undefined;

function OldestDue({ row, f, asOf }: { row: CustomerRow; f: Formatters; asOf: string | null }) {
  const { t } = useTranslation();
  if (!row.oldestDueDate)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  const days = asOf ? f.days(row.oldestDueDate, asOf) : null;
  return (
    <span className="num">
      {f.date(row.oldestDueDate)}
      {days !== null && days > 0 ? (
        <Text span c="dimmed" size="xs" ml={6}>
          {t('customers.daysShort', { days: f.number(days) })}
        </Text>
      ) : null}
    </span>
  );
}

// Minor columns as narrow as their content and header (both languages): the name keeps the
// width at 1366 px.
export const COLUMNS: readonly Column[] = [
  {
    key: 'code',
    fixed: true,
    width: '76px',
    sort: 'code',
    render: (r) => (
      <Text span size="sm" ff="monospace" className="cell-code">
        {r.code}
      </Text>
    ),
  },
  {
    key: 'name',
    fixed: true,
    width: undefined,
    sort: 'name',
    render: (r) => <NameCell row={r} />,
  },
  {
    key: 'band',
    width: '60px',
    render: (r) =>
      r.band ? (
        <Badge color="gray" size="sm" variant="outline" className="band">
          {r.band}
        </Badge>
      ) : (
        <Text span c="dimmed">
          —
        </Text>
      ),
  },
  {
    key: 'class',
    width: '62px',
    render: (r, _f, _asOf, classOf) => {
      const c = classOf(r.code);
      return c ? (
        <Badge color={CLASS_COLOR[c] ?? 'gray'} size="sm" variant="light" data-testid="row-class">
          {c}
        </Badge>
      ) : (
        <Text span c="dimmed">
          —
        </Text>
      );
    },
  },
  {
    key: 'vat',
    width: '108px',
    render: (r) => (
      <Text span size="sm" c={r.vat ? undefined : 'dimmed'} className="num">
        {r.vat ?? '—'}
      </Text>
    ),
  },
  { key: 'area', width: '92px', render: (r) => <Truncated text={r.area} /> },
  { key: 'salesperson', width: '116px', render: (r) => <Truncated text={r.salesperson} /> },
  {
    key: 'items',
    width: '72px',
    align: 'right',
    render: (r, f) => <span className="num">{f.number(r.items)}</span>,
  },
  {
    key: 'residual',
    width: '112px',
    align: 'right',
    sort: 'residual',
    firstDesc: true,
    render: (r, f) => <span className="num">{f.money(r.residualCents)}</span>,
  },
  {
    key: 'overdue',
    fixed: true,
    width: '112px',
    align: 'right',
    sort: 'overdue',
    firstDesc: true,
    render: (r, f) =>
      r.overdueCents > 0 ? (
        <Text span size="sm" fw={600} c={semantic.overdue} className="num">
          {f.money(r.overdueCents)}
        </Text>
      ) : (
        <Text span size="sm" c="dimmed" className="num">
          {f.money(r.overdueCents)}
        </Text>
      ),
  },
  {
    key: 'oldestDue',
    width: '136px',
    sort: 'oldestDue',
    render: (r, f, asOf) => <OldestDue row={r} f={f} asOf={asOf} />,
  },
];

const ROW_HEIGHT = 34;

function Truncated({ text }: { text: string | null }) {
  if (!text)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  return (
    <Text span size="sm" truncate="end" title={text} className="cell-text">
      {text}
    </Text>
  );
}

/** The profile of a customer (`#/customers/:code`). */
export function customerPath(code: string): string {
  return `/customers/${encodeURIComponent(code)}`;
}

function NameCell({ row }: { row: CustomerRow }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap" className="cell-text">
      <Anchor
        component={Link}
        to={customerPath(row.code)}
        size="sm"
        fw={500}
        truncate="end"
        title={row.name}
        c="var(--mantine-color-text)"
        className="customer-link"
      >
        {row.name}
      </Anchor>
      {row.orderBlocked ? (
        <Tooltip label={t('customers.orderBlocked')}>
          <Badge
            color={semantic.overdue}
            size="xs"
            variant="light"
            leftSection={<IconLock size={10} />}
            aria-label={t('customers.orderBlocked')}
          >
            {t('customers.blocked')}
          </Badge>
        </Tooltip>
      ) : null}
    </Group>
  );
}

export function CustomersTable({
  rows,
  asOf,
  sort,
  onSort,
  label,
  busy,
  hidden,
  classOf = () => undefined,
}: {
  rows: CustomerRow[];
  asOf: string | null;
  sort: SortState;
  onSort: (next: SortState) => void;
  label: string;
  busy?: boolean;
  /** Columns the user chose not to see. */
  hidden?: ReadonlySet<ColumnKey>;
  classOf?: ClassOf;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const columns = COLUMNS.filter((c) => c.fixed || !hidden?.has(c.key));
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  // Spacer rows above and below the visible window keep the native table layout and semantics.
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <div ref={scrollRef} className="vt">
      <Table
        aria-label={label}
        aria-rowcount={rows.length + 1}
        aria-busy={busy || undefined}
        layout="fixed"
        stickyHeader
        verticalSpacing={0}
        className="vt-table"
      >
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <Table.Thead className="vt-head">
          <Table.Tr aria-rowindex={1}>
            {columns.map((c) => (
              <SortHeader
                key={c.key}
                label={t(`customers.columns.${c.key}`)}
                sortKey={c.sort}
                firstDesc={c.firstDesc}
                align={c.align}
                sort={sort}
                onSort={onSort}
              />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <SpacerRow height={padTop} columns={columns.length} />
          {items.map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            return (
              <Table.Tr
                key={row.id}
                aria-rowindex={v.index + 2}
                className="vt-tr"
                data-odd={v.index % 2 === 1 || undefined}
                style={{ height: ROW_HEIGHT }}
                onClick={(e) => {
                  // The whole row opens the profile; the name is the link for the keyboard.
                  if ((e.target as HTMLElement).closest('a')) return;
                  navigate(customerPath(row.code));
                }}
              >
                {columns.map((c) => (
                  <Table.Td key={c.key} className="vt-cell" data-align={c.align}>
                    {c.render(row, f, asOf, classOf)}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
          <SpacerRow height={padBottom} columns={columns.length} />
        </Table.Tbody>
      </Table>
    </div>
  );
}
