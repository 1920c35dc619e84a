import { Badge, Checkbox, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import type { ProfileItem } from './types.ts';

/** A compact checklist of invoices (document, due date, residual) to pick the ones a dispute or a plan covers. */
export function ItemPicker({
  items,
  selected,
  onChange,
  label,
  error,
  disabledIds,
  maxHeight = 220,
}: {
  items: ProfileItem[];
  selected: ReadonlySet<number>;
  onChange: (next: Set<number>) => void;
  label: string;
  error?: string | undefined;
  /** Items shown but not selectable (already disputed…). */
  disabledIds?: ReadonlySet<number>;
  maxHeight?: number;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const labelId = useId();
  const total = items.filter((i) => selected.has(i.id)).reduce((s, i) => s + i.residualCents, 0);
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={500} id={labelId}>
          {label}
        </Text>
        <Text size="xs" c="dimmed" className="num" data-testid="picker-total">
          {t('customer.items.selected', {
            count: selected.size,
            total: f.number(selected.size),
            amount: f.money(total),
          })}
        </Text>
      </Group>
      <ScrollArea.Autosize mah={maxHeight} className="item-picker" data-error={error ? true : undefined}>
        <Stack gap={0} role="group" aria-labelledby={labelId}>
          {items.map((i) => {
            const disabled = disabledIds?.has(i.id) ?? false;
            return (
              <Checkbox
                key={i.id}
                className="item-picker-row"
                size="xs"
                disabled={disabled}
                checked={selected.has(i.id)}
                onChange={(e) => {
                  const next = new Set(selected);
                  if (e.currentTarget.checked) next.add(i.id);
                  else next.delete(i.id);
                  onChange(next);
                }}
                aria-label={i.documentNumber}
                label={
                  <Group gap="sm" wrap="nowrap" justify="space-between" w="100%">
                    <Text span size="sm" className="num">
                      {i.documentNumber}
                    </Text>
                    <Group gap="sm" wrap="nowrap">
                      {i.disputed ? (
                        <Badge size="xs" color={semantic.paused}>
                          {t('customer.items.disputed')}
                        </Badge>
                      ) : null}
                      <Text span size="xs" c={i.daysLate > 0 ? semantic.overdue : 'dimmed'} className="num">
                        {f.date(i.dueDate)}
                      </Text>
                      <Text span size="sm" className="num" w={110} ta="right">
                        {f.money(i.residualCents)}
                      </Text>
                    </Group>
                  </Group>
                }
              />
            );
          })}
        </Stack>
      </ScrollArea.Autosize>
      {error ? (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
