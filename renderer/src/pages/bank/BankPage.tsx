/**
 * Bank statements: import a camt.053/054 or CBI file (progress, cancel), then work the credits by
 * tab — suggestions to confirm, the unmatched queue to assign, matched credits and returned bills
 * to undo, debits listed. Every action is a button or a form field, so the keyboard does it all.
 */
import {
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowBackUp, IconCheck } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BankEntryView, BankImportResult } from '../../../../shared/api/contracts/bank.ts';
import { newJobId } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { useApiQuery } from '../../api/hooks.ts';
import { ChooseFileButton } from '../../components/ChooseFileButton.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { fileToBase64 } from '../../components/files.ts';
import { notifyError, notifySuccess } from '../../components/notify.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { useFormat } from '../../format.ts';
import { useLedger } from '../../state/ledger.tsx';
import { useSession } from '../../state/session.tsx';
import { DateField } from '../customer/DateField.tsx';
import { DemoImportModal } from '../imports/DemoImportModal.tsx';
import { JobProgress } from '../imports/JobProgress.tsx';
import { useDemoImportGate } from '../imports/useDemoImportGate.ts';

const TABS = ['suggested', 'unmatched', 'matched', 'returned', 'debit'] as const;
type Tab = (typeof TABS)[number];

export const BANK_ACCEPTED = '.xml,.txt,.cbi,.rh,.053,.054,.zip';

