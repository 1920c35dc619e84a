/**
 * Data protection (GDPR): a customer's data export for an access request, the monthly list of
 * customers past the retention period to anonymise, and the legal holds that keep a customer out
 * of it. See docs/PRIVACY.md.
 */
import {
  type BoxProps,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconFileZip, IconLock, IconUserOff } from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import { useApi } from '../../api/context.tsx';
import { type QueryState, useApiQuery } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { notifyError, notifyInfo, notifySuccess } from '../../components/notify.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { useFormat } from '../../format.ts';
import { useLedger } from '../../state/ledger.tsx';
import { useSession } from '../../state/session.tsx';
import { openDocument } from '../customer/attachments.ts';
import { BackToSettings } from '../settings/BackToSettings.tsx';
import { SettingsSection } from '../settings/SettingsSection.tsx';

/** A one-line form: its fields side by side, aligned on their inputs; Enter submits. */
function InlineForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Group align="flex-end" wrap="nowrap">
        {children}
      </Group>
    </form>
  );
}

/** The customer code a GDPR action is for. */
function CodeField({
  value,
  onChange,
  ...layout
}: { value: string; onChange: (code: string) => void } & BoxProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('gdpr.code')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maxLength={60}
      {...layout}
    />
  );
}

function ExportBlock() {
  const { t } = useTranslation();
  const api = useApi();
  const [code, setCode] = useState('');
  const [busy, whileBusy] = useBusyAction();
  const run = () =>
    whileBusy(async () => {
      const r = await api.call('gdpr.export', { code: code.trim() });
      openDocument({ fileName: r.fileName, mime: 'application/zip', dataBase64: r.dataBase64 });
      notifySuccess(
        t('gdpr.export.done', { file: r.fileName }),
        t('gdpr.export.doneText', { count: r.files }),
      );
    });
  return (
    <SettingsSection title={t('gdpr.export.title')} description={t('gdpr.export.hint')}>
      <InlineForm onSubmit={() => void run()}>
        <CodeField value={code} onChange={setCode} style={{ flex: 1 }} />
        <Button type="submit" leftSection={<IconFileZip size={16} />} loading={busy} disabled={!code.trim()}>
          {t('gdpr.export.action')}
        </Button>
      </InlineForm>
    </SettingsSection>
  );
}

