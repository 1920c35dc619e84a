/**
 * The side panel of the worklist: the selected task, its actions (always in the same place) and
 * the customer's essentials from the profile — overdue, oldest due date, contacts, case, promises.
 */
import {
  Anchor,
  Badge,
  Button,
  Divider,
  Group,
  Kbd,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconCheck,
  IconExternalLink,
  IconLock,
  IconPlayerSkipForward,
  IconPointerQuestion,
} from '@tabler/icons-react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorklistTask } from '../../../../shared/api/contract.ts';
import type { Profile } from '../../../../shared/api/contracts/customers.ts';
import { PAUSE_REASONS, PROMISE_STATUSES } from '../../../../shared/domain/vocabulary.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import { PriorityFactors } from './PriorityFactors.tsx';
import { TYPE_ICON } from './taskTypes.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
      <Text size="sm" component="div" ta="right" className="wrap-anywhere">
        {children}
      </Text>
    </Group>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6} component="section" aria-label={title}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

/** The oldest due date among the customer's overdue positive items. */
function oldestOverdue(profile: Profile): { date: string; days: number } | null {
  let best: { date: string; days: number } | null = null;
  for (const i of profile.items) {
    if (i.residualCents <= 0 || i.daysLate <= 0) continue;
    if (!best || i.dueDate < best.date) best = { date: i.dueDate, days: i.daysLate };
  }
  return best;
}

/** The value if it is one of the list, else the fallback (statuses the UI has words for). */
function oneOf<T extends string>(list: readonly T[], value: string | null, fallback: T): T {
  return list.find((x) => x === value) ?? fallback;
}

const CASE_STATUSES = ['open', 'paused', 'legal', 'agency'] as const;

const CASE_COLOR: Record<string, string> = {
  open: 'accent',
  paused: semantic.paused,
  legal: semantic.overdue,
  agency: semantic.overdue,
};

function Essentials({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = profile.customer;
  const oldest = oldestOverdue(profile);
  const openCase = profile.openCase;
  const promises = [...profile.promises].sort((a, b) => b.date.localeCompare(a.date)).slice(0, 4);
  const none = (
    <Text span size="sm" c="dimmed">
      —
    </Text>
  );
  return (
    <Stack gap="md">
      <Section title={t('worklist.panel.figures')}>
        <Fact label={t('worklist.panel.overdue')}>
          <Text
            span
            size="sm"
            fw={600}
            c={profile.figures.overdueCents > 0 ? semantic.overdue : undefined}
            className="num"
          >
            {f.money(profile.figures.overdueCents)}
          </Text>
        </Fact>
        <Fact label={t('worklist.panel.residual')}>
          <span className="num">{f.money(profile.figures.residualCents)}</span>
        </Fact>
        <Fact label={t('worklist.panel.oldestDue')}>
          {oldest ? (
            <span className="num">
              {f.date(oldest.date)}{' '}
              <Text span size="xs" c="dimmed">
                ({t('tasks.days', { count: oldest.days, days: f.number(oldest.days) })})
              </Text>
            </span>
          ) : (
            none
          )}
        </Fact>
        {profile.figures.disputedCents > 0 ? (
          <Fact label={t('worklist.panel.disputed')}>
            <span className="num">{f.money(profile.figures.disputedCents)}</span>
          </Fact>
        ) : null}
      </Section>

      <Section title={t('worklist.panel.contacts')}>
        <Fact label={t('worklist.panel.phone')}>
          {c.phone ? (
            <Anchor href={`tel:${c.phone.replace(/\s+/g, '')}`} size="sm">
              {c.phone}
            </Anchor>
          ) : (
            none
          )}
          {c.phone2 ? (
            <>
              <br />
              <Anchor href={`tel:${c.phone2.replace(/\s+/g, '')}`} size="sm">
                {c.phone2}
              </Anchor>
            </>
          ) : null}
        </Fact>
        <Fact label={t('worklist.panel.email')}>
          {c.dunningContactEmail || c.email ? (
            <Anchor href={`mailto:${c.dunningContactEmail ?? c.email}`} size="sm">
              {c.dunningContactEmail ?? c.email}
            </Anchor>
          ) : (
            none
          )}
        </Fact>
        <Fact label={t('worklist.panel.pec')}>{c.pec ?? none}</Fact>
        {c.dunningContactName ? (
          <Fact label={t('worklist.panel.dunningContact')}>{c.dunningContactName}</Fact>
        ) : null}
      </Section>

      <Section title={t('worklist.panel.case')}>
        {openCase ? (
          <>
            <Fact label={t('worklist.panel.caseStatus')}>
              <Badge size="sm" color={CASE_COLOR[openCase.status] ?? 'gray'} variant="light">
                {t(`worklist.caseStatus.${oneOf(CASE_STATUSES, openCase.status, 'open')}`)}
                {openCase.status === 'paused' && openCase.pausedReason
                  ? ` · ${t(`worklist.pausedReason.${oneOf(PAUSE_REASONS, openCase.pausedReason, 'promise')}`)}`
                  : ''}
              </Badge>
            </Fact>
            <Fact label={t('worklist.panel.policy')}>{openCase.policy}</Fact>
            <Fact label={t('worklist.panel.step')}>{openCase.step ?? none}</Fact>
            <Fact label={t('worklist.panel.openedOn')}>
              <span className="num">{f.date(openCase.openedOn)}</span>
            </Fact>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('worklist.panel.noCase')}
          </Text>
        )}
      </Section>

      <Section title={t('worklist.panel.promises')}>
        {promises.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('worklist.panel.noPromises')}
          </Text>
        ) : (
          promises.map((p) => (
            <Group key={p.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="panel-promise">
              <Text size="sm" className="num">
                {f.date(p.date)} · {f.money(p.amountCents)}
              </Text>
              <Badge
                size="sm"
                variant="light"
                color={
                  p.status === 'kept'
                    ? semantic.ok
                    : p.status === 'broken'
                      ? semantic.overdue
                      : semantic.paused
                }
              >
                {t(`worklist.promiseStatus.${oneOf(PROMISE_STATUSES, p.status, 'open')}`)}
              </Badge>
            </Group>
          ))
        )}
      </Section>
    </Stack>
  );
}