function ImportPanel({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const [job, setJob] = useState<string | null>(null);
  const [result, setResult] = useState<BankImportResult | null>(null);

  const choose = async (file: File) => {
    const id = newJobId();
    setJob(id);
    setResult(null);
    try {
      const dataBase64 = await fileToBase64(file);
      const r = await api.call(
        'bank.import',
        { fileName: file.name, dataBase64, dryRun: false },
        { job: id },
      );
      setResult(r);
      notifySuccess(
        r.alreadyImported ? t('bank.alreadyImported') : t('bank.imported', { file: file.name }),
        t('bank.importedText', { matched: r.matched, suggested: r.suggested, unmatched: r.unmatched }),
      );
      onImported();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setJob(null);
    }
  };
  // On the demo company a real statement first asks where it goes, as on the Imports page.
  const demoGate = useDemoImportGate((file) => void choose(file));

  return (
    <Paper p="md" component="section" aria-label={t('bank.importTitle')}>
      <DemoImportModal {...demoGate.modal} text={(file) => t('demo.bankImportText', { file })} />
      <Title order={2} size="h3" mb="xs">
        {t('bank.importTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('bank.importText')}
      </Text>
      <ChooseFileButton
        label={t('bank.chooseFile')}
        accept={BANK_ACCEPTED}
        disabled={job !== null}
        onFile={demoGate.choose}
      />
      {job ? (
        <Stack mt="sm">
          <JobProgress
            job={job}
            title={t('bank.importing')}
            onCancel={() => void api.call('jobs.cancel', { job }).catch(() => undefined)}
          />
        </Stack>
      ) : null}
      {result ? (
        <SimpleGrid cols={{ base: 2, sm: 4 }} mt="md" aria-label={t('bank.totals')}>
          <Stat label={t('bank.credits')} value={`${result.credits} · ${f.money(result.creditsCents)}`} />
          <Stat label={t('bank.matched')} value={`${result.matched} · ${f.money(result.matchedCents)}`} />
          <Stat label={t('bank.suggestedUnmatched')} value={`${result.suggested} / ${result.unmatched}`} />
          <Stat label={t('bank.debits')} value={`${result.debits} · ${f.money(result.debitsCents)}`} />
        </SimpleGrid>
      ) : null}
    </Paper>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Stack>
  );
}

/**
 * The day's totals, read from the ledger (not from an import of this session): credits by outcome
 * in count and euros, returned bills and debits, for the latest booking day or the one chosen.
 */
function DayTotals() {
  const { t } = useTranslation();
  const f = useFormat();
  const dateId = useId();
  const [date, setDate] = useState('');
  const day = useApiQuery('bank.day', /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {});
  const d = day.data;
  const both = (n: number, cents: number) => `${f.number(n)} · ${f.money(cents)}`;
  return (
    <Paper p="md" component="section" aria-labelledby={`${dateId}-title`}>
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2} size="h3" id={`${dateId}-title`}>
          {d?.date ? `${t('bank.dayTitle')} · ${f.date(d.date)}` : t('bank.dayTitle')}
        </Title>
        <DateField
          size="xs"
          w={150}
          label={t('bank.dayDate')}
          value={date || d?.date || null}
          onChange={(iso) => setDate(iso ?? '')}
        />
      </Group>
      {day.error ? <ErrorState error={day.error} onRetry={day.reload} /> : null}
      {d && d.date === null ? (
        <Text size="sm" c="dimmed">
          {t('bank.dayNone')}
        </Text>
      ) : null}
      {d?.date ? (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} aria-label={t('bank.dayTitle')}>
          <Stat label={t('bank.credits')} value={both(d.credits, d.creditsCents)} />
          <Stat label={t('bank.matched')} value={both(d.matched, d.matchedCents)} />
          <Stat label={t('bank.daySuggested')} value={both(d.suggested, d.suggestedCents)} />
          <Stat label={t('bank.dayUnmatched')} value={both(d.unmatched, d.unmatchedCents)} />
          <Stat label={t('bank.dayReturned')} value={both(d.returned, d.returnedCents)} />
          <Stat label={t('bank.debits')} value={both(d.debits, d.debitsCents)} />
        </SimpleGrid>
      ) : null}
    </Paper>
  );
}

function AssignForm({ entry, onDone }: { entry: BankEntryView; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [items, setItems] = useState('');
  const [customer, setCustomer] = useState(entry.customerCode ?? '');
  const [busy, whileBusy] = useBusyAction();
  const submit = () =>
    whileBusy(async () => {
      const docs = items
        .split(/[,;\s]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      await api.call('bank.match', {
        entryId: entry.id,
        ...(docs.length ? { items: docs } : {}),
        ...(customer.trim() ? { customerCode: customer.trim() } : {}),
      });
      notifySuccess(t('bank.assigned', { id: entry.id }));
      onDone();
    });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          size="xs"
          label={t('bank.documents')}
          placeholder="101/2026, 102/2026"
          value={items}
          onChange={(e) => setItems(e.currentTarget.value)}
        />
        <TextInput
          size="xs"
          label={t('bank.customer')}
          value={customer}
          onChange={(e) => setCustomer(e.currentTarget.value)}
          w={110}
        />
        <Button size="xs" type="submit" loading={busy} aria-label={t('bank.assignEntry', { id: entry.id })}>
          {t('bank.assign')}
        </Button>
      </Group>
    </form>
  );
}

function EntriesTable({ tab, onChanged }: { tab: Tab; onChanged: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const { canCall } = useSession();
  const list = useApiQuery('bank.list', { status: tab, limit: 500 });
  const [busy, setBusy] = useState<number | null>(null);

  const act = async (entry: BankEntryView, action: 'confirm' | 'undo') => {
    setBusy(entry.id);
    try {
      if (action === 'confirm') await api.call('bank.match', { entryId: entry.id });
      else await api.call('bank.undo', { entryId: entry.id });
      notifySuccess(
        action === 'confirm' ? t('bank.confirmed', { id: entry.id }) : t('bank.undone', { id: entry.id }),
      );
      list.reload();
      onChanged();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(null);
    }
  };

  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  const rows = list.data ?? [];
  if (list.data && rows.length === 0)
    return (
      <Text size="sm" c="dimmed" p="md">
        {t('bank.empty')}
      </Text>
    );
  return (
    <ScrollArea type="auto">
      <Table aria-label={t(`bank.tabs.${tab}`)} highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('bank.col.date')}</Table.Th>
            <Table.Th ta="right">{t('bank.col.amount')}</Table.Th>
            <Table.Th>{t('bank.col.payer')}</Table.Th>
            <Table.Th>{t('bank.col.remittance')}</Table.Th>
            <Table.Th>{t('bank.col.customer')}</Table.Th>
            <Table.Th>{t('bank.col.pays')}</Table.Th>
            <Table.Th>{t('bank.col.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Text size="sm">{f.date(e.bookingDate)}</Text>
                {e.valueDate && e.valueDate !== e.bookingDate ? (
                  <Text size="xs" c="dimmed">
                    {t('bank.valueDate', { date: f.date(e.valueDate) })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={600}>
                  {e.direction === 'debit' ? '−' : ''}
                  {f.money(e.amountCents)}
                </Text>
                {e.chargesCents ? (
                  <Text size="xs" c="dimmed">
                    {t('bank.charges', { amount: f.money(e.chargesCents) })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{e.counterpartyName ?? '—'}</Text>
                {e.counterpartyIban ? (
                  <Text size="xs" c="dimmed">
                    {e.counterpartyIban}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td maw={280}>
                <Text size="xs" lineClamp={3}>
                  {[e.reference, e.remittance].filter(Boolean).join(' · ')}
                </Text>
              </Table.Td>
              <Table.Td>
                {e.customerCode ? (
                  <Text size="sm">
                    {e.customerCode} {e.customerName}
                  </Text>
                ) : (
                  '—'
                )}
                {e.evidence.length ? (
                  <Group gap={4} mt={2}>
                    {e.evidence.map((ev) => (
                      <Badge key={ev} size="xs" variant="light">
                        {t(`bank.evidence.${ev}` as 'bank.evidence.invoice')}
                      </Badge>
                    ))}
                  </Group>
                ) : null}
              </Table.Td>
              <Table.Td>
                {e.allocations.map((a) => (
                  <Text size="xs" key={a.itemId}>
                    {a.documentNumber} · {f.money(a.amountCents)}
                  </Text>
                ))}
                {e.creditCents ? (
                  <Text size="xs" c="dimmed">
                    {t('bank.creditKept', { amount: f.money(e.creditCents) })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  {tab === 'suggested' && canCall('bank.match') ? (
                    <Button
                      size="xs"
                      leftSection={<IconCheck size={14} />}
                      loading={busy === e.id}
                      onClick={() => void act(e, 'confirm')}
                      aria-label={t('bank.confirmEntry', { id: e.id })}
                    >
                      {t('bank.confirm')}
                    </Button>
                  ) : null}
                  {(tab === 'suggested' || tab === 'unmatched') && canCall('bank.match') ? (
                    <AssignForm
                      entry={e}
                      onDone={() => {
                        list.reload();
                        onChanged();
                      }}
                    />
                  ) : null}
                  {(tab === 'matched' || tab === 'returned') && canCall('bank.undo') ? (
                    <Button
                      size="xs"
                      variant="default"
                      color="red"
                      leftSection={<IconArrowBackUp size={14} />}
                      loading={busy === e.id}
                      onClick={() => void act(e, 'undo')}
                      aria-label={t('bank.undoEntry', { id: e.id })}
                    >
                      {t('bank.undo')}
                    </Button>
                  ) : null}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

export function BankPage() {
  const { t } = useTranslation();
  const ledger = useLedger();
  const { canCall } = useSession();
  const [tab, setTab] = useState<Tab>('suggested');
  const changed = () => ledger.changed();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('bank.title')}
      </Title>
      {canCall('bank.import') ? <ImportPanel onImported={changed} /> : null}
      <DayTotals />
      <Paper p="md" component="section" aria-label={t('bank.entriesTitle')}>
        <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false}>
          <Tabs.List aria-label={t('bank.entriesTitle')}>
            {TABS.map((k) => (
              <Tabs.Tab key={k} value={k}>
                {t(`bank.tabs.${k}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {TABS.map((k) => (
            <Tabs.Panel key={k} value={k} pt="sm">
              <EntriesTable tab={k} onChanged={changed} />
            </Tabs.Panel>
          ))}
        </Tabs>
      </Paper>
    </Stack>
  );
}
