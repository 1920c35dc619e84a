import {
  Button,
  CloseButton,
  Group,
  Kbd,
  Loader,
  SegmentedControl,
  Select,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileImport, IconSearch, IconUsers } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { todayIn } from '../../../../shared/domain/dates.ts';
import { RATING_CLASSES } from '../../../../shared/domain/rating.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormat } from '../../format.ts';
import { prefs } from '../../state/prefs.ts';
import { ColumnChooser, rememberHiddenColumns, storedHiddenColumns } from './ColumnChooser.tsx';
import { type ColumnKey, CustomersTable, type SortState } from './CustomersTable.tsx';
import { RatingChanges } from './RatingChanges.tsx';
import { useCustomers } from './useCustomers.ts';

const SORT_KEY = 'incasso.customers.sort';

function storedSort(): SortState {
  try {
    const raw = prefs.getItem(SORT_KEY);
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<SortState>;
      if (
        typeof parsed.desc === 'boolean' &&
        (['name', 'code', 'residual', 'overdue', 'oldestDue'] as const).some((k) => k === parsed.sort)
      )
        return parsed as SortState;
    }
  } catch {
    // Unreadable preference: use the default.
  }
  return { sort: 'name', desc: false };
}

/** Every customer with open items: search by name, code or VAT; sort by any figure. */
export function CustomersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const [sort, setSort] = useState<SortState>(storedSort);
  const [hidden, setHidden] = useState<Set<ColumnKey>>(storedHiddenColumns);
  const inputRef = useRef<HTMLInputElement>(null);
  const state = useCustomers({ search: debounced, sort: sort.sort, desc: sort.desc });
  const [view, setView] = useState<'all' | 'changed'>('all');
  const [ratingClass, setRatingClass] = useState<string | null>(null);
  const info = useApiQuery('system.info', {}, { watchLedger: false });
  const ratings = useApiQuery('ratings.list', { onlyOpen: false });
  const classes = useMemo(
    () => new Map((ratings.data?.rows ?? []).map((r) => [r.customerCode, r.class] as const)),
    [ratings.data],
  );
  const rows = ratingClass ? state.rows.filter((r) => classes.get(r.code) === ratingClass) : state.rows;

  useEffect(() => {
    if (params.get('focus') === 'search') inputRef.current?.focus();
  }, [params]);

  const changeSort = (next: SortState) => {
    setSort(next);
    try {
      prefs.setItem(SORT_KEY, JSON.stringify(next));
    } catch {
      // Not remembered: fine.
    }
  };

  const searching = state.search !== '';
  const firstLoad = state.loading && state.rows.length === 0 && !state.error;
  const ledgerEmpty = !state.loading && !state.error && state.total === 0 && !searching;

  return (
    <div className="page page-fill">
      <PageHeader
        title={t('customers.title')}
        description={
          state.asOf
            ? t('customers.subtitle', {
                count: state.total,
                total: f.number(state.total),
                date: f.date(state.asOf),
              })
            : undefined
        }
      />
      {ledgerEmpty ? (
        <EmptyPanel
          icon={<IconUsers size={26} stroke={1.5} />}
          title={t('customers.emptyTitle')}
          description={t('customers.emptyText')}
          actions={
            <Button leftSection={<IconFileImport size={16} />} onClick={() => navigate('/imports')}>
              {t('worklist.importAction')}
            </Button>
          }
        />
      ) : (
        <>
          <Group justify="space-between" mb="sm" wrap="nowrap">
            <TextInput
              ref={inputRef}
              data-search
              type="search"
              aria-label={t('customers.search')}
              placeholder={t('customers.searchPlaceholder')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setSearch('');
              }}
              leftSection={<IconSearch size={16} stroke={1.6} />}
              rightSection={
                search ? (
                  <CloseButton size="sm" aria-label={t('common.clear')} onClick={() => setSearch('')} />
                ) : (
                  <Kbd size="xs">/</Kbd>
                )
              }
              w={420}
            />
            <Group gap="md" wrap="nowrap">
              <SegmentedControl
                size="xs"
                aria-label={t('rating.views')}
                value={view}
                onChange={(v) => setView(v === 'changed' ? 'changed' : 'all')}
                data={[
                  { value: 'all', label: t('rating.viewAll') },
                  { value: 'changed', label: t('rating.viewChanged') },
                ]}
              />
              <Select
                size="xs"
                w={150}
                aria-label={t('rating.filter')}
                placeholder={t('rating.allClasses')}
                clearable
                value={ratingClass}
                onChange={setRatingClass}
                data={RATING_CLASSES.map((c) => ({ value: c, label: t('rating.classOption', { class: c }) }))}
              />
              {state.loading ? <Loader size="xs" /> : null}
              <Text size="sm" c="dimmed" aria-live="polite" data-testid="customers-count">
                {searching
                  ? t('customers.matches', { count: state.total, total: f.number(state.total) })
                  : t('customers.count', { count: state.total, total: f.number(state.total) })}
              </Text>
              <ColumnChooser
                hidden={hidden}
                onChange={(next) => {
                  setHidden(next);
                  rememberHiddenColumns(next);
                }}
              />
            </Group>
          </Group>
          {view === 'changed' ? <RatingChanges today={info.data?.today ?? todayIn(new Date())} /> : null}
          {state.error && view === 'all' ? <ErrorState error={state.error} /> : null}
          {firstLoad && view === 'all' ? (
            <Group justify="center" p="xl">
              <Loader size="sm" />
            </Group>
          ) : null}
          {view === 'all' && !firstLoad && !state.error && state.rows.length === 0 && searching ? (
            <EmptyPanel
              icon={<IconSearch size={26} stroke={1.5} />}
              title={t('customers.noMatchTitle', { search: state.search })}
              description={t('customers.noMatchText')}
              actions={
                <Button variant="default" onClick={() => setSearch('')}>
                  {t('customers.clearSearch')}
                </Button>
              }
            />
          ) : null}
          {view === 'all' && rows.length > 0 ? (
            <CustomersTable
              rows={rows}
              classOf={(code) => classes.get(code)}
              asOf={state.asOf}
              sort={sort}
              onSort={changeSort}
              label={t('customers.tableLabel')}
              busy={state.loading}
              hidden={hidden}
            />
          ) : null}
          {view === 'all' && state.total > state.rows.length && !state.loading ? (
            <Text size="xs" c="dimmed" mt={6}>
              {t('customers.truncated', { shown: f.number(state.rows.length), total: f.number(state.total) })}
            </Text>
          ) : null}
        </>
      )}
    </div>
  );
}
