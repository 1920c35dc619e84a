/**
 * Letters (issue 5): today's letter, e-mail and PEC tasks grouped by template, the preview of the
 * selected one, the manager's print batch (a job: progress, Cancel, merged PDF, then "Conferma
 * stampa") and sending e-mail/PEC (a job: each message accepted with its Message-ID or failed
 * with the server's reply, with Retry).
 */
import { Alert, Anchor, Button, Grid, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconMail, IconPrinter, IconSend, IconSettings } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { BatchResult, SendResult } from '../../../../shared/api/contracts/letters.ts';
import { newJobId } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError, useApiQuery } from '../../api/hooks.ts';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { notifyError, notifySuccess } from '../../components/notify.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormat } from '../../format.ts';
import { useLedger } from '../../state/ledger.tsx';
import { useSession } from '../../state/session.tsx';
import { JobBar } from './JobBar.tsx';
import { LetterPreview } from './LetterPreview.tsx';
import { LetterTaskTable } from './LetterTaskTable.tsx';
import { groupByTemplate, isMail, taskIdsFromSearch } from './model.ts';
import { downloadPdf } from './pdf.ts';
import { BatchResultPanel, SendResultPanel } from './Results.tsx';
import './letters.css';

type Running = { kind: 'print' | 'send'; job: string } | null;

export function LettersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const ledger = useLedger();
  const { canCall } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const tasks = useApiQuery('letters.tasks', {});
  const settings = useApiQuery('settings.all', {});
  const rows = tasks.data?.rows;
  const groups = useMemo(() => groupByTemplate(rows ?? []), [rows]);
  // Customer names seen today (kept after a task is done, for the results list).
  const seen = useRef(new Map<string, string>());
  const names = useMemo(() => {
    for (const r of rows ?? []) seen.current.set(r.customerCode, r.customerName);
    return new Map(seen.current);
  }, [rows]);

  const preselected = useRef(taskIdsFromSearch(location.search));
  const [selected, setSelected] = useState<Set<number>>(() => new Set(preselected.current));
  const [current, setCurrent] = useState<number | null>(null);
  const [running, setRunning] = useState<Running>(null);
  const [batch, setBatch] = useState<BatchResult | null>(null);
  const [confirmed, setConfirmed] = useState<number[] | null>(null);
  const [sendResult, setSendResult] = useState<SendResult | null>(null);
  const [busy, setBusy] = useState(false);

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

  const confirm = async (batchId: number) => {
    setBusy(true);
    try {
      const result = await api.call('letters.confirm', { batchId, excludeTaskIds: [] });
      setConfirmed(result.tasksDone);
      setSelected((s) => new Set([...s].filter((id) => !result.tasksDone.includes(id))));
      notifySuccess(
        t('letters.batch.confirmedTitle'),
        t('letters.batch.confirmed', { count: result.tasksDone.length }),
      );
      ledger.changed();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  };

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

  const counts = {
    letter: (rows ?? []).filter((r) => r.type === 'letter').length,
    email: (rows ?? []).filter((r) => r.type === 'email').length,
    pec: (rows ?? []).filter((r) => r.type === 'pec').length,
  };
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
          <Loader size="sm" aria-label={t('letters.loading')} />
        </Group>
      ) : null}
      {tasks.data && tasks.data.rows.length === 0 ? (
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
      {tasks.data && tasks.data.rows.length > 0 ? (
        <Stack gap="sm">
          {tasks.data.warnings.map((w) => (
            <Alert key={w} color="yellow" p="xs">
              {w}
            </Alert>
          ))}
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
                <LetterTaskTable
                  groups={groups}
                  selected={selected}
                  current={current}
                  onToggle={toggle}
                  onToggleMany={toggleMany}
                  onOpen={setCurrent}
                />
                <Text size="xs" c="dimmed" p="xs" data-testid="letters-selection">
                  {t('letters.selection', {
                    count: chosen.length,
                    letters: chosenLetters.length,
                    mails: chosenMail.length,
                    total: f.money(chosen.reduce((s, r) => s + r.overdueCents, 0)),
                  })}
                </Text>
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
