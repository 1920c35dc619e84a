/**
 * The manager's progress view: per collector, area or salesperson — open tasks, done today,
 * late tasks, open cases and the amount in collection. A row opens the team worklist filtered to
 * it (drill down).
 */
import {
  Badge,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Skeleton,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronRight, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks.ts';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import { type Dimension, NO_KEY } from './worklistModel.ts';

/** The columns after the group's name, in order: their heading, width and whether a figure (right-aligned). */
const COLUMNS = [
  { key: 'openTasks', w: 110, figure: true },
  { key: 'doneToday', w: 110, figure: true },
  { key: 'done', w: 150, figure: false },
  { key: 'lateTasks', w: 110, figure: true },
  { key: 'openCases', w: 110, figure: true },
  { key: 'inCollection', w: 150, figure: true },
] as const;

/** A right-aligned figure: a cell of a row, or of the totals' foot (`sum`). */
function FigureCell({ value, sum }: { value: string; sum?: boolean }) {
  const Cell = sum ? Table.Th : Table.Td;
  return (
    <Cell ta="right" className="num">
      {value}
    </Cell>
  );
}

export function ProgressView({
  by,
  onBy,
  onDrill,
}: {
  by: Dimension;
  onBy: (by: Dimension) => void;
  onDrill: (by: Dimension, key: string) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const progress = useApiQuery('worklist.progress', { by });
  const rows = progress.data?.rows ?? [];
  const total = rows.reduce(
    (s, r) => ({
      openTasks: s.openTasks + r.openTasks,
      doneToday: s.doneToday + r.doneToday,
      lateTasks: s.lateTasks + r.lateTasks,
      openCases: s.openCases + r.openCases,
      inCollectionCents: s.inCollectionCents + r.inCollectionCents,
    }),
    { openTasks: 0, doneToday: 0, lateTasks: 0, openCases: 0, inCollectionCents: 0 },
  );
  const dimension = t(`worklist.groupBy.${by}`);

  return (
    <div className="wl-progress">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Text size="sm" fw={500} id="progress-by-label">
            {t('worklist.progress.by')}
          </Text>
          <SegmentedControl<Dimension>
            aria-labelledby="progress-by-label"
            size="xs"
            value={by}
            onChange={onBy}
            data={(['collector', 'area', 'salesperson'] as const).map((d) => ({
              value: d,
              label: t(`worklist.groupBy.${d}`),
            }))}
          />
        </Group>
        <Text size="xs" c="dimmed">
          {t('worklist.progress.hint')}
        </Text>
      </Group>
      {progress.error ? <ErrorState error={progress.error} onRetry={progress.reload} /> : null}
      {!progress.data && !progress.error ? <Skeleton h={160} /> : null}
      {progress.data && rows.length === 0 ? (
        <EmptyPanel
          icon={<IconUsersGroup size={26} stroke={1.5} />}
          title={t('worklist.progress.emptyTitle')}
          description={t('worklist.progress.emptyText')}
        />
      ) : null}
      {rows.length > 0 ? (
        <Paper className="wl-progress-table">
          <Table
            aria-label={t('worklist.progress.tableLabel')}
            highlightOnHover
            verticalSpacing={6}
            stickyHeader
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th className="vt-th">{dimension}</Table.Th>
                {COLUMNS.map((c) => (
                  <Table.Th key={c.key} className="vt-th" ta={c.figure ? 'right' : undefined} w={c.w}>
                    {t(`worklist.progress.${c.key}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => {
                const name = r.key === NO_KEY ? t('worklist.noGroup') : r.key;
                const all = r.openTasks + r.doneToday;
                const share = all > 0 ? r.doneToday / all : 0;
                const doneShare = t('worklist.progress.doneShare', { share: f.percent(share) });
                return (
                  <Table.Tr key={r.key} className="drill-row" onClick={() => onDrill(by, r.key)}>
                    <Table.Td>
                      <UnstyledButton
                        className="drill"
                        onClick={(e) => {
                          e.stopPropagation();
                          onDrill(by, r.key);
                        }}
                        aria-label={t('worklist.progress.drill', { name })}
                      >
                        <Text span size="sm" fw={500}>
                          {name}
                        </Text>
                        <IconChevronRight size={14} aria-hidden />
                      </UnstyledButton>
                    </Table.Td>
                    <FigureCell value={f.number(r.openTasks)} />
                    <FigureCell value={f.number(r.doneToday)} />
                    <Table.Td>
                      <Tooltip label={doneShare}>
                        <Progress value={share * 100} color={semantic.ok} size="sm" aria-label={doneShare} />
                      </Tooltip>
                    </Table.Td>
                    <Table.Td ta="right">
                      {r.lateTasks > 0 ? (
                        <Badge color={semantic.dueSoon} variant="light" size="sm" className="num">
                          {f.number(r.lateTasks)}
                        </Badge>
                      ) : (
                        <Text span size="sm" c="dimmed" className="num">
                          0
                        </Text>
                      )}
                    </Table.Td>
                    <FigureCell value={f.number(r.openCases)} />
                    <FigureCell value={f.money(r.inCollectionCents)} />
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>{t('worklist.progress.total')}</Table.Th>
                <FigureCell value={f.number(total.openTasks)} sum />
                <FigureCell value={f.number(total.doneToday)} sum />
                <Table.Th />
                <FigureCell value={f.number(total.lateTasks)} sum />
                <FigureCell value={f.number(total.openCases)} sum />
                <FigureCell value={f.money(total.inCollectionCents)} sum />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Paper>
      ) : null}
    </div>
  );
}
