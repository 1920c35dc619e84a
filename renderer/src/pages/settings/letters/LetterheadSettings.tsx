import { Button, FileButton, Group, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { IconPhoto, IconSignature, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../../shared/api/contracts/settings.ts';
import { isValidIban } from '../../../../../shared/domain/epc.ts';
import { useApi } from '../../../api/context.tsx';
import { useApiQuery } from '../../../api/hooks.ts';
import { fileToBase64 } from '../../../components/files.ts';
import { notifyError, notifySuccess } from '../../../components/notify.tsx';
import { useBusyAction } from '../../../components/useBusyAction.ts';
import { useDraft } from '../../../state/draft.ts';
import { useSession } from '../../../state/session.tsx';
import { SettingsForm } from './SettingsForm.tsx';

const FIELDS = [
  'address',
  'vat',
  'taxCode',
  'phone',
  'email',
  'pec',
  'iban',
  'bic',
  'contact',
  'signer',
  'place',
] as const;
type Field = (typeof FIELDS)[number];
type Draft = Record<Field, string>;

const BIC = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

function draftOf(v: SettingsView): Draft {
  const d = {} as Draft;
  for (const k of FIELDS) d[k] = v.company[k];
  return d;
}

/** The letterhead every letter carries: address, identifiers, bank details, signer, images. */
export function LetterheadSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const { canCall } = useSession();
  const canEdit = canCall('settings.set');
  const q = useApiQuery('settings.get', {}, { watchLedger: false });
  const saved = useMemo(() => (q.data ? draftOf(q.data) : null), [q.data]);
  const [draft, setDraft, resetDraft] = useDraft(saved);
  const [saving, whileSaving] = useBusyAction();

  const ibanError =
    draft && draft.iban.trim() !== '' && !isValidIban(draft.iban)
      ? t('letterSettings.company.ibanInvalid')
      : null;
  const bicNorm = draft?.bic.replace(/\s+/g, '').toUpperCase() ?? '';
  const bicError = bicNorm !== '' && !BIC.test(bicNorm) ? t('letterSettings.company.bicInvalid') : null;
  const company = q.data?.company;
  const changed = company && draft ? FIELDS.filter((k) => draft[k] !== company[k]) : [];

  const save = async () => {
    if (!draft) return;
    await whileSaving(async () => {
      const values: Record<string, string> = {};
      for (const k of changed) values[`company.${k}`] = draft[k].trim();
      await api.call('settings.set', { values });
      notifySuccess(t('letterSettings.saved'));
      resetDraft();
      q.reload();
    });
  };

  const setImage = async (kind: 'logo' | 'signature', file: File | null) => {
    try {
      await api.call('settings.setImage', {
        kind,
        ...(file ? { fileName: file.name } : {}),
        dataBase64: file ? await fileToBase64(file) : null,
      });
      notifySuccess(t('letterSettings.saved'));
      q.reload();
    } catch (err) {
      notifyError(t, err);
    }
  };

  const field = (k: Field, extra: { error?: string | null; placeholder?: string } = {}) => (
    <TextInput
      key={k}
      label={t(`letterSettings.company.${k}`)}
      value={draft?.[k] ?? ''}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setDraft((d) => (d ? { ...d, [k]: v } : d));
      }}
      disabled={!canEdit}
      error={extra.error ?? undefined}
      placeholder={extra.placeholder}
      size="xs"
      maxLength={300}
    />
  );

  const image = (kind: 'logo' | 'signature', set: boolean) => (
    <Group gap="xs" wrap="nowrap">
      <Text size="xs" w={90}>
        {t(`letterSettings.company.${kind}`)}
      </Text>
      <Text size="xs" c={set ? 'teal' : 'dimmed'} style={{ flex: 1 }}>
        {set ? t('letterSettings.company.imageSet') : t('letterSettings.company.imageNone')}
      </Text>
      {canEdit ? (
        <>
          <FileButton accept="image/png,image/jpeg" onChange={(f) => f && void setImage(kind, f)}>
            {(props) => (
              <Button
                {...props}
                size="compact-xs"
                variant="default"
                leftSection={kind === 'logo' ? <IconPhoto size={13} /> : <IconSignature size={13} />}
              >
                {t('letterSettings.company.upload')}
                <span className="visually-hidden">{` · ${t(`letterSettings.company.${kind}Upload`)}`}</span>
              </Button>
            )}
          </FileButton>
          {set ? (
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              aria-label={t(`letterSettings.company.${kind}Remove`)}
              onClick={() => void setImage(kind, null)}
            >
              <IconTrash size={13} />
            </Button>
          ) : null}
        </>
      ) : null}
    </Group>
  );

  return (
    <SettingsForm
      title={t('letterSettings.company.title')}
      description={t('letterSettings.company.hint')}
      error={q.error}
      onRetry={q.reload}
      onSubmit={() => void save()}
    >
      <Textarea
        label={t('letterSettings.company.address')}
        value={draft?.address ?? ''}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setDraft((d) => (d ? { ...d, address: v } : d));
        }}
        disabled={!canEdit}
        autosize
        minRows={2}
        maxRows={4}
        size="xs"
      />
      <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
        {field('vat')}
        {field('taxCode')}
        {field('phone')}
        {field('email')}
        {field('pec')}
        {field('place')}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <div style={{ gridColumn: 'span 2' }}>
          {field('iban', { error: ibanError, placeholder: 'IT60 X054 2811 1010 0000 0123 456' })}
        </div>
        {field('bic', { error: bicError })}
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="xs">
        {field('contact')}
        {field('signer')}
      </SimpleGrid>
      {image('logo', q.data?.company.logo ?? false)}
      {image('signature', q.data?.company.signature ?? false)}
      {canEdit ? (
        <Group justify="flex-end">
          <Button
            type="submit"
            size="xs"
            loading={saving}
            disabled={changed.length === 0 || ibanError !== null || bicError !== null}
          >
            {t('letterSettings.company.save')}
          </Button>
        </Group>
      ) : null}
    </SettingsForm>
  );
}
