/**
 * One policy, edited in place: name, bands as chips, minimum overdue amount, minimum gap, and its
 * steps as a vertical timeline (day offset, name, channel, template, order block, escalation),
 * with buttons to add, move and remove steps. Read-only for users who may not change policies.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Chip,
  Group,
  Input,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconBriefcase,
  IconGavel,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { BANDS, type Band, CHANNELS, STEP_TIMINGS } from '../../../../shared/domain/dunning/policy.ts';
import { TEMPLATE_NAMES } from '../../../../shared/domain/letters/model.ts';
import { EuroInput } from '../../components/EuroInput.tsx';
import { TYPE_ICON } from '../worklist/taskTypes.ts';
import { type ErrorMap, MAIL_CHANNELS, newStep, type PolicyDraft, type StepDraft } from './policyDraft.ts';

function StepRow({
  step,
  index,
  count,
  path,
  errors,
  readOnly,
  onChange,
  onMove,
  onRemove,
}: {
  step: StepDraft;
  index: number;
  count: number;
  path: string;
  errors: ErrorMap;
  readOnly: boolean;
  onChange: (next: StepDraft) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const n = index + 1;
  const mail = MAIL_CHANNELS.includes(step.channel);
  const Icon =
    step.escalate === 'legal'
      ? IconGavel
      : step.escalate === 'agency'
        ? IconBriefcase
        : TYPE_ICON[step.channel];
  const err = (field: string) => errors.get(`${path}.${field}`) ?? null;
  const templates: string[] = [...TEMPLATE_NAMES];
  if (step.template && !templates.includes(step.template)) templates.push(step.template);

  return (
    <li className="step" aria-label={t('policies.step.label', { n, name: step.name })}>
      <div className="step-rail" aria-hidden>
        <span className="step-dot" data-channel={step.channel} data-escalate={step.escalate ?? undefined}>
          <Icon size={14} stroke={1.8} />
        </span>
      </div>
      <div className="step-body">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <NumberInput
            aria-label={t(
              step.timing === 'previous' ? 'policies.step.offsetPrevious' : 'policies.step.offset',
              {
                n,
              },
            )}
            value={step.offsetDays}
            onChange={(v) => onChange({ ...step, offsetDays: v })}
            min={0}
            max={3650}
            allowDecimal={false}
            allowNegative={false}
            prefix="+"
            suffix={` ${t('policies.daysShort')}`}
            w={104}
            size="xs"
            readOnly={readOnly}
            error={err('offsetDays')}
            classNames={{ input: 'num step-offset' }}
          />
          <TextInput
            aria-label={t('policies.step.name', { n })}
            placeholder={t('policies.step.namePlaceholder')}
            value={step.name}
            onChange={(e) => onChange({ ...step, name: e.currentTarget.value })}
            size="xs"
            style={{ flex: 1 }}
            readOnly={readOnly}
            error={err('name')}
            maxLength={120}
          />
          {readOnly ? null : (
            <Group gap={2} wrap="nowrap">
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={index === 0}
                onClick={() => onMove(-1)}
                aria-label={t('policies.step.up', { n })}
              >
                <IconArrowUp size={15} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={index === count - 1}
                onClick={() => onMove(1)}
                aria-label={t('policies.step.down', { n })}
              >
                <IconArrowDown size={15} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={onRemove}
                aria-label={t('policies.step.remove', { n })}
              >
                <IconTrash size={15} />
              </ActionIcon>
            </Group>
          )}
        </Group>
        <Group gap="xs" mt={6} wrap="wrap" align="flex-start">
          <NativeSelect
            aria-label={t('policies.step.timing', { n })}
            data={STEP_TIMINGS.map((x) => ({ value: x, label: t(`policies.timings.${x}`) }))}
            value={step.timing}
            onChange={(e) => {
              const v = STEP_TIMINGS.find((x) => x === e.currentTarget.value);
              if (v) onChange({ ...step, timing: v });
            }}
            size="xs"
            w={220}
            disabled={readOnly}
            error={err('timing')}
          />
          <NativeSelect
            aria-label={t('policies.step.channel', { n })}
            data={CHANNELS.map((c) => ({ value: c, label: t(`policies.channels.${c}`) }))}
            value={step.channel}
            onChange={(e) => {
              const v = CHANNELS.find((c) => c === e.currentTarget.value);
              if (!v) return;
              const nextMail = MAIL_CHANNELS.includes(v);
              onChange({
                ...step,
                channel: v,
                template: nextMail ? step.template || (v === 'pec' ? 'formal_notice' : 'reminder1') : '',
              });
            }}
            size="xs"
            w={150}
            disabled={readOnly}
            error={err('channel')}
          />
          {mail ? (
            <NativeSelect
              aria-label={t('policies.step.template', { n })}
              data={[
                ...(step.template ? [] : [{ value: '', label: t('policies.step.templatePlaceholder') }]),
                ...templates.map((name) => {
                  const known = TEMPLATE_NAMES.find((x) => x === name);
                  return { value: name, label: known ? t(`policies.templates.${known}`) : name };
                }),
              ]}
              value={step.template}
              onChange={(e) => onChange({ ...step, template: e.currentTarget.value })}
              size="xs"
              w={200}
              disabled={readOnly}
              error={err('template')}
            />
          ) : null}
          <NativeSelect
            aria-label={t('policies.step.escalate', { n })}
            data={[
              { value: 'none', label: t('policies.escalate.none') },
              { value: 'legal', label: t('policies.escalate.legal') },
              { value: 'agency', label: t('policies.escalate.agency') },
            ]}
            value={step.escalate ?? 'none'}
            onChange={(e) => {
              const v = e.currentTarget.value;
              onChange({ ...step, escalate: v === 'legal' || v === 'agency' ? v : null });
            }}
            size="xs"
            w={180}
            disabled={readOnly}
            error={err('escalate')}
          />
          <Checkbox
            label={t('policies.step.blockOrders')}
            aria-label={t('policies.step.blockOrdersOf', { n })}
            checked={step.blockOrders}
            onChange={(e) => {
              if (!readOnly) onChange({ ...step, blockOrders: e.currentTarget.checked });
            }}
            readOnly={readOnly}
            size="xs"
            mt={6}
            error={err('blockOrders')}
          />
          <EuroInput
            aria-label={t('policies.step.fee', { n })}
            placeholder={t('policies.step.feePlaceholder')}
            value={step.feeEuros}
            onChange={(v) => onChange({ ...step, feeEuros: v })}
            allowNegative={false}
            size="xs"
            w={150}
            readOnly={readOnly}
            error={err('feeCents')}
          />
        </Group>
      </div>
    </li>
  );
}

interface PolicyCardProps {
  policy: PolicyDraft;
  index: number;
  /** Problems by path (only this policy's are looked up). */
  errors: ErrorMap;
  readOnly: boolean;
  /** Bands listed by the other policies, with their name. */
  bandOwners: ReadonlyMap<Band, string>;
  onChange: (index: number, next: PolicyDraft) => void;
  onRemove: (index: number) => void;
  canRemove: boolean;
}

