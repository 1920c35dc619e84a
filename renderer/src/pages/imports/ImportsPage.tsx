import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIn } from '../../../../shared/domain/dates.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError, useApiQuery } from '../../api/hooks.ts';
import { hideNotification, notifyError, notifyInfo, notifySuccess } from '../../components/notify.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormat } from '../../format.ts';
import { useLedger } from '../../state/ledger.tsx';
import { useSession } from '../../state/session.tsx';
import { ConfirmClosuresModal } from './ConfirmClosuresModal.tsx';
import { DemoImportModal } from './DemoImportModal.tsx';
import { DetectionPanel } from './DetectionPanel.tsx';
import { DetectionSummary } from './DetectionSummary.tsx';
import { DropZone } from './DropZone.tsx';
import { ImportHistory } from './ImportHistory.tsx';
import { IssuesTable } from './IssuesTable.tsx';
import { JobProgress } from './JobProgress.tsx';
import { KindImportPanel } from './KindImportPanel.tsx';
import { PreviewPanel } from './PreviewPanel.tsx';
import { SaveProfileModal } from './SaveProfileModal.tsx';
import { useDemoImportGate } from './useDemoImportGate.ts';
import { type ImportFlow, type ImportResult, useImportFlow } from './useImportFlow.ts';

function FailureAlert({ flow }: { flow: ImportFlow }) {
  const { t } = useTranslation();
  const failure = flow.failure;
  if (!failure) return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={flow.fileName ? t('imports.failedFile', { file: flow.fileName }) : t(`errors.${failure.code}`)}
      role="alert"
    >
      <Stack gap="sm">
        <Text size="sm">{failure.message}</Text>
        {failure.issues.length > 0 ? (
          <IssuesTable issues={failure.issues} label={t('imports.errorsTitle')} tone="error" />
        ) : null}
      </Stack>
    </Alert>
  );
}

