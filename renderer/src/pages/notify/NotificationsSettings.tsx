import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  NumberInput,
  Progress,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconEye, IconPlayerStop, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import type { DigestPreview } from '../../../../shared/api/contracts/notify.ts';
import { ALERT_KINDS, type AlertKind, type AlertRule } from '../../../../shared/domain/notify.ts';
import type { Language } from '../../../../shared/domain/vocabulary.ts';
import { newJobId } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { useApiQuery, useJobProgress } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { notifyError, notifySuccess } from '../../components/notify.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { useFormat } from '../../format.ts';
import { useDraft } from '../../state/draft.ts';
import { useSession } from '../../state/session.tsx';
import { SettingsSection } from '../settings/SettingsSection.tsx';

type Config = MethodOutput<'notify.config.get'>;
type Lang = Language;

/** Which thresholds mean something, and in what unit. */
const THRESHOLD: Partial<Record<AlertKind, 'classes' | 'percent' | 'euros'>> = {
  ratingDrop: 'classes',
  overLimit: 'percent',
  returnedBill: 'euros',
};

/**
 * Settings › Notifications (the manager's): digests on/off and their time of day, the overdue
 * threshold, which alerts, their thresholds and urgency, the recipients' addresses and language
 * (salespeople from the imports, collectors and managers), and a preview of what would be sent.
 */
export function NotificationsSettings() {
  const { t } = useTranslation();
  const { canCall } = useSession();
  if (!canCall('notify.config.get')) return null;
  return (
    <SettingsSection title={t('notify.settings.title')} description={t('notify.settings.hint')}>
      <Stack gap="lg">
        <ConfigForm />
        <Salespeople />
        <Preview />
        <Messages />
      </Stack>
    </SettingsSection>
  );
}

