/**
 * Completing a task with an outcome (only the outcomes that fit its type; a promise asks for a
 * date and an amount, a dispute for its reason, a call-back for a date) and skipping it with a
 * reason. Digits pick an outcome, Ctrl+Enter confirms.
 */
import { Alert, Button, Group, Kbd, Modal, Radio, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconAlertTriangle, IconCheck, IconPlayerSkipForward } from '@tabler/icons-react';
import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput, MethodOutput, WorklistTask } from '../../../../shared/api/contract.ts';
import { addDays } from '../../../../shared/domain/dates.ts';
import type { ApiError } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError } from '../../api/hooks.ts';
import { EuroInput } from '../../components/EuroInput.tsx';
import { useFormat } from '../../format.ts';
import { commitDateOnEnter } from '../customer/DateField.tsx';
import { parseTypedDate } from '../imports/dateInput.ts';
import { OUTCOMES, type Outcome } from './taskTypes.ts';

export type CompleteInput = MethodInput<'tasks.complete'>;
export type CompleteResult = MethodOutput<'tasks.complete'>;

/**
 * Ctrl+Enter (Cmd+Enter) confirms the dialog; a plain Enter in a field does not (no implicit
 * submission: a promise is never saved before its date, amount and note are typed). Enter on the
 * confirm button still clicks it.
 */
function submitOnCtrlEnter(submit: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      submit();
    } else if (e.target instanceof HTMLInputElement) {
      e.preventDefault();
    }
  };
}

function ServerError({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={16} />}
      title={t(`errors.${error.code}`)}
    >
      <Text size="sm">{error.message}</Text>
    </Alert>
  );
}

