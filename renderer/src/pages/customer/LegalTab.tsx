/**
 * The legal dossier of a customer (issue 7): who has it, the phase, costs, recoveries and events,
 * and the convenience evaluation always in sight; a manager opens a dossier here and exports it
 * for the agency (ZIP).
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconGavel, IconScale } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/api/contract.ts';
import {
  type DossierView,
  type EvaluationView,
  manualEventKindSchema,
} from '../../../../shared/api/contracts/legal.ts';
import {
  COST_KINDS,
  HANDLERS,
  isClosedPhase,
  LEGAL_PHASES,
  OPEN_PHASES,
} from '../../../../shared/domain/legal.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { base64Blob, saveFile } from '../../components/files.ts';
import { useNoticeText } from '../../components/useNoticeText.ts';
import { useFormat } from '../../format.ts';
import { useSession } from '../../state/session.tsx';
import { semantic } from '../../theme.ts';
import { DateField } from './DateField.tsx';
import { MoneyInput } from './MoneyInput.tsx';
import { useProfileAction } from './useProfileAction.ts';

type Phase = DossierView['phase'];
type CostKind = DossierView['costs'][number]['kind'];
type Handler = DossierView['handler'];
type EventKind = MethodInput<'legal.event'>['kind'];
/** What a user may record by hand: the contract's list, in its order. */
const EVENT_KINDS: readonly EventKind[] = manualEventKindSchema.options;

function pick<T extends string>(list: readonly T[], v: string | null): T | null {
  return list.find((x) => x === v) ?? null;
}

export function LegalTab({ code, today }: { code: string; today: string }) {
  // legal.find answers null for a customer without a dossier: no error, no 404 in the console.
  const dossier = useApiQuery('legal.find', { code });
  const d = dossier.data?.customerCode === code ? dossier.data : undefined;
  if (dossier.error && !d) return <ErrorState error={dossier.error} onRetry={dossier.reload} />;
  if (dossier.data === null && !dossier.loading) return <OpenDossier code={code} today={today} />;
  if (!d) return <Skeleton h={320} />;
  return (
    <Stack gap="md" data-testid="legal-tab">
      <PrescriptionWarning date={d.prescription.date} warningOn={d.prescription.warningOn} today={today} />
      <EvaluationCard evaluation={d.evaluation} prescription={d.prescription.date} />
      <DossierHeader d={d} today={today} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <CostsCard d={d} today={today} />
        <RecoveriesCard d={d} today={today} />
      </SimpleGrid>
      <EventsCard d={d} today={today} />
    </Stack>
  );
}

function Figure({
  label,
  value,
  testId,
  tone,
}: {
  label: string;
  value: string;
  testId: string;
  tone?: string;
}) {
  return (
    <div className="legal-figure">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} size="lg" c={tone} data-testid={testId} className="num">
        {value}
      </Text>
    </div>
  );
}

