import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconDatabaseExport, IconRestore, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntryView } from '../../../../shared/api/contracts/safety.ts';
import { useApi } from '../../api/context.tsx';
import { useApiQuery } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { notifyError, notifyInfo, notifySuccess } from '../../components/notify.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { useFormat } from '../../format.ts';
import { useLedger } from '../../state/ledger.tsx';
import { useSession } from '../../state/session.tsx';
import { SettingsSection } from './SettingsSection.tsx';

export function formatBytes(bytes: number, language: string): string {
  const mb = bytes / 1024 / 1024;
  const n = new Intl.NumberFormat(language === 'it' ? 'it-IT' : 'en-GB', {
    maximumFractionDigits: mb < 10 ? 1 : 0,
  });
  return mb < 0.1 ? `${n.format(Math.max(1, Math.round(bytes / 1024)))} KB` : `${n.format(mb)} MB`;
}

/** Folder and rotation; only the admin changes them. */
function BackupConfig({
  folderSetting,
  defaultFolder,
  rotation,
  onSaved,
}: {
  folderSetting: string;
  defaultFolder: string;
  rotation: { daily: number; weekly: number; monthly: number };
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [folder, setFolder] = useState(folderSetting);
  // '' while a field is being retyped: saving waits for a number.
  const [counts, setCounts] = useState<Record<'daily' | 'weekly' | 'monthly', number | ''>>(rotation);
  const [saving, whileSaving] = useBusyAction();
  useEffect(() => setFolder(folderSetting), [folderSetting]);
  useEffect(() => setCounts(rotation), [rotation]);
  const complete = counts.daily !== '' && counts.weekly !== '' && counts.monthly !== '';
  const dirty =
    folder.trim() !== folderSetting ||
    counts.daily !== rotation.daily ||
    counts.weekly !== rotation.weekly ||
    counts.monthly !== rotation.monthly;

  const save = () =>
    whileSaving(async () => {
      await api.call('backups.configure', {
        folder: folder.trim(),
        daily: Number(counts.daily),
        weekly: Number(counts.weekly),
        monthly: Number(counts.monthly),
      });
      notifySuccess(t('backups.saved'));
      onSaved();
    });

  const count = (key: 'daily' | 'weekly' | 'monthly', min: number) => (
    <NumberInput
      label={t(`backups.${key}`)}
      value={counts[key]}
      min={min}
      max={key === 'daily' ? 366 : 1200}
      allowDecimal={false}
      allowNegative={false}
      onChange={(v) => setCounts((c) => ({ ...c, [key]: typeof v === 'number' ? v : '' }))}
      w={120}
    />
  );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="xs">
        <TextInput
          label={t('backups.folder')}
          description={t('backups.folderHint', { path: defaultFolder })}
          placeholder={defaultFolder}
          value={folder}
          onChange={(e) => setFolder(e.currentTarget.value)}
          maxLength={1000}
        />
        <Group align="flex-end" gap="sm">
          {count('daily', 1)}
          {count('weekly', 0)}
          {count('monthly', 0)}
          <Button type="submit" variant="default" loading={saving} disabled={!dirty || !complete}>
            {t('backups.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The backups: where they go, how many are kept, the list, "back up now", verify and restore. */
export function BackupsSettings() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const ledger = useLedger();
  const { canCall } = useSession();
  const canList = canCall('backups.list');
  const view = useApiQuery('backups.list', { latestGood: false }, { enabled: canList, watchLedger: false });
  const [creating, whileCreating] = useBusyAction();
  const [busy, setBusy] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupEntryView | null>(null);

  if (!canList) {
    return (
      <SettingsSection title={t('backups.title')}>
        <Text size="sm" c="dimmed">
          {t('backups.readOnly')}
        </Text>
      </SettingsSection>
    );
  }

  const create = () =>
    whileCreating(async () => {
      const b = await api.call('backups.create', {});
      notifySuccess(t('backups.done', { size: formatBytes(b.bytes, i18n.language) }));
      view.reload();
    });

  const verify = async (b: BackupEntryView) => {
    setBusy(b.id);
    try {
      const r = await api.call('backups.verify', { id: b.id });
      if (r.ok) notifySuccess(t('backups.verified'), t('backups.verifiedText', { files: r.files.checked }));
      else notifyInfo(t('backups.verifyFailed'), r.problems.join(' · '));
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(null);
    }
  };

  const restore = async (b: BackupEntryView) => {
    setBusy(b.id);
    try {
      const r = await api.call('backups.restore', { id: b.id, confirm: true });
      setRestoring(null);
      notifySuccess(
        t('backups.restored'),
        r.safetyBackup ? t('backups.restoredSafety', { id: r.safetyBackup }) : undefined,
      );
      ledger.changed();
      view.reload();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(null);
    }
  };

  const d = view.data;
  return (
    <SettingsSection
      title={t('backups.title')}
      description={
        d
          ? t('backups.hint', {
              daily: d.rotation.daily,
              weekly: d.rotation.weekly,
              monthly: d.rotation.monthly,
            })
          : undefined
      }
    >
      <Stack gap="md">
        {view.error ? <ErrorState error={view.error} onRetry={view.reload} /> : null}
        {d ? (
          <Text size="sm" className="wrap-anywhere" data-testid="backups-engine">
            {t('backups.engine', { engine: t(`backups.engine_${d.engine}`), ledger: d.ledger })}
          </Text>
        ) : null}
        {d && canCall('backups.configure') ? (
          <BackupConfig
            folderSetting={d.folderSetting}
            defaultFolder={d.defaultFolder}
            rotation={d.rotation}
            onSaved={view.reload}
          />
        ) : d ? (
          <Text size="sm">
            {t('backups.folder')}: <span className="wrap-anywhere">{d.folder}</span>
          </Text>
        ) : null}
        {canCall('backups.create') ? (
          <Group>
            <Button
              leftSection={<IconDatabaseExport size={16} />}
              loading={creating}
              onClick={() => void create()}
            >
              {t('backups.now')}
            </Button>
          </Group>
        ) : null}
        {d && d.backups.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('backups.empty')}
          </Text>
        ) : null}
        {d && d.backups.length > 0 ? (
          <Table.ScrollContainer minWidth={420} mah={360}>
            <Table aria-label={t('backups.list')} highlightOnHover stickyHeader verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('backups.date')}</Table.Th>
                  <Table.Th>{t('backups.kind')}</Table.Th>
                  <Table.Th className="num">{t('backups.size')}</Table.Th>
                  <Table.Th>{t('backups.check')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('backups.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.backups.map((b) => {
                  const when = f.dateTime(b.createdAt);
                  return (
                    <Table.Tr key={b.id}>
                      <Table.Td className="num" style={{ whiteSpace: 'nowrap' }}>
                        {when}
                      </Table.Td>
                      <Table.Td>{t(`backups.kinds.${b.kind}`)}</Table.Td>
                      <Table.Td className="num" style={{ whiteSpace: 'nowrap' }}>
                        <span>{formatBytes(b.bytes, i18n.language)}</span>
                        <Text span size="xs" c="dimmed" display="block">
                          {t('backups.filesCount', { count: b.files })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          color={b.good ? 'teal' : 'red'}
                          variant="light"
                          style={{ overflow: 'visible' }}
                        >
                          {b.good ? t('backups.good') : t('backups.bad')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          <Tooltip label={t('backups.verify')} withinPortal>
                            <ActionIcon
                              variant="subtle"
                              loading={busy === b.id && !restoring}
                              aria-label={t('backups.verifyBackup', { date: when })}
                              onClick={() => void verify(b)}
                            >
                              <IconShieldCheck size={16} />
                            </ActionIcon>
                          </Tooltip>
                          {canCall('backups.restore') ? (
                            <Tooltip label={t('backups.restore')} withinPortal>
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                aria-label={t('backups.restoreBackup', { date: when })}
                                onClick={() => setRestoring(b)}
                              >
                                <IconRestore size={16} />
                              </ActionIcon>
                            </Tooltip>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
      <Modal
        opened={restoring !== null}
        onClose={() => setRestoring(null)}
        title={t('backups.restoreTitle')}
        centered
      >
        {restoring ? (
          <Stack gap="md">
            <Text size="sm">{t('backups.restoreText', { date: f.dateTime(restoring.createdAt) })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRestoring(null)}>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={busy === restoring.id} onClick={() => void restore(restoring)}>
                {t('backups.restoreConfirm')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </SettingsSection>
  );
}