function sameEntries<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>, keep: (k: K) => boolean): boolean {
  const x = [...a].filter(([k]) => keep(k));
  const y = [...b].filter(([k]) => keep(k));
  return x.length === y.length && x.every(([k, v]) => b.get(k) === v);
}

/** A card re-renders only when its policy, its problems or its neighbours' bands change. */
export const PolicyCard = memo(PolicyCardView, (prev, next) => {
  const mine = (k: string) => k.startsWith(`policies.${next.index}.`);
  return (
    prev.policy === next.policy &&
    prev.index === next.index &&
    prev.readOnly === next.readOnly &&
    prev.canRemove === next.canRemove &&
    prev.onChange === next.onChange &&
    prev.onRemove === next.onRemove &&
    sameEntries(prev.errors, next.errors, mine) &&
    sameEntries(prev.bandOwners, next.bandOwners, () => true)
  );
});

function PolicyCardView({
  policy,
  index,
  errors,
  readOnly,
  bandOwners,
  onChange: change,
  onRemove: remove,
  canRemove,
}: PolicyCardProps) {
  const onChange = (next: PolicyDraft) => change(index, next);
  const onRemove = () => remove(index);
  const { t } = useTranslation();
  const bandsLabel = useId();
  const path = `policies.${index}`;
  const err = (field: string) => errors.get(`${path}.${field}`) ?? null;
  const title = policy.name.trim() || t('policies.untitled', { n: index + 1 });

  const setSteps = (steps: StepDraft[]) => onChange({ ...policy, steps });
  const moveStep = (j: number, delta: -1 | 1) => {
    const steps = [...policy.steps];
    const [moved] = steps.splice(j, 1);
    if (!moved) return;
    steps.splice(j + delta, 0, moved);
    setSteps(steps);
  };

  return (
    <Paper p="md" component="section" aria-label={title} className="policy-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <TextInput
          aria-label={t('policies.name')}
          placeholder={t('policies.namePlaceholder')}
          value={policy.name}
          onChange={(e) => onChange({ ...policy, name: e.currentTarget.value })}
          readOnly={readOnly}
          error={err('name')}
          w={340}
          maxLength={120}
          classNames={{ input: 'policy-name' }}
        />
        <Group gap="md" wrap="nowrap">
          <Tooltip label={t('policies.defaultTip')} multiline w={260}>
            <div>
              <Switch
                label={t('policies.default')}
                checked={policy.isDefault}
                onChange={(e) => {
                  if (!readOnly) onChange({ ...policy, isDefault: e.currentTarget.checked });
                }}
                readOnly={readOnly}
                error={err('default')}
                size="sm"
              />
            </div>
          </Tooltip>
          {readOnly ? null : (
            <Tooltip label={t('policies.remove', { name: title })}>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={onRemove}
                disabled={!canRemove}
                aria-label={t('policies.remove', { name: title })}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>

      <Group gap="xl" mt="sm" align="flex-start" wrap="wrap">
        <Input.Wrapper
          label={<span id={bandsLabel}>{t('policies.bands')}</span>}
          error={err('bands')}
          description={t('policies.bandsHint')}
        >
          {readOnly ? (
            <Group gap={4} mt={4} role="group" aria-labelledby={bandsLabel}>
              {policy.bands.length === 0 ? (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              ) : (
                policy.bands.map((b) => (
                  <Badge key={b} variant="light" size="lg">
                    {b}
                  </Badge>
                ))
              )}
            </Group>
          ) : (
            <Chip.Group
              multiple
              value={policy.bands}
              onChange={(v) => onChange({ ...policy, bands: BANDS.filter((b) => v.includes(b)) })}
            >
              <Group gap={4} mt={4} role="group" aria-labelledby={bandsLabel}>
                {BANDS.map((b) => {
                  const owner = bandOwners.get(b);
                  const chip = (
                    <Chip key={b} value={b} size="xs" variant="outline">
                      {b}
                    </Chip>
                  );
                  return owner && !policy.bands.includes(b) ? (
                    <Tooltip key={b} label={t('policies.bandOwner', { band: b, policy: owner })}>
                      <span className="chip-taken">{chip}</span>
                    </Tooltip>
                  ) : (
                    chip
                  );
                })}
              </Group>
            </Chip.Group>
          )}
        </Input.Wrapper>
        <EuroInput
          label={t('policies.minOverdue')}
          description={t('policies.minOverdueHint')}
          value={policy.minOverdueEuros}
          onChange={(v) => onChange({ ...policy, minOverdueEuros: v })}
          fixedDecimalScale
          allowNegative={false}
          hideControls
          readOnly={readOnly}
          error={err('minOverdueCents')}
          w={200}
        />
        <EuroInput
          label={t('policies.minItem')}
          description={t('policies.minItemHint')}
          value={policy.minItemEuros}
          onChange={(v) => onChange({ ...policy, minItemEuros: v })}
          allowNegative={false}
          hideControls
          readOnly={readOnly}
          error={err('minItemCents')}
          w={200}
        />
        <NumberInput
          label={t('policies.minGap')}
          description={t('policies.minGapHint')}
          value={policy.minGapDays}
          onChange={(v) => onChange({ ...policy, minGapDays: v })}
          min={0}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          readOnly={readOnly}
          error={err('minGapDays')}
          w={200}
          classNames={{ input: 'num' }}
        />
      </Group>

      <Stack gap={4} mt="md">
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {t('policies.steps')}
          </Text>
          {policy.steps.length === 0 ? (
            <Badge color="gray" variant="light" data-testid="no-reminders">
              {t('policies.noReminders')}
            </Badge>
          ) : null}
        </Group>
        {policy.steps.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('policies.noRemindersHint')}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('policies.stepsHint')}
        </Text>
        {err('steps') ? (
          <Text size="xs" c="red" role="alert">
            {err('steps')}
          </Text>
        ) : null}
      </Stack>
      <ol className="steps" aria-label={t('policies.stepsOf', { name: title })}>
        {policy.steps.map((step, j) => (
          <StepRow
            key={step.uid}
            step={step}
            index={j}
            count={policy.steps.length}
            path={`${path}.steps.${j}`}
            errors={errors}
            readOnly={readOnly}
            onChange={(next) => setSteps(policy.steps.map((s, k) => (k === j ? next : s)))}
            onMove={(delta) => moveStep(j, delta)}
            onRemove={() => setSteps(policy.steps.filter((_s, k) => k !== j))}
          />
        ))}
      </ol>
      {readOnly ? null : (
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => setSteps([...policy.steps, newStep(policy.steps[policy.steps.length - 1])])}
          ml={30}
        >
          {t('policies.addStep')}
        </Button>
      )}
      <Group gap="lg" mt="sm" pt="sm" className="policy-claims">
        <Text size="xs" c="dimmed">
          {t('policies.claims')}
        </Text>
        <Checkbox
          size="xs"
          label={t('policies.claimInterest')}
          checked={policy.claimInterest}
          readOnly={readOnly}
          onChange={(e) => {
            if (!readOnly) onChange({ ...policy, claimInterest: e.currentTarget.checked });
          }}
        />
        <Checkbox
          size="xs"
          label={t('policies.claimCompensation')}
          checked={policy.claimCompensation}
          readOnly={readOnly}
          onChange={(e) => {
            if (!readOnly) onChange({ ...policy, claimCompensation: e.currentTarget.checked });
          }}
        />
      </Group>
    </Paper>
  );
}
