import { Badge, Checkbox, Group, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LetterTask } from '../../../../shared/api/contracts/letters.ts';
import { SelectAllCheckbox } from '../../components/SelectAllCheckbox.tsx';
import { useFormat } from '../../format.ts';
import type { PageLine } from './model.ts';

function StatusCell({ row }: { row: LetterTask }) {
  const { t } = useTranslation();
  if (row.mail?.status === 'failed') {
    return (
      <Tooltip label={row.mail.response ?? ''} multiline w={320} disabled={!row.mail.response}>
        <Badge color="red" variant="light" size="sm">
          {t('letters.status.failed', { count: row.mail.attempts })}
        </Badge>
      </Tooltip>
    );
  }
  if (row.mail?.status === 'sending')
    return (
      <Badge color="gray" variant="light" size="sm">
        {t('letters.status.sending')}
      </Badge>
    );
  if (row.letter?.status === 'generated' && row.letter.batchId !== null)
    return (
      <Badge color="yellow" variant="light" size="sm">
        {t('letters.status.printed', { batch: row.letter.batchId })}
      </Badge>
    );
  return (
    <Text size="xs" c="dimmed">
      {t('letters.status.todo')}
    </Text>
  );
}

/**
 * One page of a channel's tasks, a block per template (its heading selects the whole template,
 * on every page), with selection; the header's box selects the whole channel.
 */
export function LetterTaskTable({
  lines,
  all,
  selected,
  current,
  onToggle,
  onToggleMany,
  onOpen,
}: {
  lines: PageLine[];
  /** Every task id of the channel (all pages). */
  all: number[];
  selected: ReadonlySet<number>;
  current: number | null;
  onToggle: (id: number) => void;
  onToggleMany: (ids: number[], on: boolean) => void;
  onOpen: (id: number) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table
        aria-label={t('letters.tableLabel')}
        stickyHeader
        highlightOnHover
        verticalSpacing={4}
        horizontalSpacing="xs"
        fz="sm"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={32}>
              <SelectAllCheckbox
                ids={all}
                selected={selected}
                label={t('letters.selectAll')}
                onToggle={(on) => onToggleMany(all, on)}
              />
            </Table.Th>
            <Table.Th>{t('letters.col.customer')}</Table.Th>
            <Table.Th>{t('letters.col.recipient')}</Table.Th>
            <Table.Th ta="right">{t('letters.col.overdue')}</Table.Th>
            <Table.Th>{t('letters.col.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => {
            if (line.kind === 'group') {
              const g = line.group;
              const ids = g.rows.map((r) => r.taskId);
              const title = t(`letters.templates.${g.template}`);
              return (
                <Table.Tr
                  key={`g-${g.template}`}
                  className="letters-group"
                  data-testid={`group-${g.template}`}
                >
                  <Table.Td>
                    <SelectAllCheckbox
                      ids={ids}
                      selected={selected}
                      label={t('letters.selectGroup', { template: title })}
                      onToggle={(on) => onToggleMany(ids, on)}
                    />
                  </Table.Td>
                  <Table.Td colSpan={2}>
                    <Group gap="xs">
                      <Text fw={600} size="sm">
                        {title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('letters.groupCount', { count: g.rows.length })}
                        {line.continued ? ` · ${t('letters.continued')}` : ''}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    <Text size="sm" fw={600} className="num">
                      {f.money(g.overdueCents)}
                    </Text>
                  </Table.Td>
                  <Table.Td />
                </Table.Tr>
              );
            }
            const r = line.row;
            return (
              <Table.Tr
                key={r.taskId}
                className="letters-row"
                aria-current={current === r.taskId ? 'true' : undefined}
                data-task={r.taskId}
                onClick={() => onOpen(r.taskId)}
              >
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  <Checkbox
                    size="xs"
                    aria-label={t('letters.selectTask', { customer: r.customerName })}
                    checked={selected.has(r.taskId)}
                    onChange={() => onToggle(r.taskId)}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2} title={r.customerName}>
                    {r.customerName}
                  </Text>
                  <Text size="xs" c="dimmed" className="cell-code">
                    {r.customerCode}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text
                    size="xs"
                    c={r.recipient ? undefined : 'red'}
                    truncate="end"
                    maw={220}
                    title={r.recipient ?? undefined}
                  >
                    {r.recipient ?? t('letters.noRecipient')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" className="num">
                    {f.money(r.overdueCents)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusCell row={r} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
