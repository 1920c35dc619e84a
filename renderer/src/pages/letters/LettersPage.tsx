/**
 * Letters (issue 5): today's letter, e-mail and PEC tasks by channel — paper letters first, each
 * channel a tab with its count — grouped by template and cut into pages, the preview of the
 * selected one, the manager's print batch (a job: progress, Cancel, merged PDF, then "Conferma
 * stampa") and sending e-mail/PEC (a job: each message accepted with its Message-ID or failed
 * with the server's reply, with Retry). The Templates tab edits the letters' texts (managers).
 */
import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Loader,
  Pagination,
  Paper,
  Stack,
  Tabs,
  Text,
} from '@mantine/core';
import {
  IconMail,
  IconMailbox,
  IconPrinter,
  IconSend,
  IconSettings,
  IconShieldCheck,
  IconTemplate,
} from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { BatchResult, SendResult } from '../../../../shared/api/contracts/letters.ts';
import { newJobId } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError, useApiQuery } from '../../api/hooks.ts';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { notifyError, notifySuccess } from '../../components/notify.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { useNoticeText } from '../../components/useNoticeText.ts';
import { useFormat } from '../../format.ts';
import { useLedger } from '../../state/ledger.tsx';
import { useSession } from '../../state/session.tsx';
import { JobBar } from './JobBar.tsx';
import { LetterPreview } from './LetterPreview.tsx';
import { LetterTaskTable } from './LetterTaskTable.tsx';
import {
  CHANNEL_ORDER,
  type Channel,
  countByChannel,
  groupByTemplate,
  isMail,
  pageLines,
  taskIdsFromSearch,
} from './model.ts';
import { downloadPdf } from './pdf.ts';
import { BatchResultPanel, SendResultPanel } from './Results.tsx';
import { TemplatesTab } from './TemplatesTab.tsx';
import './letters.css';

type Running = { kind: 'print' | 'send'; job: string } | null;
type Tab = Channel | 'templates';
/** Tasks a page: a day of a few hundred letters stays a few screens, never one endless list. */
const PAGE_SIZE = 50;
const CHANNEL_ICON = { letter: IconMailbox, pec: IconShieldCheck, email: IconMail } as const;

const isTab = (v: string | null): v is Tab =>
  v === 'letter' || v === 'pec' || v === 'email' || v === 'templates';