/** The convenience evaluation: the figures, the verdict and why, the prescription date. */
export function EvaluationCard({
  evaluation: e,
  prescription,
}: {
  evaluation: EvaluationView;
  prescription: string | null;
}) {
  const { t } = useTranslation();
  const noticeText = useNoticeText();
  const f = useFormat();
  const closed = e.reasonCode === 'closed';
  const verdictColor = closed ? 'gray' : e.worthContinuing ? semantic.ok : semantic.overdue;
  return (
    <Card withBorder padding="md" aria-labelledby="legal-eval-title" data-testid="legal-evaluation">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap={8}>
          <IconScale size={18} stroke={1.6} />
          <Title order={3} size="h5" id="legal-eval-title">
            {t('legal.evaluation.title')}
          </Title>
        </Group>
        <Badge size="lg" color={verdictColor} variant="filled" data-testid="legal-verdict">
          {closed
            ? t('legal.evaluation.closed')
            : e.worthContinuing
              ? t('legal.evaluation.worth')
              : t('legal.evaluation.notWorth')}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" verticalSpacing="sm">
        <Figure label={t('legal.evaluation.claim')} value={f.money(e.claimCents)} testId="legal-claim" />
        <Figure label={t('legal.evaluation.costs')} value={f.money(e.costsCents)} testId="legal-costs" />
        <Figure
          label={t('legal.evaluation.further')}
          value={f.money(e.furtherCostsCents)}
          testId="legal-further"
        />
        <Figure
          label={t('legal.evaluation.recovered')}
          value={f.money(e.recoveredCents)}
          testId="legal-recovered"
        />
        <Figure
          label={t('legal.evaluation.probability')}
          value={f.percent(e.probability)}
          testId="legal-probability"
        />
        <Figure
          label={t('legal.evaluation.expectedNet')}
          value={f.money(e.expectedNetCents)}
          testId="legal-net"
          tone={e.expectedNetCents > 0 ? semantic.ok : semantic.overdue}
        />
        <Figure
          label={t('legal.evaluation.breakEven')}
          value={e.breakEvenProbability === null ? '—' : f.percent(e.breakEvenProbability)}
          testId="legal-breakeven"
        />
        <Figure
          label={t('legal.evaluation.prescription')}
          value={prescription ? f.date(prescription) : '—'}
          testId="legal-prescription"
        />
      </SimpleGrid>
      <Text size="sm" mt="sm" data-testid="legal-reason">
        {e.reason}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {t('legal.evaluation.claimDetail', {
          residual: f.money(e.residualCents),
          interest: f.money(e.interestCents),
          compensation: f.money(e.compensationCents),
          class: e.ratingClass,
        })}
      </Text>
      {e.notices.map((n) => (
        <Text key={n.message} size="xs" c={semantic.dueSoon} mt={4}>
          {noticeText(n)}
        </Text>
      ))}
    </Card>
  );
}

function useCanManage(): { manager: boolean; accountant: boolean; clerk: boolean } {
  const { user } = useSession();
  const admin = user.role === 'admin';
  return {
    manager: admin || user.role === 'manager',
    accountant: admin || user.role === 'manager' || user.role === 'accountant',
    clerk: admin || user.role === 'manager' || user.role === 'clerk',
  };
}

function OpenDossier({ code, today }: { code: string; today: string }) {
  const { t } = useTranslation();
  const run = useProfileAction();
  const can = useCanManage();
  const [to, setTo] = useState<Handler>('lawyer');
  const [name, setName] = useState('');
  const [reference, setReference] = useState('');
  const [date, setDate] = useState<string | null>(today);
  const [busy, setBusy] = useState(false);
  return (
    <EmptyPanel
      icon={<IconGavel size={26} stroke={1.5} />}
      title={t('legal.noDossierTitle')}
      description={can.manager ? t('legal.noDossierText') : t('legal.noDossierManager')}
      actions={
        can.manager ? (
          <form
            aria-label={t('legal.openForm')}
            onSubmit={async (ev) => {
              ev.preventDefault();
              setBusy(true);
              await run(
                'legal.open',
                {
                  code,
                  to,
                  name: name.trim(),
                  ...(reference.trim() ? { reference: reference.trim() } : {}),
                  phase: 'entrusted',
                  ...(date ? { date } : {}),
                },
                t('legal.opened'),
              );
              setBusy(false);
            }}
          >
            <Group align="flex-end" gap="sm">
              <Select
                label={t('legal.handler')}
                w={150}
                allowDeselect={false}
                value={to}
                onChange={(v) => setTo(pick(HANDLERS, v) ?? 'lawyer')}
                data={HANDLERS.map((h) => ({ value: h, label: t(`legal.handlers.${h}`) }))}
              />
              <TextInput
                label={t('legal.handlerName')}
                required
                w={220}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <TextInput
                label={t('legal.reference')}
                w={150}
                value={reference}
                onChange={(e) => setReference(e.currentTarget.value)}
              />
              <DateField label={t('legal.date')} w={140} value={date} onChange={setDate} />
              <Button type="submit" loading={busy} disabled={!name.trim()}>
                {t('legal.open')}
              </Button>
            </Group>
          </form>
        ) : null
      }
    />
  );
}

