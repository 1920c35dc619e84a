/**
 * The worklist's bar above the table: search, type filter (with each type's count), grouping, the
 * manager's team switch, the drill-down badge, and on the right the count of tasks — or, with
 * mail tasks ticked, their count and the way to the Letters page.
 */
import { Badge, Button, CloseButton, Group, Loader, Select, Switch, Text, TextInput } from '@mantine/core';
import { IconMailForward, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import { useFormat } from '../../format.ts';
import { isTaskType, TASK_TYPES, type TaskType } from './taskTypes.ts';
import { type Drill, type GroupBy, NO_KEY } from './worklistModel.ts';

type Counts = MethodOutput<'worklist.counts'>;

export function WorklistToolbar({
  search,
  onSearch,
  type,
  onType,
  groupBy,
  onGroupBy,
  team,
  onTeam,
  showTeam,
  drill,
  onClearDrill,
  counts,
  filtersOn,
  loading,
  selectedCount,
  onToLetters,
  onClearSelection,
}: {
  search: string;
  onSearch: (search: string) => void;
  type: TaskType | 'all';
  onType: (type: TaskType | 'all') => void;
  groupBy: GroupBy;
  onGroupBy: (groupBy: GroupBy) => void;
  team: boolean;
  onTeam: (on: boolean) => void;
  /** Managers only: the switch between their own tasks and the team's. */
  showTeam: boolean;
  drill: Drill | null;
  onClearDrill: () => void;
  counts: Counts | undefined;
  filtersOn: boolean;
  loading: boolean;
  selectedCount: number;
  onToLetters: () => void;
  onClearSelection: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const total = counts?.total ?? 0;
  const byType = new Map(counts?.byType.map((r) => [r.type, r.count]) ?? []);
  const typeData = [
    { value: 'all', label: t('worklist.allTypes', { count: total, total: f.number(total) }) },
    ...TASK_TYPES.filter((k) => byType.has(k) || k === type).map((k) => ({
      value: k,
      label: `${t(`tasks.types.${k}`)} (${f.number(byType.get(k) ?? 0)})`,
    })),
  ];
  const matching = counts?.matching ?? 0;

  return (
    <Group justify="space-between" mb="sm" wrap="nowrap" gap="sm">
      <Group gap="sm" wrap="nowrap">
        <TextInput
          type="search"
          aria-label={t('worklist.search')}
          placeholder={t('worklist.searchPlaceholder')}
          value={search}
          onChange={(e) => onSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onSearch('');
          }}
          leftSection={<IconSearch size={16} stroke={1.6} />}
          rightSection={
            search ? (
              <CloseButton size="sm" aria-label={t('common.clear')} onClick={() => onSearch('')} />
            ) : null
          }
          w={260}
        />
        <Select
          aria-label={t('worklist.typeFilter')}
          data={typeData}
          value={type}
          onChange={(v) => onType(v && isTaskType(v) ? v : 'all')}
          w={210}
          comboboxProps={{ width: 240 }}
        />
        <Select<GroupBy>
          aria-label={t('worklist.groupByLabel')}
          data={(['none', 'area', 'collector', 'salesperson'] as const).map((g) => ({
            value: g,
            label: g === 'none' ? t('worklist.groupBy.none') : t(`worklist.groupByOptions.${g}`),
          }))}
          value={groupBy}
          onChange={(v) => onGroupBy(v ?? 'none')}
          w={200}
        />
        {showTeam ? (
          <Switch
            label={t('worklist.teamView')}
            checked={team}
            onChange={(e) => onTeam(e.currentTarget.checked)}
            size="sm"
            style={{ whiteSpace: 'nowrap' }}
          />
        ) : null}
        {drill ? (
          <Badge
            variant="light"
            size="lg"
            rightSection={
              <CloseButton
                size="xs"
                variant="transparent"
                aria-label={t('worklist.clearDrill')}
                onClick={onClearDrill}
              />
            }
          >
            {t(`worklist.groupBy.${drill.by}`)}: {drill.key === NO_KEY ? t('worklist.noGroup') : drill.key}
          </Badge>
        ) : null}
      </Group>
      <Group gap="sm" wrap="nowrap">
        {loading ? <Loader size="xs" /> : null}
        {selectedCount > 0 ? (
          <>
            <Text size="sm" c="dimmed" aria-live="polite" style={{ whiteSpace: 'nowrap' }}>
              {t('worklist.selected', { count: selectedCount, total: f.number(selectedCount) })}
            </Text>
            <Button size="xs" leftSection={<IconMailForward size={14} />} onClick={onToLetters}>
              {t('worklist.toLetters')}
            </Button>
            <CloseButton size="sm" aria-label={t('worklist.clearSelection')} onClick={onClearSelection} />
          </>
        ) : (
          <Text
            size="sm"
            c="dimmed"
            aria-live="polite"
            data-testid="worklist-count"
            style={{ whiteSpace: 'nowrap' }}
          >
            {counts === undefined
              ? null
              : filtersOn
                ? t('worklist.shown', { count: matching, shown: f.number(matching), total: f.number(total) })
                : t('worklist.count', { count: total, total: f.number(total) })}
          </Text>
        )}
      </Group>
    </Group>
  );
}
