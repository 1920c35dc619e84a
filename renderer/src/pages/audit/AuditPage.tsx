/**
 * "Registro attività": the append-only audit trail, newest first, filtered by user, customer,
 * action and date, with each row's before/after, and the filtered trail exported to CSV.
 */
import {
  Button,
  Code,
  Group,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import type { i18n as I18n } from 'i18next';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilter, AuditRowView } from '../../../../shared/api/contracts/safety.ts';
import { useApi } from '../../api/context.tsx';
import { useApiQuery } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { saveFile } from '../../components/files.ts';
import { notifySuccess } from '../../components/notify.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { useFormat } from '../../format.ts';
import { useSession } from '../../state/session.tsx';
import { DateField } from '../customer/DateField.tsx';
import { BackToSettings } from '../settings/BackToSettings.tsx';

const PAGE = 50;

function pretty(json: string | null): string {
  if (json === null) return '—';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/** An audit action (`dunning.run`) in the user's language; an unknown one as it is. */
function actionLabel(i18n: I18n, action: string): string {
  const key = `audit.actionNames.${action}`;
  return i18n.exists(key) ? String(i18n.t(key as never)) : action;
}

function AuditRow({ row }: { row: AuditRowView }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState(false);
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td className="num" style={{ whiteSpace: 'nowrap' }}>
          {f.dateTime(row.at)}
        </Table.Td>
        <Table.Td>{row.userName ?? '—'}</Table.Td>
        <Table.Td>
          <Text size="sm">{actionLabel(i18n, row.action)}</Text>
          <Code fz="xs">{row.action}</Code>
        </Table.Td>
        <Table.Td className="wrap-anywhere">
          {row.entity ? `${row.entity}${row.entityId ? ` ${row.entityId}` : ''}` : '—'}
        </Table.Td>
        <Table.Td>
          {row.before !== null || row.after !== null ? (
            <Button
              size="compact-xs"
              variant="subtle"
              aria-expanded={open}
              onClick={() => setOpen((o) => !o)}
            >
              {open ? t('audit.hide') : t('audit.show')}
              {/* The name keeps the visible word first, then which row. */}
              <span className="visually-hidden">{` · ${t('audit.showRow', { id: row.id })}`}</span>
            </Button>
          ) : null}
        </Table.Td>
      </Table.Tr>
      {open ? (
        <Table.Tr>
          <Table.Td colSpan={5}>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
              <Stack gap={2}>
                <Text size="xs" fw={600}>
                  {t('audit.before')}
                </Text>
                <Code
                  block
                  mah={260}
                  style={{ overflow: 'auto', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                >
                  {pretty(row.before)}
                </Code>
              </Stack>
              <Stack gap={2}>
                <Text size="xs" fw={600}>
                  {t('audit.after')}
                </Text>
                <Code
                  block
                  mah={260}
                  style={{ overflow: 'auto', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                >
                  {pretty(row.after)}
                </Code>
              </Stack>
            </SimpleGrid>
          </Table.Td>
        </Table.Tr>
      ) : null}
    </Fragment>
  );
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const { canCall } = useSession();
  const allowed = canCall('audit.list');
  const [user, setUser] = useState<string | null>(null);
  const [customer, setCustomer] = useState('');
  const [action, setAction] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [exporting, whileExporting] = useBusyAction();

  const filter: AuditFilter = useMemo(
    () => ({
      ...(user ? { user } : {}),
      ...(customer.trim() ? { customer: customer.trim() } : {}),
      ...(action ? { action } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    }),
    [user, customer, action, from, to],
  );
  const facets = useApiQuery('audit.facets', {}, { enabled: allowed });
  const list = useApiQuery(
    'audit.list',
    { ...filter, offset: (page - 1) * PAGE, limit: PAGE },
    { enabled: allowed },
  );

  const actionOptions = useMemo(() => {
    const actions = facets.data?.actions ?? [];
    const areas = [...new Set(actions.map((a) => a.split('.')[0]))].filter(Boolean) as string[];
    return [
      { group: t('audit.areas'), items: areas.map((a) => ({ value: `${a}.`, label: `${a}.*` })) },
      {
        group: t('audit.actions'),
        items: actions.map((a) => ({ value: a, label: `${actionLabel(i18n, a)} (${a})` })),
      },
    ];
  }, [facets.data, t, i18n]);

  const reset = (fn: () => void) => {
    fn();
    setPage(1);
  };

  const exportCsv = () =>
    whileExporting(async () => {
      const r = await api.call('audit.exportCsv', filter);
      saveFile(new Blob([r.csv], { type: 'text/csv;charset=utf-8' }), r.fileName);
      notifySuccess(t('audit.exported', { count: r.rows }));
    });

  const back = <BackToSettings />;

  if (!allowed) {
    return (
      <div className="page">
        {back}
        <PageHeader title={t('audit.title')} />
        <Text c="dimmed">{t('audit.notAllowed')}</Text>
      </div>
    );
  }

  const total = list.data?.total ?? 0;
  return (
    <div className="page">
      {back}
      <PageHeader
        title={t('audit.title')}
        description={t('audit.subtitle')}
        actions={
          <Button
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} />}
            loading={exporting}
            onClick={() => void exportCsv()}
          >
            {t('audit.export')}
          </Button>
        }
      />
      <Paper p="md" mb="md" component="section" aria-label={t('audit.filters')}>
        <Group align="flex-end" gap="sm">
          <Select
            label={t('audit.user')}
            placeholder={t('audit.any')}
            data={facets.data?.users ?? []}
            value={user}
            onChange={(v) => reset(() => setUser(v))}
            clearable
            searchable
            w={180}
          />
          <TextInput
            label={t('audit.customer')}
            placeholder={t('audit.customerPlaceholder')}
            value={customer}
            onChange={(e) => {
              const v = e.currentTarget.value;
              reset(() => setCustomer(v));
            }}
            maxLength={60}
            w={160}
          />
          <Select
            label={t('audit.action')}
            placeholder={t('audit.any')}
            data={actionOptions}
            value={action}
            onChange={(v) => reset(() => setAction(v))}
            clearable
            searchable
            w={220}
          />
          <DateField
            label={t('audit.from')}
            value={from}
            onChange={(v) => reset(() => setFrom(v))}
            clearable
            w={150}
          />
          <DateField
            label={t('audit.to')}
            value={to}
            onChange={(v) => reset(() => setTo(v))}
            clearable
            w={150}
          />
          <Button
            variant="subtle"
            onClick={() =>
              reset(() => {
                setUser(null);
                setCustomer('');
                setAction(null);
                setFrom(null);
                setTo(null);
              })
            }
          >
            {t('audit.clear')}
          </Button>
        </Group>
      </Paper>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      <Paper p="md">
        <Group justify="space-between" mb="xs">
          <Text size="sm" c="dimmed">
            {t('audit.total', { count: total, formatted: f.number(total) })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('audit.appendOnly')}
          </Text>
        </Group>
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label={t('audit.table')} verticalSpacing={4} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.when')}</Table.Th>
                <Table.Th>{t('audit.who')}</Table.Th>
                <Table.Th>{t('audit.what')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
                <Table.Th>{t('audit.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data?.rows ?? []).map((r) => (
                <AuditRow key={r.id} row={r} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {list.data && list.data.rows.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {t('audit.empty')}
          </Text>
        ) : null}
        {total > PAGE ? (
          <Group justify="center" mt="md">
            <Pagination
              total={Math.ceil(total / PAGE)}
              value={page}
              onChange={setPage}
              size="sm"
              getControlProps={(control) => ({
                'aria-label': t(`audit.page.${control}`),
              })}
              getItemProps={(p) => ({ 'aria-label': t('audit.page.number', { page: p }) })}
            />
          </Group>
        ) : null}
      </Paper>
    </div>
  );
}