export function TaskPanel({
  task,
  today,
  refresh,
  canAct,
  onComplete,
  onSkip,
  onOpen,
}: {
  task: WorklistTask | null;
  today: string;
  /** Grows after an action on a task: the profile reloads. */
  refresh: number;
  canAct: boolean;
  onComplete: () => void;
  onSkip: () => void;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [code] = useDebouncedValue(task?.customerCode ?? null, 120);
  const profile = useApiQuery('customers.get', { code: code ?? '' }, { enabled: code !== null });
  const { reload } = profile;

  useEffect(() => {
    if (refresh > 0) reload();
  }, [refresh, reload]);

  if (!task) {
    return (
      <Paper className="wl-panel" p="md" component="aside" aria-label={t('worklist.panel.label')}>
        <EmptyPanel
          bordered={false}
          headingOrder={2}
          icon={<IconPointerQuestion size={24} stroke={1.5} />}
          title={t('worklist.panel.noneTitle')}
          description={t('worklist.panel.noneText')}
        />
      </Paper>
    );
  }

  const Icon = TYPE_ICON[task.type];
  const data = profile.data && profile.data.customer.code === task.customerCode ? profile.data : null;
  return (
    <Paper className="wl-panel" p="md" component="aside" aria-label={t('worklist.panel.label')}>
      <Stack gap="md">
        <Stack gap={4}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Title order={2} size="h3" className="wrap-anywhere" data-testid="panel-customer">
              {task.customerName}
            </Title>
            {data?.customer.orderBlocked ? (
              <Tooltip label={data.customer.orderBlockReason ?? t('worklist.panel.orderBlocked')}>
                <Badge color={semantic.overdue} size="sm" leftSection={<IconLock size={11} />}>
                  {t('worklist.panel.blocked')}
                </Badge>
              </Tooltip>
            ) : null}
          </Group>
          <Group gap={6}>
            <Text size="xs" ff="monospace" c="dimmed">
              {task.customerCode}
            </Text>
            {data ? (
              <Badge size="xs" variant="outline" color="gray">
                {t('worklist.panel.band', { band: data.customer.effectiveBand })}
              </Badge>
            ) : null}
            {data?.customer.keyAccount ? (
              <Badge size="xs" variant="light" color="accent">
                {t('worklist.panel.keyAccount')}
              </Badge>
            ) : null}
          </Group>
        </Stack>

        <Paper p="sm" className="wl-task-box" withBorder>
          <Stack gap={8}>
            <Group gap={8} wrap="nowrap">
              <span className="type-icon" data-type={task.type} aria-hidden>
                <Icon size={16} stroke={1.7} />
              </span>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} className="wrap-anywhere">
                  {task.step}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`tasks.types.${task.type}`)} ·{' '}
                  {task.lateDays > 0
                    ? t('worklist.lateSince', {
                        count: task.lateDays,
                        days: f.number(task.lateDays),
                        date: f.date(task.dueDate),
                      })
                    : t('worklist.dueOn', { date: f.date(today) })}
                </Text>
              </Stack>
            </Group>
            {canAct ? (
              <Group gap="xs" grow>
                <Tooltip label={`${t('tasks.complete')} (C)`}>
                  <Button
                    size="xs"
                    leftSection={<IconCheck size={14} />}
                    onClick={onComplete}
                    aria-keyshortcuts="c"
                  >
                    {t('tasks.complete')}
                  </Button>
                </Tooltip>
                <Tooltip label={`${t('tasks.skip')} (S)`}>
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconPlayerSkipForward size={14} />}
                    onClick={onSkip}
                    aria-keyshortcuts="s"
                  >
                    {t('tasks.skip')}
                  </Button>
                </Tooltip>
              </Group>
            ) : (
              <Text size="xs" c="dimmed">
                {t('worklist.panel.readOnly')}
              </Text>
            )}
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconExternalLink size={14} />}
              rightSection={<Kbd size="xs">Enter</Kbd>}
              onClick={onOpen}
              aria-keyshortcuts="Enter"
              fullWidth
              justify="space-between"
              classNames={{ label: 'open-label' }}
            >
              {t('worklist.openCustomer')}
            </Button>
          </Stack>
        </Paper>

        <Section title={t('worklist.panel.priority')}>
          <PriorityFactors task={task} />
        </Section>

        <Divider />

        {profile.error && !data ? <ErrorState error={profile.error} onRetry={profile.reload} /> : null}
        {!data && !profile.error ? (
          <Stack gap="xs">
            <Skeleton h={14} w="60%" />
            <Skeleton h={14} />
            <Skeleton h={14} w="80%" />
            <Skeleton h={14} w="70%" />
          </Stack>
        ) : null}
        {data ? <Essentials profile={data} /> : null}
      </Stack>
    </Paper>
  );
}
