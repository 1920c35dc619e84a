/**
 * First run: the short path a new ledger needs before its first letters — company and letterhead,
 * IBAN, the late-payment rate of every half-year up to today, the mail account, the first import.
 * Each step says what is missing and why, offers the form to fix it, and checks itself (a green
 * tick from the backend's own figures; the mail account also by connecting to the server). The
 * worklist lists what is still missing until every step is done.
 */
import {
  Accordion,
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Progress,
  Stack,
  Text,
  ThemeIcon,
} from '@mantine/core';
import {
  IconBuildingBank,
  IconBuildingStore,
  IconCheck,
  IconFileImport,
  IconMail,
  IconPercentage,
  IconPlugConnected,
  IconRefresh,
  IconSignature,
} from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../../api/context.tsx';
import { toApiError } from '../../api/hooks.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../state/session.tsx';
import { CompanySettings } from '../settings/CompanySettings.tsx';
import { LetterheadSettings } from '../settings/letters/LetterheadSettings.tsx';
import { MailSettings } from '../settings/letters/MailSettings.tsx';
import { EmptyLedger } from '../worklist/EmptyLedger.tsx';
import { IbanStep } from './IbanStep.tsx';
import { RateStep } from './RateStep.tsx';
import { SETUP_STEPS, type SetupStep, type SetupStepKey } from './setupModel.ts';
import { useMissingText } from './useMissingText.ts';
import { useSetupStatus } from './useSetupStatus.ts';

const ICONS: Record<SetupStepKey, typeof IconCheck> = {
  company: IconSignature,
  iban: IconBuildingBank,
  rate: IconPercentage,
  mail: IconMail,
  import: IconFileImport,
};

const isStep = (v: string | null): v is SetupStepKey =>
  v !== null && (SETUP_STEPS as readonly string[]).includes(v);

export function SetupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const status = useSetupStatus();
  const steps = status.steps;
  const asked = params.get('step');
  const [open, setOpen] = useState<string | null>(isStep(asked) ? asked : null);

  // Until the user opens one: the step asked for, else the first one not done.
  useEffect(() => {
    if (open !== null || !steps) return;
    setOpen(steps.find((s) => !s.done)?.key ?? null);
  }, [open, steps]);
  useEffect(() => {
    if (isStep(asked)) setOpen(asked);
  }, [asked]);

  const done = steps?.filter((s) => s.done).length ?? 0;
  const total = SETUP_STEPS.length;

  return (
    <div className="page">
      <PageHeader
        title={t('setup.title')}
        description={t('setup.subtitle')}
        actions={
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            loading={status.loading}
            onClick={status.reload}
          >
            {t('setup.checkAll')}
          </Button>
        }
      />
      {!steps ? (
        <Group justify="center" p="xl">
          <Loader size="sm" role="status" aria-label={t('setup.loading')} />
        </Group>
      ) : (
        <Stack gap="md" maw={1100}>
          <Group gap="sm" wrap="nowrap" data-testid="setup-progress">
            <Progress
              value={(done / total) * 100}
              color={done === total ? 'teal' : 'accent'}
              style={{ flex: 1 }}
              aria-label={t('setup.progress', { done, total })}
            />
            <Text size="sm" fw={600} className="num" style={{ whiteSpace: 'nowrap' }}>
              {t('setup.progress', { done, total })}
            </Text>
          </Group>
          {done === total ? (
            <Alert color="teal" icon={<IconCheck size={18} />} title={t('setup.allDoneTitle')}>
              {t('setup.allDoneText')}
            </Alert>
          ) : null}
          <Accordion
            value={open}
            onChange={setOpen}
            variant="separated"
            chevronPosition="right"
            data-testid="setup-steps"
          >
            {steps.map((step, i) => (
              <StepItem key={step.key} step={step} index={i} onChanged={status.reload} />
            ))}
          </Accordion>
        </Stack>
      )}
    </div>
  );
}

