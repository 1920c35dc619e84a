import { Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';

/** The order of a list: by which key, and whether from the largest. */
export interface SortOrder<K extends string> {
  sort: K;
  desc: boolean;
}

function SortIcon({ active, desc }: { active: boolean; desc: boolean }) {
  if (!active) return <IconArrowsSort size={13} className="sort-idle" aria-hidden />;
  return desc ? <IconArrowDown size={13} aria-hidden /> : <IconArrowUp size={13} aria-hidden />;
}

/**
 * The head cell of a virtual table's column (`vt-th`): with a sort key, a button that sorts by it
 * — the same column again turns the order round, another starts from `firstDesc` — and the
 * `aria-sort` that says how the list is sorted now; without one, just the name.
 */
export function SortHeader<K extends string>({
  label,
  sortKey,
  firstDesc,
  align,
  sort,
  onSort,
  headControl,
}: {
  label: string;
  sortKey: K | undefined;
  firstDesc: boolean | undefined;
  align: 'right' | undefined;
  sort: SortOrder<K>;
  onSort: (next: SortOrder<K>) => void;
  /** The button is one of the head's roving controls (out of the Tab order, reached by arrows). */
  headControl?: boolean;
}) {
  const active = sortKey !== undefined && sortKey === sort.sort;
  return (
    <Table.Th
      className="vt-th"
      data-align={align}
      data-active={active || undefined}
      aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : sortKey ? 'none' : undefined}
    >
      {sortKey ? (
        <UnstyledButton
          className="sort-button"
          {...(headControl ? { tabIndex: -1, 'data-head-control': true } : {})}
          onClick={() => onSort({ sort: sortKey, desc: active ? !sort.desc : Boolean(firstDesc) })}
        >
          <span>{label}</span>
          <SortIcon active={active} desc={sort.desc} />
        </UnstyledButton>
      ) : (
        label
      )}
    </Table.Th>
  );
}