function CompleteForm({
  task,
  today,
  onClose,
  onDone,
}: {
  task: WorklistTask;
  today: string;
  onClose: () => void;
  onDone: (input: CompleteInput, result: CompleteResult) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const outcomes = OUTCOMES[task.type];
  const [outcome, setOutcome] = useState<Outcome>(outcomes[0] ?? 'done');
  const [note, setNote] = useState('');
  const [promiseDate, setPromiseDate] = useState<string | null>(addDays(today, 7));
  const [promiseEuros, setPromiseEuros] = useState<number | string>(task.overdueCents / 100);
  const [callbackDate, setCallbackDate] = useState<string | null>(addDays(today, 1));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const promiseCents = Math.round(Number(promiseEuros) * 100);
  const errors = {
    promiseDate:
      outcome === 'promise' && (!promiseDate || promiseDate < today) ? t('tasks.errors.dateFromToday') : null,
    promiseAmount:
      outcome === 'promise' && !(Number.isFinite(promiseCents) && promiseCents > 0)
        ? t('tasks.errors.amount')
        : null,
    callbackDate:
      outcome === 'callback' && (!callbackDate || callbackDate < today)
        ? t('tasks.errors.dateFromToday')
        : null,
    note: outcome === 'dispute' && !note.trim() ? t('tasks.errors.disputeReason') : null,
  };
  const valid = Object.values(errors).every((e) => e === null);

  const submit = async () => {
    setTried(true);
    if (!valid || busy) return;
    const input: CompleteInput = {
      id: task.id,
      outcome,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(outcome === 'promise' && promiseDate ? { promiseDate, promiseCents } : {}),
      ...(outcome === 'callback' && callbackDate ? { callbackDate } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('tasks.complete', input);
      onDone(input, result);
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  return (
    <form
      onSubmit={onSubmit}
      onKeyDown={(e) => {
        submitOnCtrlEnter(() => void submit())(e);
        // Digits pick an outcome, unless typed into a text field.
        const el = e.target;
        const typing =
          el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type !== 'radio');
        const picked = /^[1-9]$/.test(e.key) && !typing ? outcomes[Number(e.key) - 1] : undefined;
        if (picked && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          setOutcome(picked);
        }
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {task.customerName} · {task.customerCode} ·{' '}
          <Text span c="red" fw={600} className="num">
            {f.money(task.overdueCents)}
          </Text>
        </Text>
        <Radio.Group<Outcome>
          label={t('tasks.outcome')}
          value={outcome}
          onChange={(v) => setOutcome(v)}
          name={`outcome-${task.id}`}
        >
          <Stack gap={6} mt={6}>
            {outcomes.map((o, i) => (
              <Group
                key={o}
                justify="space-between"
                wrap="nowrap"
                className="outcome-row"
                data-checked={o === outcome || undefined}
              >
                <Radio
                  value={o}
                  label={t(`tasks.outcomes.${o}`)}
                  description={t(`tasks.outcomeHints.${o}`)}
                  data-autofocus={o === outcome ? true : undefined}
                />
                {outcomes.length > 1 ? (
                  <Kbd size="xs" aria-hidden>
                    {i + 1}
                  </Kbd>
                ) : null}
              </Group>
            ))}
          </Stack>
        </Radio.Group>

        {outcome === 'promise' ? (
          <SimpleGrid cols={2} spacing="sm">
            <DateInput
              label={t('tasks.promiseDate')}
              value={promiseDate}
              onChange={setPromiseDate}
              minDate={today}
              valueFormat={f.language === 'it' ? 'DD/MM/YYYY' : 'DD MMM YYYY'}
              dateParser={(text) => parseTypedDate(text)}
              placeholder={t('common.datePlaceholder')}
              error={tried ? errors.promiseDate : null}
              popoverProps={{ withinPortal: true }}
              onKeyDown={commitDateOnEnter}
              required
            />
            <EuroInput
              label={t('tasks.promiseAmount')}
              value={promiseEuros}
              onChange={setPromiseEuros}
              fixedDecimalScale
              hideControls
              error={tried ? errors.promiseAmount : null}
              required
            />
          </SimpleGrid>
        ) : null}

        {outcome === 'callback' ? (
          <DateInput
            label={t('tasks.callbackDate')}
            value={callbackDate}
            onChange={setCallbackDate}
            minDate={today}
            valueFormat={f.language === 'it' ? 'DD/MM/YYYY' : 'DD MMM YYYY'}
            dateParser={(text) => parseTypedDate(text)}
            placeholder={t('common.datePlaceholder')}
            error={tried ? errors.callbackDate : null}
            popoverProps={{ withinPortal: true }}
            onKeyDown={commitDateOnEnter}
            w="50%"
            required
          />
        ) : null}

        <Textarea
          label={outcome === 'dispute' ? t('tasks.disputeReason') : t('tasks.note')}
          placeholder={outcome === 'dispute' ? t('tasks.disputePlaceholder') : t('tasks.notePlaceholder')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          rows={3}
          maxLength={2000}
          required={outcome === 'dispute'}
          error={tried ? errors.note : null}
        />

        <ServerError error={error} />

        <Group justify="space-between" wrap="nowrap">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> {t('tasks.toConfirm')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} leftSection={<IconCheck size={16} />}>
              {t('tasks.completeAction')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

export function CompleteTaskModal({
  task,
  today,
  onClose,
  onDone,
}: {
  task: WorklistTask | null;
  today: string;
  onClose: () => void;
  onDone: (task: WorklistTask, input: CompleteInput, result: CompleteResult) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={task !== null}
      onClose={onClose}
      title={task ? t('tasks.completeTitle', { step: task.step }) : ''}
      size={540}
    >
      {task ? (
        <CompleteForm
          key={task.id}
          task={task}
          today={today}
          onClose={onClose}
          onDone={(input, result) => onDone(task, input, result)}
        />
      ) : null}
    </Modal>
  );
}

function SkipForm({
  task,
  onClose,
  onDone,
}: {
  task: WorklistTask;
  onClose: () => void;
  onDone: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async () => {
    setTried(true);
    const text = reason.trim();
    if (!text || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('tasks.skip', { id: task.id, reason: text });
      onDone(text);
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={submitOnCtrlEnter(() => void submit())}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('tasks.skipText', { customer: task.customerName })}
        </Text>
        <Textarea
          label={t('tasks.skipReason')}
          placeholder={t('tasks.skipPlaceholder')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          rows={3}
          maxLength={500}
          required
          data-autofocus
          error={tried && !reason.trim() ? t('tasks.errors.skipReason') : null}
        />
        <ServerError error={error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} leftSection={<IconPlayerSkipForward size={16} />}>
            {t('tasks.skipAction')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SkipTaskModal({
  task,
  onClose,
  onDone,
}: {
  task: WorklistTask | null;
  onClose: () => void;
  onDone: (task: WorklistTask, reason: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={task !== null}
      onClose={onClose}
      title={task ? t('tasks.skipTitle', { step: task.step }) : ''}
      size="md"
    >
      {task ? (
        <SkipForm key={task.id} task={task} onClose={onClose} onDone={(reason) => onDone(task, reason)} />
      ) : null}
    </Modal>
  );
}
