/**
 * The import of a file that is not an open-items export: customer master data (anagrafica
 * clienti) or FatturaPA e-invoices. Shows the kind, previews on open (nothing written), lists
 * what the import does, and applies — a second version of an invoice only once confirmed.
 */
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import type { ImportKind } from '../../../../shared/api/contracts/import-kinds.ts';
import { newJobId } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError } from '../../api/hooks.ts';
import { notifyInfo, notifySuccess } from '../../components/notify.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { useFormat } from '../../format.ts';
import { useLedger } from '../../state/ledger.tsx';
import { IssuesTable } from './IssuesTable.tsx';

export interface OtherKindFile {
  fileId: string;
  fileName: string;
  kind: Exclude<ImportKind, 'open-items'>;
}

type MasterPreview = MethodOutput<'masterData.preview'>;
type EInvoicePreview = MethodOutput<'eInvoices.preview'>;
type Issue = EInvoicePreview['errors'][number];

const SHOWN = 200;

/** An issue of a file inside a ZIP names the entry in the column, as the table shows one place. */
const asRows = (issues: Issue[], fileName: string) =>
  issues.map(({ file, ...i }) => ({
    ...i,
    ...(file && file !== fileName ? { column: i.column ? `${file}: ${i.column}` : file } : {}),
  }));

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper p="sm" className="stat" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="lg" fw={650} className="num">
        {value}
      </Text>
    </Paper>
  );
}

function MasterDataPreview({ p }: { p: MasterPreview }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t('importKinds.columns')}:{' '}
        {p.mapping.map((m) => `${m.header} → ${t(`importKinds.field.${m.field}`)}`).join(', ')}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label={t('importKinds.rowsRead')} value={f.number(p.rows.read)} />
        <Figure label={t('importKinds.customersNew')} value={f.number(p.customers.new)} />
        <Figure label={t('importKinds.customersUpdated')} value={f.number(p.customers.updated)} />
        <Figure label={t('importKinds.customersUnchanged')} value={f.number(p.customers.unchanged)} />
      </SimpleGrid>
      {p.changes.length > 0 ? (
        <ScrollArea.Autosize mah={360} type="auto">
          <Table aria-label={t('importKinds.changesTitle')} striped stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('importKinds.code')}</Table.Th>
                <Table.Th>{t('importKinds.name')}</Table.Th>
                <Table.Th>{t('importKinds.status')}</Table.Th>
                <Table.Th>{t('importKinds.changes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.changes.slice(0, SHOWN).map((c) => (
                <Table.Tr key={c.code}>
                  <Table.Td>{c.code}</Table.Td>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{t(`importKinds.customerStatus.${c.status}`)}</Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {c.fields
                        .map(
                          (x) =>
                            `${t(`importKinds.field.${x.field}`, { defaultValue: x.field })}: ${(x.after ?? '—').replace(/\n/g, ', ')}`,
                        )
                        .join(' · ')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      ) : null}
    </Stack>
  );
}