export function LettersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const ledger = useLedger();
  const { canCall } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const noticeText = useNoticeText();
  const [params, setParams] = useSearchParams();
  const tasks = useApiQuery('letters.tasks', {});
  const settings = useApiQuery('settings.get', {});
  const rows = tasks.data?.rows;
  const channelCounts = useMemo(() => countByChannel(rows ?? []), [rows]);
  // The tab is in the address (`?tab=`), so the palette and links can open one.
  const urlTab = params.get('tab');
  const pickedTab: Tab | null = isTab(urlTab) ? urlTab : null;
  // Until the user picks a tab: the channel of the worklist's first chosen task, else the first
  // channel with something to do (paper letters first).
  const preselected = useRef(taskIdsFromSearch(location.search));
  // Chosen once when the tasks first load, then kept: a tab emptied by printing stays open.
  const [autoTab, setAutoTab] = useState<Tab | null>(null);
  useEffect(() => {
    if (autoTab !== null || !rows) return;
    const firstChosen = rows.find((r) => preselected.current.includes(r.taskId));
    setAutoTab(firstChosen?.type ?? CHANNEL_ORDER.find((c) => rows.some((r) => r.type === c)) ?? 'letter');
  }, [autoTab, rows]);
  const tab: Tab = pickedTab ?? autoTab ?? 'letter';
  const channel: Channel = tab === 'templates' ? 'letter' : tab;
  const channelRows = useMemo(() => (rows ?? []).filter((r) => r.type === channel), [rows, channel]);
  const groups = useMemo(() => groupByTemplate(channelRows), [channelRows]);
  const channelIds = useMemo(() => groups.flatMap((g) => g.rows.map((r) => r.taskId)), [groups]);
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(channelIds.length / PAGE_SIZE));
  const lines = useMemo(() => pageLines(groups, Math.min(page, pages) - 1, PAGE_SIZE), [groups, page, pages]);
  const chooseTab = (v: string | null) => {
    if (!isTab(v)) return;
    setPage(1);
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('tab', v);
        return next;
      },
      { replace: true },
    );
  };
  // Customer names seen today (kept after a task is done, for the results list).
  const seen = useRef(new Map<string, string>());
  const names = useMemo(() => {
    for (const r of rows ?? []) seen.current.set(r.customerCode, r.customerName);
    return new Map(seen.current);
  }, [rows]);

  const [selected, setSelected] = useState<Set<number>>(() => new Set(preselected.current));
  const [current, setCurrent] = useState<number | null>(null);
  const [running, setRunning] = useState<Running>(null);
  const [batch, setBatch] = useState<BatchResult | null>(null);
  const [confirmed, setConfirmed] = useState<number[] | null>(null);
  const [sendResult, setSendResult] = useState<SendResult | null>(null);
  const [busy, whileBusy] = useBusyAction();

  // Keep the selection to tasks that are still open today; preview the first selected one.
  useEffect(() => {
    if (!rows) return;
    const open = new Set(rows.map((r) => r.taskId));
    setSelected((s) => {
      const kept = [...s].filter((id) => open.has(id));
      return kept.length === s.size ? s : new Set(kept);
    });
    setCurrent((c) => {
      if (c !== null && open.has(c)) return c;
      const firstSelected = groups.flatMap((g) => g.rows).find((r) => preselected.current.includes(r.taskId));
      return firstSelected?.taskId ?? groups[0]?.rows[0]?.taskId ?? null;
    });
  }, [rows, groups]);

  // Another channel: preview its first task.
  useEffect(() => {
    setCurrent((c) => (c !== null && channelIds.includes(c) ? c : (channelIds[0] ?? null)));
  }, [channelIds]);

  const chosen = (rows ?? []).filter((r) => selected.has(r.taskId));
  const chosenLetters = chosen.filter((r) => r.type === 'letter');
  const chosenMail = chosen.filter(isMail);
  const currentTask = (rows ?? []).find((r) => r.taskId === current) ?? null;

  const smtpMissing = settings.data ? settings.data.smtp.host.trim() === '' : false;
  const pecMissing = settings.data ? settings.data.pec.host.trim() === '' : false;
  const needsSmtp =
    chosenMail.some((r) => r.type === 'email') || (rows ?? []).some((r) => r.type === 'email');
  const needsPec = chosenMail.some((r) => r.type === 'pec') || (rows ?? []).some((r) => r.type === 'pec');
  const mailBlocked = chosenMail.some((r) => (r.type === 'email' ? smtpMissing : pecMissing));

  // A batch printed earlier and not yet confirmed (the page was left, the app restarted).
  const pendingBatch = useMemo(() => {
    const ids = (rows ?? []).flatMap((r) =>
      r.letter?.status === 'generated' && r.letter.batchId !== null ? [r.letter.batchId] : [],
    );
    return ids.length > 0 ? Math.max(...ids) : null;
  }, [rows]);

  const toggle = useCallback((id: number) => {
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  }, []);
  const toggleMany = useCallback((ids: number[], on: boolean) => {
    setSelected((s) => {
      const n = new Set(s);
      for (const id of ids) {
        if (on) n.add(id);
        else n.delete(id);
      }
      return n;
    });
  }, []);

  const cancel = async () => {
    if (running) await api.call('jobs.cancel', { job: running.job }).catch(() => undefined);
  };

  const print = async () => {
    const job = newJobId();
    setRunning({ kind: 'print', job });
    setBatch(null);
    setConfirmed(null);
    try {
      const result = await api.call(
        'letters.batch',
        { taskIds: chosenLetters.map((r) => r.taskId) },
        { job },
      );
      setBatch(result);
      notifySuccess(
        t('letters.batch.doneTitle'),
        t('letters.batch.summary', {
          letters: f.number(result.letters),
          pages: f.number(result.pages),
          total: f.money(result.files.reduce((s, x) => s + x.totalCents, 0)),
        }),
      );
      tasks.reload();
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'CANCELLED') notifySuccess(t('letters.batch.cancelled'), e.message);
      else notifyError(t, e);
    } finally {
      setRunning(null);
    }
  };

  const openBatch = async (batchId: number) => {
    try {
      const file = await api.call('letters.file', { batchId });
      downloadPdf(file.pdfBase64, file.fileName);
    } catch (err) {
      notifyError(t, err);
    }
  };

  const confirm = (batchId: number) =>
    whileBusy(async () => {
      const result = await api.call('letters.confirm', { batchId, excludeTaskIds: [] });
      setConfirmed(result.tasksDone);
      setSelected((s) => new Set([...s].filter((id) => !result.tasksDone.includes(id))));
      notifySuccess(
        t('letters.batch.confirmedTitle'),
        t('letters.batch.confirmed', { count: result.tasksDone.length }),
      );
      ledger.changed();
    });

  const send = async (taskIds: number[]) => {
    const job = newJobId();
    setRunning({ kind: 'send', job });
    try {
      const result = await api.call('letters.send', { taskIds }, { job });
      setSendResult(result);
      const sent = new Set(result.sent.map((s) => s.taskId));
      setSelected((s) => new Set([...s].filter((id) => !sent.has(id))));
      if (result.sent.length > 0) ledger.changed();
      else tasks.reload();
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'CANCELLED') notifySuccess(t('letters.send.cancelled'), e.message);
      else notifyError(t, e);
      tasks.reload();
    } finally {
      setRunning(null);
    }
  };

  const counts = channelCounts;
  const canEditTemplates = canCall('templates.save');
  const canPrint = canCall('letters.batch');
  const canSend = canCall('letters.send');

  const actions = (
    <>
      {canPrint ? (
        <Button
          leftSection={<IconPrinter size={16} />}
          disabled={chosenLetters.length === 0 || running !== null}
          onClick={() => void print()}
        >
          {t('letters.print', { count: chosenLetters.length })}
        </Button>
      ) : null}
      {canSend ? (
        <Button
          variant="default"
          leftSection={<IconSend size={16} />}
          disabled={chosenMail.length === 0 || running !== null || mailBlocked}
          onClick={() => void send(chosenMail.map((r) => r.taskId))}
        >
          {t('letters.sendAction', { count: chosenMail.length })}
        </Button>
      ) : null}
    </>
  );

  return (
    <div className="page">
      <PageHeader
        title={t('nav.letters')}
        description={
          tasks.data
            ? t('letters.headerCounts', {
                date: f.date(tasks.data.today),
                letters: counts.letter,
                emails: counts.email,
                pecs: counts.pec,
              })
            : t('letters.subtitle')
        }
        actions={actions}
      />
      {tasks.error ? <ErrorState error={tasks.error} onRetry={tasks.reload} /> : null}
      {!tasks.data && !tasks.error ? (
        <Group justify="center" p="xl">
          <Loader size="sm" role="status" aria-label={t('letters.loading')} />
        </Group>
      ) : null}
      <Tabs value={tab} onChange={chooseTab} keepMounted={false} mb="sm">
        <Tabs.List aria-label={t('letters.tabsLabel')}>
          {CHANNEL_ORDER.map((c) => {
            const Icon = CHANNEL_ICON[c];
            return (
              <Tabs.Tab key={c} value={c} leftSection={<Icon size={15} />} data-testid={`tab-${c}`}>
                {t(`letters.tabs.${c}`, { count: counts[c], total: f.number(counts[c]) })}
              </Tabs.Tab>
            );
          })}
          {canEditTemplates ? (
            <Tabs.Tab value="templates" leftSection={<IconTemplate size={15} />} ml="auto">
              {t('letters.tabs.templates')}
            </Tabs.Tab>
          ) : null}
        </Tabs.List>
      </Tabs>
      {tab === 'templates' ? <TemplatesTab /> : null}
      {tab !== 'templates' && tasks.data && tasks.data.rows.length === 0 ? (
        <EmptyPanel
          icon={<IconMail size={26} stroke={1.5} />}
          title={t('letters.emptyTitle')}
          description={t('letters.emptyText')}
          actions={
            <Button variant="default" onClick={() => navigate('/')}>
              {t('letters.toWorklist')}
            </Button>
          }
        />
      ) : null}
      {tab !== 'templates' && tasks.data && tasks.data.rows.length > 0 ? (
        <Stack gap="sm">
          {tasks.data.notices.length > 0 ? (
            <Alert color="yellow" p="xs" data-testid="letters-notice">
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                <Stack gap={2}>
                  {tasks.data.notices.map((n) => (
                    <Text key={n.code} size="sm">
                      {noticeText(n)}
                    </Text>
                  ))}
                </Stack>
                <Anchor component={Link} to="/setup" size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {t('letters.fixInSetup')}
                </Anchor>
              </Group>
            </Alert>
          ) : null}
          {(needsSmtp && smtpMissing) || (needsPec && pecMissing) ? (
            <Alert color="yellow" p="xs" icon={<IconSettings size={16} />} data-testid="mail-missing">
              <Text size="sm" span>
                {needsSmtp && smtpMissing && needsPec && pecMissing
                  ? t('letters.noMailBoth')
                  : needsSmtp && smtpMissing
                    ? t('letters.noSmtp')
                    : t('letters.noPec')}{' '}
              </Text>
              <Anchor component={Link} to="/settings" size="sm">
                {t('letters.toSettings')}
              </Anchor>
            </Alert>
          ) : null}
          {running ? (
            <JobBar
              job={running.job}
              title={running.kind === 'print' ? t('letters.batch.running') : t('letters.send.running')}
              onCancel={() => void cancel()}
            />
          ) : null}
          {batch ? (
            <BatchResultPanel
              result={batch}
              confirmed={confirmed}
              busy={busy}
              canConfirm={canCall('letters.confirm')}
              onOpen={() => batch.batchId !== null && void openBatch(batch.batchId)}
              onConfirm={() => batch.batchId !== null && void confirm(batch.batchId)}
            />
          ) : pendingBatch !== null && canPrint ? (
            <Alert color="yellow" p="xs" data-testid="pending-batch">
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm">{t('letters.batch.pending', { batch: pendingBatch })}</Text>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => void openBatch(pendingBatch)}>
                    {t('letters.batch.open')}
                  </Button>
                  <Button size="xs" loading={busy} onClick={() => void confirm(pendingBatch)}>
                    {t('letters.batch.confirm')}
                  </Button>
                </Group>
              </Group>
            </Alert>
          ) : null}
          {sendResult ? (
            <SendResultPanel
              result={sendResult}
              names={names}
              busy={running !== null}
              onRetry={(ids) => void send(ids)}
            />
          ) : null}
          <Grid gap="sm" align="flex-start">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Paper p={0} className="letters-table">
                {channelIds.length === 0 ? (
                  <Text size="sm" c="dimmed" p="md" data-testid="letters-channel-empty">
                    {t('letters.channelEmpty', { channel: t(`letters.channel.${channel}`) })}
                  </Text>
                ) : null}
                <LetterTaskTable
                  lines={lines}
                  all={channelIds}
                  selected={selected}
                  current={current}
                  onToggle={toggle}
                  onToggleMany={toggleMany}
                  onOpen={setCurrent}
                />
                <Group justify="space-between" p="xs" gap="xs">
                  <Text size="xs" c="dimmed" data-testid="letters-selection">
                    {t('letters.selection', {
                      count: chosen.length,
                      letters: chosenLetters.length,
                      mails: chosenMail.length,
                      total: f.money(chosen.reduce((s, r) => s + r.overdueCents, 0)),
                    })}
                  </Text>
                  {pages > 1 ? (
                    <Pagination
                      size="sm"
                      total={pages}
                      value={Math.min(page, pages)}
                      onChange={setPage}
                      aria-label={t('letters.pages')}
                      getControlProps={(control) => ({
                        'aria-label': t(`letters.pageControl.${control}`),
                      })}
                      getItemProps={(n) => ({ 'aria-label': t('letters.pageN', { page: n }) })}
                    />
                  ) : null}
                </Group>
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <LetterPreview task={currentTask} />
            </Grid.Col>
          </Grid>
        </Stack>
      ) : null}
    </div>
  );
}
