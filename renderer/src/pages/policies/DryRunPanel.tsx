/**
 * Beside the editor: what today's run would do with the policies on screen (saved or not) —
 * "Applicata oggi questa configurazione creerebbe N attività" and the list. Refreshed on demand.
 */
import {
  Alert,
  Button,
  Group,
  Paper,
  ScrollArea,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconFlask, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import type { ApiError } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import { TASK_TYPES, TYPE_ICON } from '../worklist/taskTypes.ts';

export type DryRun = MethodOutput<'policies.dryRun'>;

const SHOWN = 300;

export function DryRunPanel({
  result,
  loading,
  error,
  stale,
  invalid,
  onRun,
}: {
  result: DryRun | null;
  loading: boolean;
  error: ApiError | null;
  /** The policies changed since this result. */
  stale: boolean;
  /** The policies on screen have errors: nothing to simulate. */
  invalid: boolean;
  onRun: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const tasks = result?.tasks ?? [];
  const byType = result
    ? TASK_TYPES.filter((k) => result.counts.byType[k] > 0).map((k) => ({ k, n: result.counts.byType[k] }))
    : [];

  return (
    <Paper p="md" component="section" aria-label={t('policies.dryRun.title')} className="dryrun">
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Group gap={8} wrap="nowrap">
          <IconFlask size={18} stroke={1.6} aria-hidden />
          <Title order={2} size="h3">
            {t('policies.dryRun.title')}
          </Title>
        </Group>
        <Tooltip label={t('policies.dryRun.refreshTip')} multiline w={240}>
          <Button
            size="xs"
            variant={stale ? 'filled' : 'default'}
            leftSection={<IconRefresh size={14} />}
            onClick={onRun}
            loading={loading}
            disabled={invalid}
          >
            {t('policies.dryRun.refresh')}
          </Button>
        </Tooltip>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('policies.dryRun.hint')}
      </Text>
      {invalid ? (
        <Alert color="orange" variant="light" mb="sm">
          <Text size="sm">{t('policies.dryRun.invalid')}</Text>
        </Alert>
      ) : null}
      {error ? <ErrorState error={error} /> : null}
      {!result && loading ? <Skeleton h={120} /> : null}
      {result ? (
        <Stack gap="sm" style={{ opacity: stale ? 0.55 : 1 }}>
          {stale ? (
            <Text size="xs" c="orange.8" fw={500}>
              {t('policies.dryRun.stale')}
            </Text>
          ) : null}
          <Text size="md" fw={600} data-testid="dryrun-headline">
            {t('policies.dryRun.headline', {
              count: result.counts.tasksCreated,
              total: f.number(result.counts.tasksCreated),
            })}
          </Text>
          <Group gap={6}>
            {byType.map(({ k, n }) => {
              const Icon = TYPE_ICON[k];
              return (
                <Group key={k} gap={4} className="dryrun-type" wrap="nowrap">
                  <Icon size={14} stroke={1.7} aria-hidden />
                  <Text size="xs" className="num">
                    {f.number(n)} {t(`tasks.typesShort.${k}`)}
                  </Text>
                </Group>
              );
            })}
          </Group>
          <Text size="xs" c="dimmed">
            {t('policies.dryRun.cases', {
              opened: f.number(result.counts.casesOpened),
              closed: f.number(result.counts.casesClosed),
              paused: f.number(result.counts.casesPaused),
              resumed: f.number(result.counts.casesResumed),
            })}
          </Text>
          {tasks.length > 0 ? (
            <ScrollArea.Autosize mah={460} type="auto" offsetScrollbars>
              <Table
                aria-label={t('policies.dryRun.tableLabel')}
                verticalSpacing={4}
                horizontalSpacing={6}
                fz="xs"
                stickyHeader
                layout="fixed"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('worklist.columns.customer')}</Table.Th>
                    <Table.Th w="42%">{t('worklist.columns.step')}</Table.Th>
                    <Table.Th w={96} ta="right">
                      {t('worklist.columns.overdue')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tasks.slice(0, SHOWN).map((task) => {
                    const Icon = TYPE_ICON[task.type];
                    return (
                      <Table.Tr key={task.id}>
                        <Table.Td className="vt-cell" title={task.customerName}>
                          {task.customerName}
                        </Table.Td>
                        <Table.Td className="vt-cell" title={task.step}>
                          <Group gap={4} wrap="nowrap">
                            <Icon size={13} stroke={1.7} aria-label={t(`tasks.types.${task.type}`)} />
                            <span
                              className="cell-text"
                              style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}
                            >
                              {task.step}
                            </span>
                          </Group>
                        </Table.Td>
                        <Table.Td ta="right" className="num" c={semantic.overdue}>
                          {f.money(task.overdueCents)}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              {tasks.length > SHOWN ? (
                <Text size="xs" c="dimmed" mt={4}>
                  {t('policies.dryRun.more', { total: f.number(tasks.length - SHOWN) })}
                </Text>
              ) : null}
            </ScrollArea.Autosize>
          ) : (
            <Text size="sm" c="dimmed">
              {t('policies.dryRun.none')}
            </Text>
          )}
        </Stack>
      ) : null}
    </Paper>
  );
}