/** Imports: drop a file, check what was detected, preview, apply; history below. */
export function ImportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const ledger = useLedger();
  const { canCall, user } = useSession();
  const info = useApiQuery('system.info', {}, { watchLedger: false });
  const flow = useImportFlow(info.data?.today ?? todayIn(new Date()));
  const [confirmClosures, setConfirmClosures] = useState(false);
  const [profileOpen, setProfileOpen] = useState(false);
  const canImport = canCall('imports.stage') && canCall('imports.preview') && canCall('imports.apply');
  // On the demo company the first real file asks where it goes (services/demo-ledger.ts).
  const demoGate = useDemoImportGate((file) => void flow.choose(file));
  const chooseFile = demoGate.choose;

  const undoFromNotification = async (batch: number, notification: string) => {
    hideNotification(notification);
    try {
      const undone = await api.call('imports.undo', { batch });
      notifySuccess(t('imports.undone', { id: undone.id }), t('imports.undoneText', { file: undone.file }));
      ledger.changed();
    } catch (err) {
      notifyError(t, err);
    }
  };

  /** The result, a link to it, and Undo right there (instead of asking before). */
  const notifyApplied = (r: ImportResult) => {
    const batch = r.batch;
    if (batch === null) {
      notifyInfo(t('imports.nothingChanged', { date: f.date(r.asOf) }));
      return;
    }
    const id = `import-applied-${batch}`;
    notifySuccess(
      t('imports.applied', { date: f.date(r.asOf) }),
      <Stack gap={4}>
        <Text size="sm">
          {t('imports.appliedText', {
            new: f.number(r.items.new),
            changed: f.number(r.items.changed),
            closed: f.number(r.items.closed),
            payments: f.money(r.paymentsCents),
          })}
        </Text>
        <Group gap="md">
          <Anchor href="#/customers" size="sm">
            {t('imports.seeCustomers')}
          </Anchor>
          {canCall('imports.undo') ? (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => void undoFromNotification(batch, id)}
            >
              {t('imports.undo')}
            </Anchor>
          ) : null}
        </Group>
      </Stack>,
      { id, autoClose: 12_000 },
    );
  };

  const apply = async (confirm: boolean) => {
    setConfirmClosures(false);
    try {
      const result = await flow.apply(confirm);
      if (result) {
        notifyApplied(result);
        ledger.changed();
      }
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'CONFIRMATION_REQUIRED') setConfirmClosures(true);
      else if (e.code === 'CANCELLED') notifyInfo(t('imports.cancelled'));
      else notifyError(t, e);
    }
  };

  const saveProfile = async (name: string) => {
    if (!flow.detection || !flow.options) return;
    try {
      const saved = await api.call('imports.profiles.save', {
        name,
        headers: flow.detection.headers,
        mapping: flow.options.mapping,
      });
      notifySuccess(t('imports.profileSaved', { name: saved.name }));
      setProfileOpen(false);
    } catch (err) {
      notifyError(t, err);
    }
  };

  const busy = flow.step === 'previewing' || flow.step === 'applying';

  return (
    <div className="page">
      <PageHeader title={t('imports.title')} description={t('imports.subtitle')} />
      <DemoImportModal {...demoGate.modal} />
      <Stack gap="md">
        {!canImport ? (
          <Alert color="gray" variant="light" icon={<IconLock size={18} />}>
            {t('imports.roleCannotImport', { role: t(`roles.${user.role}`) })}
          </Alert>
        ) : null}
        {canImport && (flow.step === 'choose' || flow.step === 'staging') ? (
          <DropZone
            onFile={chooseFile}
            busy={flow.step === 'staging'}
            busyName={flow.fileName}
            upload={flow.upload}
          />
        ) : null}
        <FailureAlert flow={flow} />
        {flow.step === 'other' && flow.other ? (
          <KindImportPanel file={flow.other} onClose={flow.reset} />
        ) : null}
        {flow.detection && flow.options && flow.step === 'detected' ? (
          <DetectionPanel
            detection={flow.detection}
            options={flow.options}
            layoutChanged={flow.layoutChanged}
            busy={false}
            onChange={flow.setOptions}
            onPreview={() => {
              void flow.runPreview().then((end) => {
                if (end === 'cancelled') notifyInfo(t('imports.cancelled'));
              });
            }}
            onSaveProfile={() => setProfileOpen(true)}
            onClose={flow.reset}
            canSaveProfile={canCall('imports.profiles.save')}
          />
        ) : null}
        {flow.detection && flow.options && (busy || flow.step === 'previewed') ? (
          <DetectionSummary
            detection={flow.detection}
            options={flow.options}
            busy={busy}
            onEdit={flow.backToDetection}
            onClose={flow.reset}
          />
        ) : null}
        {flow.step === 'previewing' ? (
          <JobProgress
            job={flow.job}
            title={t('imports.previewRunning')}
            onCancel={() => void flow.cancel()}
          />
        ) : null}
        {flow.step === 'applying' ? (
          <JobProgress job={flow.job} title={t('imports.applyRunning')} onCancel={() => void flow.cancel()} />
        ) : null}
        {flow.preview && (flow.step === 'previewed' || flow.step === 'applying') ? (
          <PreviewPanel
            preview={flow.preview}
            busy={busy}
            canApply={canImport}
            onApply={() => {
              if (flow.preview?.needsClosureConfirmation) setConfirmClosures(true);
              else void apply(false);
            }}
            onBack={flow.backToDetection}
          />
        ) : null}
        <ImportHistory />
      </Stack>
      {flow.preview ? (
        <ConfirmClosuresModal
          opened={confirmClosures}
          closed={flow.preview.items.closed}
          paymentsCents={flow.preview.paymentsCents}
          asOf={flow.preview.asOf}
          onConfirm={() => void apply(true)}
          onClose={() => setConfirmClosures(false)}
        />
      ) : null}
      <SaveProfileModal
        opened={profileOpen}
        initialName={flow.detection?.profile ?? ''}
        onSave={saveProfile}
        onClose={() => setProfileOpen(false)}
      />
    </div>
  );
}
