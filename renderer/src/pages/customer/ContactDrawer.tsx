import {
  Button,
  Chip,
  Drawer,
  Group,
  Input,
  Kbd,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { DateField } from './DateField.tsx';
import { ItemPicker } from './ItemPicker.tsx';
import { newRow, PromiseRows, rowProblems } from './PromiseRows.tsx';
import {
  CHANNELS,
  type ContactChannel,
  type ContactInput,
  type ContactOutcome,
  type DatedAmount,
  DISPUTE_REASONS,
  type DisputeReason,
  isReceivable,
  OUTCOMES,
  type Profile,
} from './types.ts';
import { useProfileAction } from './useProfileAction.ts';

interface Draft {
  channel: ContactChannel;
  direction: 'out' | 'in';
  person: string;
  outcome: ContactOutcome | null;
  note: string;
  promise: DatedAmount[];
  disputeItems: Set<number>;
  disputeReason: DisputeReason | null;
  callbackDate: string | null;
}

function emptyDraft(profile: Profile, preselected: ReadonlySet<number>): Draft {
  return {
    channel: 'phone',
    direction: 'out',
    person: profile.customer.dunningContactName ?? '',
    outcome: null,
    note: '',
    promise: [newRow()],
    disputeItems: new Set(preselected),
    disputeReason: null,
    callbackDate: null,
  };
}

/** A choice among a few values, labelled above like the form's other fields. */
function SegmentsField<V extends string>({
  label,
  value,
  onChange,
  data,
}: {
  label: string;
  value: V;
  onChange: (value: V) => void;
  data: { value: V; label: string }[];
}) {
  return (
    <Input.Wrapper label={label}>
      <SegmentedControl<V>
        fullWidth
        size="xs"
        aria-label={label}
        value={value}
        onChange={onChange}
        data={data}
      />
    </Input.Wrapper>
  );
}

/**
 * The contact log in one small form: channel, direction, person, outcome, note. A promise outcome
 * asks for its dated amounts, a dispute for the items and the reason, a call-back for the date.
 * Ctrl+Enter saves.
 */
export function ContactDrawer({
  opened,
  onClose,
  profile,
  today,
  preselected,
  taskId,
}: {
  opened: boolean;
  onClose: () => void;
  profile: Profile;
  today: string;
  preselected: ReadonlySet<number>;
  /** The worklist task this contact answers (from `?task=`): it completes. */
  taskId: number | null;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const act = useProfileAction();
  const outcomeId = useId();
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(profile, preselected));
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form each time the drawer opens.
  useEffect(() => {
    if (opened) {
      setDraft(emptyDraft(profile, preselected));
      setShown(false);
    }
  }, [opened]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const receivables = profile.items.filter(isReceivable);
  const disputed = new Set(receivables.filter((i) => i.disputed).map((i) => i.id));
  const promiseProblems = rowProblems(draft.promise, today);
  const disputeItems = [...draft.disputeItems].filter((id) => !disputed.has(id));
  const problems = {
    promise: draft.outcome === 'promise' && (promiseProblems.size > 0 || draft.promise.length === 0),
    disputeItems: draft.outcome === 'dispute' && disputeItems.length === 0,
    disputeReason: draft.outcome === 'dispute' && draft.disputeReason === null,
    callback: draft.outcome === 'callback' && draft.callbackDate !== null && draft.callbackDate < today,
  };

  const submit = async () => {
    setShown(true);
    if (Object.values(problems).some(Boolean)) return;
    const noteParts = [draft.note.trim()];
    if (draft.outcome === 'callback' && draft.callbackDate)
      noteParts.push(t('customer.contact.callbackNote', { date: f.date(draft.callbackDate) }));
    const note = noteParts.filter(Boolean).join('\n');
    const input: ContactInput = {
      code: profile.customer.code,
      channel: draft.channel,
      direction: draft.direction,
      ...(draft.person.trim() ? { person: draft.person.trim() } : {}),
      ...(draft.outcome ? { outcome: draft.outcome } : {}),
      ...(note ? { note } : {}),
      ...(taskId !== null ? { taskId } : {}),
      ...(draft.outcome === 'promise'
        ? { promise: draft.promise.map((r) => ({ date: r.date ?? '', cents: r.cents ?? 0 })) }
        : {}),
      ...(draft.outcome === 'dispute' && draft.disputeReason
        ? { dispute: { itemIds: disputeItems, reason: draft.disputeReason } }
        : {}),
    };
    setBusy(true);
    const promised = draft.promise.reduce((s, r) => s + (r.cents ?? 0), 0);
    const r = await act(
      'contacts.add',
      input,
      t('customer.contact.saved'),
      draft.outcome === 'promise'
        ? t('customer.contact.savedPromise', {
            count: draft.promise.length,
            total: f.number(draft.promise.length),
            amount: f.money(promised),
          })
        : draft.outcome === 'dispute'
          ? t('customer.contact.savedDispute', {
              count: disputeItems.length,
              total: f.number(disputeItems.length),
            })
          : undefined,
    );
    setBusy(false);
    if (r.ok) onClose();
  };

  return (
    <Drawer
      closeButtonProps={{ 'aria-label': t('customer.contact.close') }}
      opened={opened}
      onClose={onClose}
      position="right"
      size={480}
      title={
        <Stack gap={0}>
          <Text fw={600}>{t('customer.contact.title')}</Text>
          <Text size="xs" c="dimmed">
            {profile.customer.name}
          </Text>
        </Stack>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={getHotkeyHandler([['mod+Enter', () => void submit()]])}
        aria-label={t('customer.contact.title')}
      >
        <Stack gap="sm">
          <Group grow gap="sm" align="flex-start">
            <SegmentsField
              label={t('customer.contact.channel')}
              value={draft.channel}
              onChange={(v) => set('channel', v)}
              data={CHANNELS.map((c) => ({ value: c, label: t(`customer.channels.${c}`) }))}
            />
          </Group>
          <Group grow gap="sm" align="flex-start">
            <SegmentsField
              label={t('customer.contact.direction')}
              value={draft.direction}
              onChange={(v) => set('direction', v)}
              data={[
                { value: 'out', label: t('customer.contact.out') },
                { value: 'in', label: t('customer.contact.in') },
              ]}
            />
            <TextInput
              label={t('customer.contact.person')}
              placeholder={t('customer.contact.personPlaceholder')}
              value={draft.person}
              onChange={(e) => set('person', e.currentTarget.value)}
              maxLength={120}
              size="xs"
              data-autofocus
            />
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id={outcomeId}>
              {t('customer.contact.outcome')}
            </Text>
            <Chip.Group
              value={draft.outcome ?? ''}
              onChange={(v) => {
                const value = Array.isArray(v) ? v[0] : v;
                set('outcome', value ? (value as ContactOutcome) : null);
              }}
            >
              <Group gap={6} role="radiogroup" aria-labelledby={outcomeId}>
                {OUTCOMES.map((o) => (
                  <Chip key={o} value={o} size="xs" type="radio" variant="outline" name={outcomeId}>
                    {t(`customer.outcomes.${o}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Stack>
          {draft.outcome === 'promise' ? (
            <PromiseRows
              rows={draft.promise}
              onChange={(rows) => set('promise', rows)}
              today={today}
              showErrors={shown}
            />
          ) : null}
          {draft.outcome === 'dispute' ? (
            <Stack gap="xs">
              <ItemPicker
                items={receivables}
                selected={draft.disputeItems}
                onChange={(next) => set('disputeItems', next)}
                label={t('customer.dispute.items')}
                disabledIds={disputed}
                error={shown && problems.disputeItems ? t('customer.dispute.errors.items') : undefined}
                maxHeight={180}
              />
              <Select
                label={t('customer.dispute.reason')}
                data={DISPUTE_REASONS.map((r) => ({ value: r, label: t(`customer.reasons.${r}`) }))}
                value={draft.disputeReason}
                onChange={(v) => set('disputeReason', v as DisputeReason | null)}
                error={shown && problems.disputeReason ? t('customer.dispute.errors.reason') : undefined}
                size="xs"
                comboboxProps={{ withinPortal: true }}
              />
            </Stack>
          ) : null}
          {draft.outcome === 'callback' ? (
            <DateField
              label={t('customer.contact.callbackDate')}
              value={draft.callbackDate}
              onChange={(d) => set('callbackDate', d)}
              minDate={today}
              error={shown && problems.callback ? t('customer.promise.errors.past') : undefined}
              size="xs"
            />
          ) : null}
          <Textarea
            label={t('customer.contact.note')}
            value={draft.note}
            onChange={(e) => set('note', e.currentTarget.value)}
            autosize
            minRows={3}
            maxRows={8}
            maxLength={4000}
          />
          {taskId !== null ? (
            <Text size="xs" c="dimmed">
              {t('customer.contact.completesTask')}
            </Text>
          ) : null}
          <Group justify="space-between" mt={4}>
            <Text size="xs" c="dimmed">
              <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> {t('customer.contact.toSave')}
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('customer.contact.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
