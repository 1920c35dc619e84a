import { Checkbox } from '@mantine/core';

/**
 * The box that selects a set of rows at once (a table's header, a group's heading): checked when
 * all of them are selected, a dash when some are; a click selects them all, or clears them when
 * all were.
 */
export function SelectAllCheckbox({
  ids,
  selected,
  label,
  onToggle,
}: {
  ids: readonly number[];
  selected: ReadonlySet<number>;
  label: string;
  onToggle: (select: boolean) => void;
}) {
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  const some = ids.some((id) => selected.has(id));
  return (
    <Checkbox
      size="xs"
      aria-label={label}
      checked={all}
      indeterminate={some && !all}
      onChange={() => onToggle(!all)}
    />
  );
}