function StepItem({ step, index, onChanged }: { step: SetupStep; index: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const missingText = useMissingText();
  const Icon = ICONS[step.key];
  return (
    <Accordion.Item
      value={step.key}
      data-testid={`setup-step-${step.key}`}
      data-done={step.done || undefined}
    >
      <Accordion.Control
        icon={
          <ThemeIcon variant="light" color={step.done ? 'teal' : 'yellow'} radius="xl" size={30} aria-hidden>
            {step.done ? <IconCheck size={17} /> : <Icon size={17} />}
          </ThemeIcon>
        }
      >
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <div style={{ minWidth: 0 }}>
            <Text fw={600} size="sm">
              {index + 1}. {t(`setup.steps.${step.key}.title`)}
            </Text>
            <Text size="xs" c="dimmed">
              {step.done
                ? t(`setup.steps.${step.key}.done`)
                : step.missing.map((m) => missingText(m)).join(' · ')}
            </Text>
          </div>
          <Badge
            color={step.done ? 'teal' : 'yellow'}
            variant="light"
            style={{ flexShrink: 0 }}
            data-testid={`setup-state-${step.key}`}
          >
            {step.done ? t('setup.stateDone') : t('setup.stateMissing')}
          </Badge>
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          <Text size="sm">{t(`setup.steps.${step.key}.why`)}</Text>
          <StepBody step={step} onChanged={onChanged} />
          <CheckButton step={step} onChanged={onChanged} />
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

function StepBody({ step, onChanged }: { step: SetupStep; onChanged: () => void }): ReactNode {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { canCall } = useSession();
  switch (step.key) {
    case 'company':
      return (
        <Stack gap="md">
          <CompanySettings />
          <LetterheadSettings />
        </Stack>
      );
    case 'iban':
      return <IbanStep onSaved={onChanged} />;
    case 'rate':
      return <RateStep onSaved={onChanged} />;
    case 'mail':
      return <MailSettings />;
    case 'import':
      return step.done ? (
        <Group>
          <Button
            variant="default"
            leftSection={<IconBuildingStore size={16} />}
            onClick={() => navigate('/')}
          >
            {t('setup.toWorklist')}
          </Button>
        </Group>
      ) : canCall('imports.apply') || canCall('demo.fill') ? (
        <EmptyLedger />
      ) : (
        <Text size="sm" c="dimmed">
          {t('setup.askAccountant')}
        </Text>
      );
  }
}

/** The step's check: the figures again; for the mail account, a connection to the server too. */
function CheckButton({ step, onChanged }: { step: SetupStep; onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { canCall } = useSession();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const verifyMail = step.key === 'mail' && step.done && canCall('mail.verify');

  const check = async () => {
    setBusy(true);
    setResult(null);
    onChanged();
    if (verifyMail) {
      try {
        setResult(await api.call('mail.verify', { account: 'smtp' }));
      } catch (err) {
        setResult({ ok: false, message: toApiError(err).message });
      }
    }
    setBusy(false);
  };

  return (
    <Stack gap={6}>
      <Group gap="sm">
        <Button
          size="xs"
          variant="light"
          leftSection={verifyMail ? <IconPlugConnected size={14} /> : <IconRefresh size={14} />}
          loading={busy}
          onClick={() => void check()}
          data-testid={`setup-check-${step.key}`}
        >
          {verifyMail ? t('setup.verifyMail') : t('setup.check')}
        </Button>
        {step.done ? (
          <Text size="xs" c="teal.8" fw={600}>
            {t('setup.checkedOk')}
          </Text>
        ) : null}
      </Group>
      {result ? (
        <Alert color={result.ok ? 'teal' : 'red'} p="xs" data-testid="setup-mail-result">
          <Text size="xs">
            {result.ok ? t('setup.mailOk') : t('setup.mailFailed', { message: result.message })}
          </Text>
        </Alert>
      ) : null}
    </Stack>
  );
}
