import {
  Button,
  Divider,
  Group,
  Input,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { IconCalculator } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addMonths } from '../../../../shared/domain/plan.ts';
import { useApi } from '../../api/context.tsx';
import { notifyError } from '../../components/notify.tsx';
import { useFormat } from '../../format.ts';
import { DateField } from './DateField.tsx';
import { ItemPicker } from './ItemPicker.tsx';
import { newRow } from './PromiseRows.tsx';
import { checkPlan } from './planCheck.ts';
import { ScheduleEditor } from './ScheduleEditor.tsx';
import { type DatedAmount, type ItemsDialogProps, type PlanEvery, receivablesOf } from './types.ts';
import { useProfileAction } from './useProfileAction.ts';

interface Proposal {
  rows: DatedAmount[];
  interestCents: number;
  /** The parameters the proposal was computed from: a change makes it stale. */
  basis: string;
}

/**
 * A repayment plan from selected invoices: number of installments, weekly or monthly, first date,
 * optional interest → the proposed schedule (`plans.schedule`), editable row by row with a live
 * check that the installments add up to the items plus interest → saved with `plans.add`.
 */
export function PlanModal({
  opened,
  onClose,
  code,
  items,
  preselected,
  today,
  onDone,
}: ItemsDialogProps & { today: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const act = useProfileAction();
  const { receivables, disputed } = receivablesOf(items);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [count, setCount] = useState<number>(3);
  const [every, setEvery] = useState<PlanEvery>('month');
  const [first, setFirst] = useState<string | null>(null);
  const [interest, setInterest] = useState<number>(0);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [computing, setComputing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [shown, setShown] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh plan each time the dialog opens.
  useEffect(() => {
    if (opened) {
      setSelected(
        new Set([...preselected].filter((id) => receivables.some((i) => i.id === id && !i.disputed))),
      );
      setCount(3);
      setEvery('month');
      setFirst(addMonths(today, 1));
      setInterest(0);
      setProposal(null);
      setShown(false);
    }
  }, [opened]);

  const itemIds = receivables.filter((i) => selected.has(i.id)).map((i) => i.id);
  const principal = receivables.filter((i) => selected.has(i.id)).reduce((s, i) => s + i.residualCents, 0);
  const basis = JSON.stringify([itemIds, count, every, first, interest]);
  const paramsOk = itemIds.length > 0 && count >= 1 && count <= 60 && first !== null && first >= today;
  const check = proposal ? checkPlan(proposal.rows, principal, proposal.interestCents, today) : null;

  const compute = async () => {
    setShown(true);
    if (!paramsOk || !first) return;
    setComputing(true);
    try {
      const s = await api.call('plans.schedule', {
        code,
        itemIds,
        installments: count,
        first,
        every,
        interestPercent: interest,
      });
      setProposal({
        rows: s.installments.map((i) => newRow(i.date, i.amountCents)),
        interestCents: s.interestCents,
        basis,
      });
    } catch (err) {
      notifyError(t, err);
    } finally {
      setComputing(false);
    }
  };

  const save = async () => {
    if (!proposal || !check?.ok) return;
    setSaving(true);
    const r = await act(
      'plans.add',
      {
        code,
        itemIds,
        every,
        interestCents: proposal.interestCents,
        installments: proposal.rows.map((x) => ({ date: x.date ?? '', amountCents: x.cents ?? 0 })),
      },
      t('customer.plan.saved'),
      t('customer.plans.summary', {
        count: proposal.rows.length,
        total: f.number(proposal.rows.length),
        frequency: every === 'week' ? t('customer.plan.weekly') : t('customer.plan.monthly'),
        amount: f.money(check.scheduledCents),
      }),
    );
    setSaving(false);
    if (r.ok) {
      onDone();
      onClose();
    }
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('customer.contact.close') }}
      opened={opened}
      onClose={onClose}
      title={t('customer.plan.title')}
      size={760}
    >
      <Stack gap="sm">
        <ItemPicker
          items={receivables}
          selected={selected}
          onChange={setSelected}
          label={t('customer.plan.items')}
          disabledIds={disputed}
          error={shown && itemIds.length === 0 ? t('customer.plan.errors.items') : undefined}
          maxHeight={180}
        />
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <NumberInput
            label={t('customer.plan.installments')}
            value={count}
            onChange={(v) => setCount(typeof v === 'number' ? v : Number(v) || 0)}
            min={1}
            max={60}
            allowDecimal={false}
            w={120}
            error={shown && (count < 1 || count > 60) ? t('customer.plan.errors.count') : undefined}
          />
          <Input.Wrapper label={t('customer.plan.every')}>
            <SegmentedControl
              aria-label={t('customer.plan.every')}
              value={every}
              onChange={(v) => setEvery(v === 'week' ? 'week' : 'month')}
              data={[
                { value: 'month', label: t('customer.plan.monthly') },
                { value: 'week', label: t('customer.plan.weekly') },
              ]}
              display="flex"
            />
          </Input.Wrapper>
          <DateField
            label={t('customer.plan.first')}
            value={first}
            onChange={setFirst}
            minDate={today}
            w={150}
            error={shown && (!first || first < today) ? t('customer.promise.errors.past') : undefined}
          />
          <NumberInput
            label={t('customer.plan.interest')}
            value={interest}
            onChange={(v) =>
              setInterest(typeof v === 'number' ? v : Number(String(v).replace(',', '.')) || 0)
            }
            min={0}
            max={30}
            decimalScale={2}
            decimalSeparator={f.language === 'it' ? ',' : '.'}
            suffix=" %"
            w={130}
          />
          <Button
            variant={proposal ? 'default' : 'filled'}
            leftSection={<IconCalculator size={16} />}
            onClick={() => void compute()}
            loading={computing}
          >
            {proposal ? t('customer.plan.recompute') : t('customer.plan.compute')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('customer.plan.principal', { amount: f.money(principal) })}
        </Text>
        {proposal && check ? (
          <>
            <Divider label={t('customer.plan.scheduleLabel')} labelPosition="left" />
            {proposal.basis !== basis ? (
              <Text size="xs" c="orange" role="status">
                {t('customer.plan.stale')}
              </Text>
            ) : null}
            <ScheduleEditor
              rows={proposal.rows}
              onChange={(rows) => setProposal({ ...proposal, rows })}
              check={check}
              principalCents={principal}
              interestCents={proposal.interestCents}
              today={today}
            />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('customer.plan.computeHint')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save()} loading={saving} disabled={!check?.ok}>
            {t('customer.plan.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