function HoldBlock({
  held,
  onChanged,
}: {
  held: { code: string; name: string; reason: string | null }[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const set = async (c: string, hold: boolean, why?: string) => {
    setBusy(c);
    try {
      await api.call('gdpr.hold', { code: c, hold, ...(why ? { reason: why } : {}) });
      notifySuccess(hold ? t('gdpr.hold.set', { code: c }) : t('gdpr.hold.released', { code: c }));
      if (hold) {
        setCode('');
        setReason('');
      }
      onChanged();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <SettingsSection title={t('gdpr.hold.title')} description={t('gdpr.hold.hint')}>
      <Stack gap="sm">
        {held.length > 0 ? (
          <Table aria-label={t('gdpr.hold.table')} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('gdpr.code')}</Table.Th>
                <Table.Th>{t('gdpr.name')}</Table.Th>
                <Table.Th>{t('gdpr.hold.reason')}</Table.Th>
                <Table.Th>{t('gdpr.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {held.map((h) => (
                <Table.Tr key={h.code}>
                  <Table.Td>{h.code}</Table.Td>
                  <Table.Td>{h.name}</Table.Td>
                  <Table.Td>{h.reason ?? '—'}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      loading={busy === h.code}
                      aria-label={t('gdpr.hold.releaseCode', { code: h.code })}
                      onClick={() => void set(h.code, false)}
                    >
                      {t('gdpr.hold.release')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            {t('gdpr.hold.none')}
          </Text>
        )}
        <InlineForm onSubmit={() => void set(code.trim(), true, reason.trim())}>
          <CodeField value={code} onChange={setCode} w={140} />
          <TextInput
            label={t('gdpr.hold.reason')}
            placeholder={t('gdpr.hold.reasonPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
            style={{ flex: 1 }}
          />
          <Button
            type="submit"
            variant="default"
            leftSection={<IconLock size={16} />}
            loading={busy === code.trim()}
            disabled={!code.trim() || reason.trim().length < 3}
          >
            {t('gdpr.hold.action')}
          </Button>
        </InlineForm>
      </Stack>
    </SettingsSection>
  );
}

function RetentionBlock({ review }: { review: QueryState<MethodOutput<'gdpr.retention'>> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const ledger = useLedger();
  const [years, setYears] = useState<number>(10);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [busy, whileBusy] = useBusyAction();
  const d = review.data;
  useEffect(() => {
    if (d) {
      setYears(d.retentionYears);
      setSelected(new Set(d.candidates.map((c) => c.code)));
    }
  }, [d]);

  const saveYears = async () => {
    try {
      await api.call('gdpr.configure', { retentionYears: years });
      notifySuccess(t('gdpr.retention.saved'));
      review.reload();
    } catch (err) {
      notifyError(t, err);
    }
  };

  const anonymise = () =>
    whileBusy(async () => {
      const r = await api.call('gdpr.anonymise', { codes: [...selected], confirm: true });
      setConfirming(false);
      notifySuccess(t('gdpr.retention.done', { count: r.anonymised.length }));
      if (r.skipped.length > 0)
        notifyInfo(
          t('gdpr.retention.skipped', { count: r.skipped.length }),
          r.skipped.map((s) => `${s.code}: ${s.reason}`).join(' · '),
        );
      ledger.changed();
      review.reload();
    });

  const all = d?.candidates ?? [];
  const toggle = (code: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  return (
    <SettingsSection title={t('gdpr.retention.title')} description={t('gdpr.retention.hint')}>
      <Stack gap="sm">
        {review.error ? <ErrorState error={review.error} onRetry={review.reload} /> : null}
        <Group align="flex-end" gap="sm">
          <NumberInput
            label={t('gdpr.retention.years')}
            value={years}
            min={10}
            max={30}
            allowDecimal={false}
            onChange={(v) => setYears(typeof v === 'number' ? v : 10)}
            w={160}
          />
          <Button
            variant="default"
            onClick={() => void saveYears()}
            disabled={!d || years === d.retentionYears}
          >
            {t('common.save')}
          </Button>
          <Text size="xs" c="dimmed" pb={8}>
            {d?.lastReviewOn
              ? t('gdpr.retention.lastReview', { date: f.date(d.lastReviewOn) })
              : t('gdpr.retention.neverReviewed')}
          </Text>
        </Group>
        {d && all.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('gdpr.retention.none')}
          </Text>
        ) : null}
        {all.length > 0 ? (
          <>
            <Table.ScrollContainer minWidth={560} mah={360}>
              <Table aria-label={t('gdpr.retention.table')} verticalSpacing={4} stickyHeader>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label={t('gdpr.retention.selectAll')}
                        checked={selected.size === all.length}
                        indeterminate={selected.size > 0 && selected.size < all.length}
                        onChange={() =>
                          setSelected(
                            selected.size === all.length ? new Set() : new Set(all.map((c) => c.code)),
                          )
                        }
                      />
                    </Table.Th>
                    <Table.Th>{t('gdpr.code')}</Table.Th>
                    <Table.Th>{t('gdpr.name')}</Table.Th>
                    <Table.Th>{t('gdpr.retention.lastActivity')}</Table.Th>
                    <Table.Th>{t('gdpr.retention.dueOn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {all.map((c) => (
                    <Table.Tr key={c.code}>
                      <Table.Td>
                        <Checkbox
                          aria-label={t('gdpr.retention.select', { code: c.code })}
                          checked={selected.has(c.code)}
                          onChange={() => toggle(c.code)}
                        />
                      </Table.Td>
                      <Table.Td>{c.code}</Table.Td>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td className="num">{f.date(c.lastActivity)}</Table.Td>
                      <Table.Td className="num">{f.date(c.dueOn)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group>
              <Button
                color="red"
                leftSection={<IconUserOff size={16} />}
                disabled={selected.size === 0}
                onClick={() => setConfirming(true)}
              >
                {t('gdpr.retention.action', { count: selected.size })}
              </Button>
            </Group>
          </>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('gdpr.retention.kept')}
        </Text>
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('gdpr.retention.confirmTitle')}
        centered
      >
        <Stack gap="md">
          <Text size="sm">{t('gdpr.retention.confirmText', { count: selected.size })}</Text>
          <List size="sm">
            <List.Item>{t('gdpr.retention.removed')}</List.Item>
            <List.Item>{t('gdpr.retention.keptShort')}</List.Item>
            <List.Item>{t('gdpr.retention.undo')}</List.Item>
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={busy} onClick={() => void anonymise()}>
              {t('gdpr.retention.confirm', { count: selected.size })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </SettingsSection>
  );
}

export function PrivacyPage() {
  const { t } = useTranslation();
  const { canCall } = useSession();
  const review = useApiQuery('gdpr.retention', {}, { enabled: canCall('gdpr.retention') });
  const back = <BackToSettings />;
  if (!canCall('gdpr.retention')) {
    return (
      <div className="page">
        {back}
        <PageHeader title={t('gdpr.title')} />
        <Text c="dimmed">{t('gdpr.notAllowed')}</Text>
      </div>
    );
  }
  return (
    <div className="page">
      {back}
      <PageHeader title={t('gdpr.title')} description={t('gdpr.subtitle')} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" verticalSpacing="md" style={{ alignItems: 'start' }}>
        <RetentionBlock review={review} />
        <Stack gap="md">
          <ExportBlock />
          <HoldBlock held={review.data?.held ?? []} onChanged={review.reload} />
        </Stack>
      </SimpleGrid>
    </div>
  );
}