function EInvoicesPreview({ p }: { p: EInvoicePreview }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <Figure label={t('importKinds.files')} value={f.number(p.files)} />
        <Figure label={t('importKinds.documentsNew')} value={f.number(p.documents.new)} />
        <Figure label={t('importKinds.documentsUnchanged')} value={f.number(p.documents.unchanged)} />
        <Figure label={t('importKinds.documentsChanged')} value={f.number(p.documents.changed)} />
        <Figure label={t('importKinds.customersNew')} value={f.number(p.customers.new)} />
      </SimpleGrid>
      <ScrollArea.Autosize mah={360} type="auto">
        <Table aria-label={t('importKinds.invoicesTitle')} striped stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('importKinds.document')}</Table.Th>
              <Table.Th>{t('importKinds.customer')}</Table.Th>
              <Table.Th>{t('importKinds.installments')}</Table.Th>
              <Table.Th ta="right">{t('importKinds.amount')}</Table.Th>
              <Table.Th>{t('importKinds.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.invoices.slice(0, SHOWN).map((d) => (
              <Table.Tr key={`${d.file}|${d.body}`}>
                <Table.Td>
                  {d.type} {d.number} · {f.date(d.date)}
                </Table.Td>
                <Table.Td>
                  {d.customerName} ({d.customerCode})
                  {d.newCustomer ? ` · ${t('importKinds.newCustomer')}` : ''}
                </Table.Td>
                <Table.Td>{d.installments.map((i) => f.date(i.dueDate)).join(', ')}</Table.Td>
                <Table.Td ta="right" className="num">
                  {f.money(d.installments.reduce((s, i) => s + i.amountCents, 0))}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`importKinds.documentStatus.${d.status}`)}</Text>
                  {d.status === 'changed' ? (
                    <Text size="xs" c="dimmed">
                      {t('importKinds.previously', {
                        amount: f.money(d.previous.reduce((s, i) => s + i.amountCents, 0)),
                      })}
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}

export function KindImportPanel({ file, onClose }: { file: OtherKindFile; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const ledger = useLedger();
  const [preview, setPreview] = useState<MasterPreview | EInvoicePreview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [busy, whileBusy] = useBusyAction();

  useEffect(() => {
    let live = true;
    const run =
      file.kind === 'customers'
        ? api.call('masterData.preview', { fileId: file.fileId }, { job: newJobId() })
        : api.call('eInvoices.preview', { fileId: file.fileId }, { job: newJobId() });
    run.then(
      (p) => live && setPreview(p),
      (err) => live && setFailure(toApiError(err).message),
    );
    return () => {
      live = false;
    };
  }, [api, file]);

  const needsConfirmation = preview !== null && 'needsConfirmation' in preview && preview.needsConfirmation;

  const apply = () =>
    whileBusy(async () => {
      const r =
        file.kind === 'customers'
          ? await api.call('masterData.apply', { fileId: file.fileId, dryRun: false }, { job: newJobId() })
          : await api.call(
              'eInvoices.apply',
              { fileId: file.fileId, confirmChanges: confirm, dryRun: false },
              { job: newJobId() },
            );
      if (r.batch === null) notifyInfo(t('importKinds.nothingChanged', { file: file.fileName }));
      else notifySuccess(t('importKinds.applied', { file: file.fileName, batch: r.batch }));
      ledger.changed();
      onClose();
    });

  const errors = preview ? asRows(preview.errors, file.fileName) : [];
  const warnings = preview ? asRows(preview.warnings, file.fileName) : [];
  return (
    <Paper p="md" withBorder aria-label={t('importKinds.panel', { file: file.fileName })} role="region">
      <Stack gap="md">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={3}>{file.fileName}</Title>
            <Badge variant="light" data-testid="import-kind">
              {t(`importKinds.kind.${file.kind}`)}
            </Badge>
          </Group>
          <Button variant="subtle" leftSection={<IconX size={16} />} onClick={onClose}>
            {t('importKinds.close')}
          </Button>
        </Group>
        {failure ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {failure}
          </Alert>
        ) : null}
        {preview === null && failure === null ? <Text size="sm">{t('importKinds.previewing')}</Text> : null}
        {preview && 'mapping' in preview ? <MasterDataPreview p={preview} /> : null}
        {preview && 'invoices' in preview ? <EInvoicesPreview p={preview} /> : null}
        {preview?.alreadyImported ? (
          <Alert color="yellow" variant="light">
            {t('importKinds.alreadyImported')}
          </Alert>
        ) : null}
        {errors.length > 0 ? (
          <IssuesTable issues={errors} label={t('importKinds.errorsTitle')} tone="error" />
        ) : null}
        {warnings.length > 0 ? (
          <IssuesTable issues={warnings} label={t('importKinds.warningsTitle')} tone="warning" />
        ) : null}
        {needsConfirmation ? (
          <Checkbox
            checked={confirm}
            onChange={(e) => setConfirm(e.currentTarget.checked)}
            label={t('importKinds.confirmChanges')}
          />
        ) : null}
        {preview ? (
          <Group>
            <Button
              leftSection={<IconCheck size={16} />}
              onClick={() => void apply()}
              loading={busy}
              disabled={errors.length > 0 || (needsConfirmation && !confirm)}
            >
              {t('importKinds.apply')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
