import {
  Alert,
  Button,
  Collapse,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCheck,
  IconChevronDown,
  IconChevronRight,
  IconInfoCircle,
} from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import { IssuesTable } from './IssuesTable.tsx';
import type { Preview } from './useImportFlow.ts';

function Stat({
  id,
  label,
  value,
  tone,
  hint,
  zero,
}: {
  id: string;
  label: string;
  value: string;
  tone?: string;
  hint?: string;
  /** A zero is shown dimmed: only the figures that matter stand out. */
  zero?: boolean;
}) {
  return (
    <Paper p="sm" className="stat" role="group" aria-labelledby={`stat-${id}`}>
      <Text size="xs" c="dimmed" id={`stat-${id}`} fw={500}>
        {label}
      </Text>
      <Text size="lg" fw={650} className="num" c={zero ? 'dimmed' : tone} data-testid={`count-${id}`}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

/** One count of the preview: a number, or an amount in cents when `money`. */
type Figure = { id: string; label: string; amount: number; money?: boolean; tone?: string };

const CUSTOMERS_SHOWN = 200;

function NewCustomers({ customers }: { customers: Preview['newCustomers'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [open, toggle] = useDisclosure(false);
  if (customers.length === 0) return null;
  return (
    <div>
      <UnstyledButton onClick={toggle.toggle} aria-expanded={open} className="disclosure">
        <Group gap={4}>
          {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          <Text size="sm" fw={500}>
            {t('imports.newCustomersList', { count: customers.length, total: f.number(customers.length) })}
          </Text>
        </Group>
      </UnstyledButton>
      <Collapse expanded={open}>
        <Table aria-label={t('imports.newCustomers')} mt={6} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={120}>{t('customers.columns.code')}</Table.Th>
              <Table.Th>{t('customers.columns.name')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {customers.slice(0, CUSTOMERS_SHOWN).map((c) => (
              <Table.Tr key={c.code}>
                <Table.Td ff="monospace">{c.code}</Table.Td>
                <Table.Td>{c.name}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {customers.length > CUSTOMERS_SHOWN ? (
          <Text size="xs" c="dimmed" mt={4}>
            {t('imports.moreCustomers', { count: customers.length - CUSTOMERS_SHOWN })}
          </Text>
        ) : null}
      </Collapse>
    </div>
  );
}

/** What applying the file would do, before anything is written. */
export function PreviewPanel({
  preview,
  busy,
  canApply,
  onApply,
  onBack,
}: {
  preview: Preview;
  busy: boolean;
  canApply: boolean;
  onApply: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const { items } = preview;
  const hasErrors = preview.errors.length > 0;
  const firstTab = hasErrors ? 'errors' : 'warnings';
  /** The counts of the preview, in the order shown; a zero is dimmed. */
  const figures: Figure[] = [
    { id: 'items-new', label: t('imports.counts.new'), amount: items.new },
    { id: 'items-changed', label: t('imports.counts.changed'), amount: items.changed },
    { id: 'items-closed', label: t('imports.counts.closed'), amount: items.closed, tone: semantic.dueSoon },
    { id: 'items-reopened', label: t('imports.counts.reopened'), amount: items.reopened },
    { id: 'items-unchanged', label: t('imports.counts.unchanged'), amount: items.unchanged },
    { id: 'customers-new', label: t('imports.counts.newCustomers'), amount: preview.newCustomers.length },
    { id: 'payments', label: t('imports.counts.payments'), amount: preview.paymentsCents, money: true },
    { id: 'reversals', label: t('imports.counts.reversals'), amount: preview.reversalsCents, money: true },
    { id: 'credit-notes', label: t('imports.counts.creditNotesClosed'), amount: preview.creditNotesClosed },
  ];
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    // Bring the result into view once (jsdom has no scrollIntoView).
    ref.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, []);

  return (
    <Paper p="md" component="section" aria-label={t('imports.previewTitle')} ref={ref}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={0}>
          <Title order={2} size="h3">
            {t('imports.previewTitle')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('imports.previewSubtitle', {
              file: preview.file,
              date: f.date(preview.asOf),
              mode: preview.mode === 'snapshot' ? t('imports.modeSnapshot') : t('imports.modeIncremental'),
            })}
          </Text>
        </Stack>
        <Text size="xs" c="dimmed" ta="right">
          {t('imports.rowsSummary', {
            read: f.number(preview.rows.read),
            imported: f.number(preview.rows.imported),
            skipped: f.number(preview.rows.skipped),
          })}
        </Text>
      </Group>

      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        {figures.map((fig) => (
          <Stat
            key={fig.id}
            id={fig.id}
            label={fig.label}
            value={fig.money ? f.money(fig.amount) : f.number(fig.amount)}
            tone={fig.tone}
            zero={fig.amount === 0}
          />
        ))}
        <Stat
          id="issues"
          label={t('imports.counts.issues')}
          value={`${f.number(preview.errors.length)} / ${f.number(preview.warnings.length)}`}
          tone={semantic.overdue}
          zero={!hasErrors}
          hint={t('imports.counts.issuesHint')}
        />
      </SimpleGrid>

      <Stack gap="sm" mt="md">
        {preview.alreadyImported ? (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
            {t('imports.alreadyImported')}
          </Alert>
        ) : null}
        {hasErrors ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title={t('imports.errorsTitle')}
          >
            {t('imports.errorsText', {
              count: preview.errors.length,
              total: f.number(preview.errors.length),
            })}
          </Alert>
        ) : null}
        {preview.needsClosureConfirmation && !hasErrors ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
            {t('imports.closureWarning', { count: items.closed, total: f.number(items.closed) })}
          </Alert>
        ) : null}
        {hasErrors || preview.warnings.length > 0 ? (
          <Tabs defaultValue={firstTab} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="errors" disabled={!hasErrors} c={hasErrors ? semantic.overdue : undefined}>
                {t('imports.errorsTab', { count: f.number(preview.errors.length) })}
              </Tabs.Tab>
              <Tabs.Tab value="warnings" disabled={preview.warnings.length === 0}>
                {t('imports.warningsTab', { count: f.number(preview.warnings.length) })}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="errors" pt="xs">
              <IssuesTable issues={preview.errors} label={t('imports.errorsTitle')} tone="error" />
            </Tabs.Panel>
            <Tabs.Panel value="warnings" pt="xs">
              <IssuesTable issues={preview.warnings} label={t('imports.warningsTitle')} tone="warning" />
            </Tabs.Panel>
          </Tabs>
        ) : null}
        <NewCustomers customers={preview.newCustomers} />
      </Stack>

      <Group justify="space-between" mt="md">
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack} disabled={busy}>
          {t('imports.backToMapping')}
        </Button>
        <Button
          leftSection={<IconCheck size={16} />}
          onClick={onApply}
          disabled={!canApply || hasErrors || busy}
          loading={busy}
        >
          {t('imports.apply')}
        </Button>
      </Group>
    </Paper>
  );
}