function ConfigForm() {
  const { t } = useTranslation();
  const api = useApi();
  const q = useApiQuery('notify.config.get', {}, { watchLedger: false });
  const [draft, setDraft, resetDraft] = useDraft<Config>(q.data ?? null);
  const [saving, whileSaving] = useBusyAction();

  if (q.error) return <ErrorState error={q.error} onRetry={q.reload} />;
  if (!draft) return null;
  const setRule = (kind: AlertKind, patch: Partial<AlertRule>) =>
    setDraft({ ...draft, alerts: { ...draft.alerts, [kind]: { ...draft.alerts[kind], ...patch } } });
  const setUser = (userId: number, patch: Partial<{ email: string; language: Lang }>) =>
    setDraft({ ...draft, users: draft.users.map((u) => (u.userId === userId ? { ...u, ...patch } : u)) });
  const timeOk = /^([01]\d|2[0-3]):[0-5]\d$/.test(draft.time);

  const save = () =>
    whileSaving(async () => {
      await api.call('notify.config.set', {
        digests: draft.digests,
        alerts: draft.alerts,
        minOverdueCents: draft.minOverdueCents,
        time: draft.time,
        users: draft.users.map((u) => ({ userId: u.userId, email: u.email.trim(), language: u.language })),
      });
      notifySuccess(t('notify.settings.saved'));
      resetDraft();
      q.reload();
    });

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        <Group align="flex-end" wrap="wrap">
          <Switch
            label={t('notify.settings.digests')}
            checked={draft.digests}
            onChange={(e) => setDraft({ ...draft, digests: e.currentTarget.checked })}
          />
          <TextInput
            label={t('notify.settings.time')}
            value={draft.time}
            onChange={(e) => setDraft({ ...draft, time: e.currentTarget.value })}
            error={timeOk ? null : t('notify.settings.timeInvalid')}
            w={120}
            maxLength={5}
          />
          <NumberInput
            label={t('notify.settings.minOverdue')}
            value={draft.minOverdueCents / 100}
            onChange={(v) => setDraft({ ...draft, minOverdueCents: Math.round(Number(v || 0) * 100) })}
            min={0}
            decimalScale={2}
            w={200}
            leftSection="€"
          />
        </Group>
        <Title order={3} size="h5">
          {t('notify.settings.alerts')}
        </Title>
        <Table withRowBorders={false} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('notify.settings.kind')}</Table.Th>
              <Table.Th>{t('notify.settings.enabled')}</Table.Th>
              <Table.Th>{t('notify.settings.urgent')}</Table.Th>
              <Table.Th>{t('notify.settings.threshold')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ALERT_KINDS.map((kind) => {
              const rule = draft.alerts[kind];
              const unit = THRESHOLD[kind];
              const label = t(`notify.kinds.${kind}`);
              return (
                <Table.Tr key={kind}>
                  <Table.Td>{label}</Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={t('notify.settings.enabledFor', { kind: label })}
                      checked={rule.enabled}
                      onChange={(e) => setRule(kind, { enabled: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={t('notify.settings.urgentFor', { kind: label })}
                      checked={rule.urgent}
                      disabled={!rule.enabled}
                      onChange={(e) => setRule(kind, { urgent: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    {unit ? (
                      <NumberInput
                        aria-label={t(`notify.settings.thresholdFor.${unit}`, { kind: label })}
                        value={unit === 'euros' ? rule.threshold / 100 : rule.threshold}
                        onChange={(v) =>
                          setRule(kind, {
                            threshold: Math.max(
                              unit === 'classes' ? 1 : 0,
                              Math.round(Number(v || 0) * (unit === 'euros' ? 100 : 1)),
                            ),
                          })
                        }
                        min={unit === 'classes' ? 1 : 0}
                        max={unit === 'classes' ? 4 : undefined}
                        decimalScale={unit === 'euros' ? 2 : 0}
                        disabled={!rule.enabled}
                        w={150}
                        rightSection={<Text size="xs">{t(`notify.settings.units.${unit}`)}</Text>}
                        rightSectionWidth={unit === 'classes' ? 56 : 32}
                      />
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Title order={3} size="h5">
          {t('notify.settings.users')}
        </Title>
        {draft.users.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('notify.settings.noUsers')}
          </Text>
        ) : (
          draft.users.map((u) => (
            <Group key={u.userId} align="flex-end" wrap="nowrap">
              <Text size="sm" w={180} truncate>
                {u.name} · {t(`notify.roles.${u.role === 'clerk' ? 'collector' : 'manager'}`)}
              </Text>
              <TextInput
                aria-label={t('notify.settings.emailOf', { name: u.name })}
                placeholder={t('notify.settings.email')}
                value={u.email}
                onChange={(e) => setUser(u.userId, { email: e.currentTarget.value })}
                style={{ flex: 1 }}
                type="email"
              />
              <LanguageSelect
                label={t('notify.settings.languageOf', { name: u.name })}
                value={u.language}
                onChange={(language) => setUser(u.userId, { language })}
              />
            </Group>
          ))
        )}
        <Group>
          <Button type="submit" loading={saving} disabled={!timeOk}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function LanguageSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Lang;
  onChange: (l: Lang) => void;
}) {
  return (
    <Select
      aria-label={label}
      data={[
        { value: 'it', label: 'Italiano' },
        { value: 'en', label: 'English' },
      ]}
      value={value}
      onChange={(v) => onChange(v === 'en' ? 'en' : 'it')}
      allowDeselect={false}
      w={120}
    />
  );
}

/** The salespeople the imports named: each one's address and language, saved one by one. */
function Salespeople() {
  const { t } = useTranslation();
  const api = useApi();
  const q = useApiQuery('salespeople.list', {});
  // Only the rows the user edited are kept here, so a reload never wipes what is being typed.
  const [drafts, setDrafts] = useState<Record<string, { email: string; language: Lang }>>({});
  const [saving, setSaving] = useState<string | null>(null);

  const save = async (name: string) => {
    const d = drafts[name];
    if (!d) return;
    setSaving(name);
    try {
      await api.call('salespeople.set', { name, email: d.email.trim() || null, language: d.language });
      notifySuccess(t('notify.salespeople.saved', { name }));
      setDrafts(({ [name]: _saved, ...rest }) => rest);
      q.reload();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setSaving(null);
    }
  };

  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('notify.salespeople.title')}
      </Title>
      {q.error ? <ErrorState error={q.error} onRetry={q.reload} /> : null}
      {q.data && q.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('notify.salespeople.empty')}
        </Text>
      ) : null}
      {(q.data ?? []).map((s) => {
        const d = drafts[s.name] ?? { email: s.email ?? '', language: s.language };
        const changed = d.email.trim() !== (s.email ?? '') || d.language !== s.language;
        return (
          <Group key={s.name} align="flex-end" wrap="nowrap">
            <Stack gap={0} w={180}>
              <Text size="sm" truncate>
                {s.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t('notify.salespeople.customers', { count: s.customers })}
              </Text>
            </Stack>
            <TextInput
              aria-label={t('notify.settings.emailOf', { name: s.name })}
              placeholder={t('notify.settings.email')}
              value={d.email}
              onChange={(e) => {
                const email = e.currentTarget.value;
                setDrafts((all) => ({ ...all, [s.name]: { ...d, email } }));
              }}
              style={{ flex: 1 }}
              type="email"
            />
            <LanguageSelect
              label={t('notify.settings.languageOf', { name: s.name })}
              value={d.language}
              onChange={(language) => setDrafts((all) => ({ ...all, [s.name]: { ...d, language } }))}
            />
            <Button
              variant="default"
              disabled={!changed}
              loading={saving === s.name}
              onClick={() => void save(s.name)}
              aria-label={t('notify.salespeople.saveFor', { name: s.name })}
            >
              {t('common.save')}
            </Button>
          </Group>
        );
      })}
    </Stack>
  );
}

/** What the digests would say today, recipient by recipient; and a send now. */
function Preview() {
  const { t } = useTranslation();
  const api = useApi();
  const f = useFormat();
  const { canCall } = useSession();
  const [list, setList] = useState<DigestPreview[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'send' | null>(null);

  const preview = async () => {
    setBusy('preview');
    try {
      setList(await api.call('notify.preview', {}));
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(null);
    }
  };
  const [job, setJob] = useState<string | null>(null);
  const progress = useJobProgress(job);
  const send = async () => {
    setBusy('send');
    const id = newJobId();
    setJob(id);
    try {
      const r = await api.call('notify.send', { now: true }, { job: id });
      notifySuccess(
        t('notify.preview.sentResult', {
          sent: r.sent.length,
          failed: r.failed.length,
          skipped: r.skipped.length,
        }),
      );
      setList(await api.call('notify.preview', {}));
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(null);
      setJob(null);
    }
  };

  return (
    <Stack gap="xs">
      {job ? (
        <Group wrap="nowrap" role="status" aria-live="polite" aria-label={t('notify.preview.sending')}>
          <Progress
            style={{ flex: 1 }}
            aria-label={t('notify.preview.sending')}
            value={progress && progress.total > 0 ? (100 * progress.done) / progress.total : 100}
            striped={!progress || progress.total === 0}
            animated={!progress || progress.total === 0}
          />
          <Text size="xs" c="dimmed">
            {progress && progress.total > 0
              ? t('notify.preview.progress', {
                  done: progress.done,
                  total: progress.total,
                  phase: t(`notify.preview.phases.${progress.phase === 'urgent' ? 'urgent' : 'digest'}`),
                })
              : t('notify.preview.sending')}
          </Text>
          <Button
            size="xs"
            variant="default"
            color="red"
            leftSection={<IconPlayerStop size={14} />}
            onClick={() => void api.call('jobs.cancel', { job }).catch(() => undefined)}
          >
            {t('notify.preview.cancel')}
          </Button>
        </Group>
      ) : null}
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('notify.preview.title')}
        </Title>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconEye size={16} />}
            loading={busy === 'preview'}
            onClick={() => void preview()}
          >
            {t('notify.preview.show')}
          </Button>
          {canCall('notify.send') ? (
            <Button
              leftSection={<IconSend size={16} />}
              loading={busy === 'send'}
              onClick={() => void send()}
            >
              {t('notify.preview.send')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {list && list.length === 0 ? <Alert color="gray">{t('notify.preview.nobody')}</Alert> : null}
      {list && list.length > 0 ? (
        <Table striped aria-label={t('notify.preview.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('notify.preview.to')}</Table.Th>
              <Table.Th>{t('notify.preview.role')}</Table.Th>
              <Table.Th>{t('notify.preview.customers')}</Table.Th>
              <Table.Th>{t('notify.preview.alerts')}</Table.Th>
              <Table.Th>{t('notify.preview.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((d) => {
              const key = `${d.role}:${d.to}`;
              return (
                <Table.Tr key={key}>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => setOpen(open === key ? null : key)}
                      aria-expanded={open === key}
                    >
                      {d.to}
                    </Button>
                    {open === key ? (
                      <Code block mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                        {`${d.subject}\n\n${d.text}`}
                      </Code>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t(`notify.roles.${d.role}`)}</Table.Td>
                  <Table.Td>
                    {d.customers.length}
                    {d.customers.length
                      ? ` · ${f.money(d.customers.reduce((s, c) => s + c.overdueCents, 0))}`
                      : ''}
                  </Table.Td>
                  <Table.Td>{d.alerts.length}</Table.Td>
                  <Table.Td>
                    {d.nothingNew ? (
                      <Badge variant="light" color="gray">
                        {t('notify.preview.nothingNew')}
                      </Badge>
                    ) : !d.email ? (
                      <Badge variant="light" color="orange">
                        {t('notify.preview.noEmail')}
                      </Badge>
                    ) : (
                      <Badge variant="light">{t('notify.preview.willSend')}</Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}

/** The last messages sent or failed (a failure says the server's reply; the next pass retries it). */
function Messages() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useApiQuery('notify.messages', { limit: 20 });
  if (q.error) return <ErrorState error={q.error} onRetry={q.reload} />;
  const rows = q.data ?? [];
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('notify.messages.title')}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('notify.messages.empty')}
        </Text>
      ) : (
        <Table aria-label={t('notify.messages.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('notify.messages.date')}</Table.Th>
              <Table.Th>{t('notify.preview.to')}</Table.Th>
              <Table.Th>{t('notify.messages.kind')}</Table.Th>
              <Table.Th>{t('notify.preview.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{f.date(m.date)}</Table.Td>
                <Table.Td>
                  {m.to} · {m.email}
                </Table.Td>
                <Table.Td>{t(`notify.messages.kinds.${m.kind}`)}</Table.Td>
                <Table.Td>
                  {m.status === 'sent' ? (
                    <Badge variant="light">{t('notify.messages.sent')}</Badge>
                  ) : (
                    <Stack gap={0}>
                      <Badge color="red" variant="light">
                        {t('notify.messages.failed')}
                      </Badge>
                      <Text size="xs">{m.error}</Text>
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