function DossierHeader({ d, today }: { d: DossierView; today: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const run = useProfileAction();
  const can = useCanManage();
  const [phase, setPhase] = useState<Phase | null>(null);
  const [date, setDate] = useState<string | null>(today);
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState(false);
  const closed = isClosedPhase(d.phase);
  const active = closed ? OPEN_PHASES.length : (OPEN_PHASES as readonly string[]).indexOf(d.phase);

  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={3} size="h5">
              {t('legal.dossierTitle', { id: d.id })}
            </Title>
            <Badge variant="light" color={closed ? 'gray' : semantic.accent} data-testid="legal-phase">
              {t(`legal.phases.${d.phase}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t('legal.handledBy', {
              handler: t(`legal.handlers.${d.handler}`),
              name: d.handlerName,
            })}
            {d.reference ? ` · ${t('legal.referenceShort', { reference: d.reference })}` : ''}
            {` · ${t('legal.openedOn', { date: f.date(d.openedOn) })}`}
            {` · ${t('legal.phaseOn', { date: f.date(d.phaseOn) })}`}
          </Text>
        </Stack>
        {can.manager ? (
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            loading={exporting}
            onClick={async () => {
              setExporting(true);
              const res = await run('legal.export', { code: d.customerCode }, t('legal.exported'));
              setExporting(false);
              if (res.ok) saveFile(base64Blob(res.data.dataBase64, 'application/zip'), res.data.fileName);
            }}
          >
            {t('legal.export')}
          </Button>
        ) : null}
      </Group>
      <Stepper active={active} size="xs" allowNextStepsSelect={false} aria-label={t('legal.phaseLabel')}>
        {OPEN_PHASES.map((p) => (
          <Stepper.Step key={p} label={t(`legal.phasesShort.${p}`)} />
        ))}
        <Stepper.Step label={closed ? t(`legal.phasesShort.${d.phase}`) : t('legal.phasesShort.closed')} />
      </Stepper>
      {can.manager ? (
        <form
          aria-label={t('legal.phaseForm')}
          onSubmit={async (ev) => {
            ev.preventDefault();
            if (!phase) return;
            setBusy(true);
            const res = await run(
              'legal.phase',
              { code: d.customerCode, phase, ...(date ? { date } : {}) },
              t('legal.phaseSaved'),
            );
            setBusy(false);
            if (res.ok) setPhase(null);
          }}
        >
          <Group align="flex-end" gap="sm" mt="md">
            <Select
              label={t('legal.newPhase')}
              w={300}
              value={phase}
              onChange={(v) => setPhase(pick(LEGAL_PHASES, v))}
              data={LEGAL_PHASES.filter((p) => p !== d.phase).map((p) => ({
                value: p,
                label: t(`legal.phases.${p}`),
              }))}
            />
            <DateField label={t('legal.phaseDate')} w={140} value={date} onChange={setDate} />
            <Button type="submit" loading={busy} disabled={!phase}>
              {t('legal.changePhase')}
            </Button>
          </Group>
        </form>
      ) : null}
    </Card>
  );
}

function ListCard({
  title,
  label,
  empty,
  head,
  rows,
  form,
}: {
  title: string;
  label: string;
  empty: string;
  head: ReactNode;
  rows: ReactNode[];
  form: ReactNode;
}) {
  return (
    <Card withBorder padding="md">
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {rows.length > 0 ? (
        <Table className="dense-table" aria-label={label} verticalSpacing={4}>
          <Table.Thead>{head}</Table.Thead>
          <Table.Tbody>{rows}</Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
      {form}
    </Card>
  );
}

type AmountEntry = DossierView['recoveries'][number];

/**
 * A dossier's list of amounts (its costs or its recoveries): date, what, amount, the total in the
 * title, and for an accountant the form that adds one (an amount, a date and `fields` of its own).
 */
function AmountsCard<E extends AmountEntry>({
  entries,
  today,
  title,
  label,
  empty,
  what,
  describe,
  formLabel,
  addLabel,
  amountWidth,
  fields,
  onAdd,
}: {
  entries: E[];
  today: string;
  title: (total: string) => string;
  label: string;
  empty: string;
  /** The head of the middle column. */
  what: string;
  describe: (entry: E) => ReactNode;
  formLabel: string;
  addLabel: string;
  amountWidth: number;
  fields?: ReactNode;
  /** Saves the amount; true when it was saved (the amount is cleared then). */
  onAdd: (cents: number, date: string | null) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCanManage();
  const [cents, setCents] = useState<number | null>(null);
  const [date, setDate] = useState<string | null>(today);
  const [busy, setBusy] = useState(false);
  const total = entries.reduce((s, c) => s + c.amountCents, 0);
  return (
    <ListCard
      title={title(f.money(total))}
      label={label}
      empty={empty}
      head={
        <Table.Tr>
          <Table.Th>{t('legal.date')}</Table.Th>
          <Table.Th>{what}</Table.Th>
          <Table.Th ta="right">{t('legal.amount')}</Table.Th>
        </Table.Tr>
      }
      rows={entries.map((c) => (
        <Table.Tr key={c.id}>
          <Table.Td>{f.date(c.date)}</Table.Td>
          <Table.Td>{describe(c)}</Table.Td>
          <Table.Td ta="right" className="num">
            {f.money(c.amountCents)}
          </Table.Td>
        </Table.Tr>
      ))}
      form={
        can.accountant ? (
          <form
            aria-label={formLabel}
            onSubmit={async (ev) => {
              ev.preventDefault();
              if (!cents || cents <= 0) return;
              setBusy(true);
              const saved = await onAdd(cents, date);
              setBusy(false);
              if (saved) setCents(null);
            }}
          >
            <Group align="flex-end" gap="xs" mt="sm">
              {fields}
              <MoneyInput
                label={t('legal.amount')}
                w={amountWidth}
                value={cents}
                onChange={(c) => setCents(c)}
              />
              <DateField label={t('legal.date')} w={130} value={date} onChange={setDate} />
              <Button type="submit" variant="light" loading={busy} disabled={!cents || cents <= 0}>
                {addLabel}
              </Button>
            </Group>
          </form>
        ) : null
      }
    />
  );
}

function CostsCard({ d, today }: { d: DossierView; today: string }) {
  const { t } = useTranslation();
  const run = useProfileAction();
  const [kind, setKind] = useState<CostKind>('lawyer');
  return (
    <AmountsCard
      entries={d.costs}
      today={today}
      title={(total) => t('legal.costs.title', { total })}
      label={t('legal.costs.label')}
      empty={t('legal.costs.empty')}
      what={t('legal.costs.kind')}
      describe={(c) => (
        <>
          {t(`legal.costKinds.${c.kind}`)}
          {c.note ? (
            <Text span size="xs" c="dimmed" ml={6}>
              {c.note}
            </Text>
          ) : null}
        </>
      )}
      formLabel={t('legal.costs.form')}
      addLabel={t('legal.costs.add')}
      amountWidth={120}
      fields={
        <Select
          label={t('legal.costs.kind')}
          w={180}
          allowDeselect={false}
          value={kind}
          onChange={(v) => setKind(pick(COST_KINDS, v) ?? 'lawyer')}
          data={COST_KINDS.map((k) => ({ value: k, label: t(`legal.costKinds.${k}`) }))}
        />
      }
      onAdd={async (cents, date) => {
        const input = { code: d.customerCode, cents, kind, ...(date ? { date } : {}) };
        return (await run('legal.cost', input, t('legal.costs.added'))).ok;
      }}
    />
  );
}

function RecoveriesCard({ d, today }: { d: DossierView; today: string }) {
  const { t } = useTranslation();
  const run = useProfileAction();
  return (
    <AmountsCard
      entries={d.recoveries}
      today={today}
      title={(total) => t('legal.recoveries.title', { total })}
      label={t('legal.recoveries.label')}
      empty={t('legal.recoveries.empty')}
      what={t('legal.note')}
      describe={(c) => c.note ?? '—'}
      formLabel={t('legal.recoveries.form')}
      addLabel={t('legal.recoveries.add')}
      amountWidth={140}
      onAdd={async (cents, date) => {
        const input = { code: d.customerCode, cents, ...(date ? { date } : {}) };
        return (await run('legal.recovery', input, t('legal.recoveries.added'))).ok;
      }}
    />
  );
}

function EventsCard({ d, today }: { d: DossierView; today: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const run = useProfileAction();
  const can = useCanManage();
  const [kind, setKind] = useState<EventKind>('note');
  const [description, setDescription] = useState('');
  const [date, setDate] = useState<string | null>(today);
  const [busy, setBusy] = useState(false);
  const events = [...d.events].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id));
  return (
    <ListCard
      title={t('legal.events.title')}
      label={t('legal.events.label')}
      empty={t('legal.events.empty')}
      head={
        <Table.Tr>
          <Table.Th w={110}>{t('legal.date')}</Table.Th>
          <Table.Th w={200}>{t('legal.events.kind')}</Table.Th>
          <Table.Th>{t('legal.events.description')}</Table.Th>
          <Table.Th w={120}>{t('legal.events.user')}</Table.Th>
        </Table.Tr>
      }
      rows={events.map((e) => (
        <Table.Tr key={e.id}>
          <Table.Td>{f.date(e.date)}</Table.Td>
          <Table.Td>
            <Group gap={4} wrap="nowrap">
              {t(`legal.eventKinds.${e.kind}`)}
              {e.interruptive ? (
                <Badge size="xs" variant="light" color={semantic.dueSoon}>
                  {t('legal.events.interruptive')}
                </Badge>
              ) : null}
            </Group>
          </Table.Td>
          <Table.Td>
            {e.kind === 'phase' && e.phase ? t(`legal.phases.${e.phase}`) : e.description}
            {e.fileName ? (
              <Text span size="xs" c="dimmed" ml={6}>
                {e.fileName}
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td>{e.user ?? '—'}</Table.Td>
        </Table.Tr>
      ))}
      form={
        can.clerk ? (
          <form
            aria-label={t('legal.events.form')}
            onSubmit={async (ev) => {
              ev.preventDefault();
              if (!description.trim()) return;
              setBusy(true);
              const res = await run(
                'legal.event',
                { code: d.customerCode, kind, description: description.trim(), ...(date ? { date } : {}) },
                t('legal.events.added'),
              );
              setBusy(false);
              if (res.ok) setDescription('');
            }}
          >
            <Group align="flex-end" gap="xs" mt="sm">
              <Select
                label={t('legal.events.kind')}
                w={200}
                allowDeselect={false}
                value={kind}
                onChange={(v) => setKind(pick(EVENT_KINDS, v) ?? 'note')}
                data={EVENT_KINDS.map((k) => ({ value: k, label: t(`legal.eventKinds.${k}`) }))}
              />
              <TextInput
                label={t('legal.events.description')}
                style={{ flex: 1 }}
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
              />
              <DateField label={t('legal.date')} w={130} value={date} onChange={setDate} />
              <Button type="submit" variant="light" loading={busy} disabled={!description.trim()}>
                {t('legal.events.add')}
              </Button>
            </Group>
          </form>
        ) : null
      }
    />
  );
}

/** A warning above the tabs' content when prescription is near (shown by the page). */
export function PrescriptionWarning({
  date,
  warningOn,
  today,
}: {
  date: string | null;
  warningOn: string | null;
  today: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!date || !warningOn || today < warningOn) return null;
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={16} />}
      title={t('legal.prescriptionNear', { date: f.date(date) })}
    />
  );
}
