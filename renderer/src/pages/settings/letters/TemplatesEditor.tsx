import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../../shared/api/contract.ts';
import {
  TEMPLATE_NAMES,
  type TemplateName,
  type TemplateText,
} from '../../../../../shared/domain/letters/model.ts';
import { useApi } from '../../../api/context.tsx';
import { toApiError, useApiQuery } from '../../../api/hooks.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { notifyError, notifySuccess } from '../../../components/notify.tsx';
import { useFormat } from '../../../format.ts';
import { useSession } from '../../../state/session.tsx';
import { blobUrl, downloadPdf, PDF_FRAMES_ALLOWED, pdfBlob, revokeUrl } from '../../letters/pdf.ts';
import { SettingsSection } from '../SettingsSection.tsx';

const PARTS = ['subject', 'body', 'after', 'closing', 'emailSubject', 'emailBody'] as const;
type Preview = MethodOutput<'letters.preview'>;

/** Managers edit a template's text with its merge fields and see the letter rendered live. */
export function TemplatesEditor() {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const { canCall } = useSession();
  const canEdit = canCall('templates.save');
  const list = useApiQuery('templates.list', {}, { watchLedger: false });
  const [name, setName] = useState<TemplateName>('reminder1');
  const [language, setLanguage] = useState<'it' | 'en'>('it');
  const [text, setText] = useState<TemplateText | null>(null);
  const [customer, setCustomer] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [saving, setSaving] = useState(false);
  const row = list.data?.templates.find((r) => r.name === name && r.language === language);

  useEffect(() => {
    if (row) setText(row.text);
  }, [row]);

  // Live preview, debounced: the unsaved text rendered for the chosen customer.
  useEffect(() => {
    const code = customer.trim();
    if (!text || !code) {
      setPreview(null);
      setPreviewError(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setPreviewing(true);
      api.call('letters.preview', { customerCode: code, template: name, language, text }).then(
        (p) => {
          if (!live) return;
          setPreview(p);
          setPreviewError(null);
          setPreviewing(false);
        },
        (err: unknown) => {
          if (!live) return;
          setPreviewError(toApiError(err).message);
          setPreviewing(false);
        },
      );
    }, 600);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, customer, name, language, text]);

  const url = useMemo(
    () => (preview && PDF_FRAMES_ALLOWED ? blobUrl(pdfBlob(preview.pdfBase64)) : null),
    [preview],
  );
  useEffect(() => () => revokeUrl(url), [url]);

  const dirty = row && text ? PARTS.some((p) => text[p] !== row.text[p]) : false;
  const save = async () => {
    if (!text) return;
    setSaving(true);
    try {
      await api.call('templates.save', { name, language, text });
      notifySuccess(t('letterSettings.templates.saved'));
      list.reload();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setSaving(false);
    }
  };
  const reset = async () => {
    try {
      await api.call('templates.reset', { name, language });
      notifySuccess(t('letterSettings.templates.resetDone'));
      list.reload();
    } catch (err) {
      notifyError(t, err);
    }
  };

  const area = (p: (typeof PARTS)[number], rows: number) => (
    <Textarea
      key={p}
      label={t(`letterSettings.templates.parts.${p}`)}
      value={text?.[p] ?? ''}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setText((x) => (x ? { ...x, [p]: v } : x));
      }}
      readOnly={!canEdit}
      autosize
      minRows={rows}
      maxRows={14}
      size="xs"
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
    />
  );

  return (
    <SettingsSection
      title={t('letterSettings.templates.title')}
      description={t('letterSettings.templates.hint')}
    >
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      <Group gap="xs" mb="xs" align="flex-end">
        <Select
          label={t('letterSettings.templates.template')}
          data={TEMPLATE_NAMES.map((n) => ({ value: n, label: t(`letters.templates.${n}`) }))}
          value={name}
          onChange={(v) => v && setName(v as TemplateName)}
          allowDeselect={false}
          size="xs"
          w={200}
        />
        <SegmentedControl
          size="xs"
          value={language}
          onChange={(v) => setLanguage(v === 'en' ? 'en' : 'it')}
          data={[
            { value: 'it', label: 'Italiano' },
            { value: 'en', label: 'English' },
          ]}
          aria-label={t('letterSettings.templates.language')}
        />
        {row?.edited ? (
          <Badge size="sm" variant="light" color="violet">
            {t('letterSettings.templates.edited')}
          </Badge>
        ) : null}
        <TextInput
          label={t('letterSettings.templates.customer')}
          placeholder={t('letterSettings.templates.customerPlaceholder')}
          value={customer}
          onChange={(e) => setCustomer(e.currentTarget.value)}
          size="xs"
          w={160}
          ml="auto"
        />
      </Group>
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="sm">
        <Stack gap={6}>
          {area('subject', 1)}
          {area('body', 5)}
          {area('after', 3)}
          {area('closing', 2)}
          {area('emailSubject', 1)}
          {area('emailBody', 4)}
          {canEdit ? (
            <Group justify="flex-end" gap="xs">
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                disabled={!row?.edited}
                onClick={() => void reset()}
              >
                {t('letterSettings.templates.reset')}
              </Button>
              <Button size="xs" loading={saving} disabled={!dirty} onClick={() => void save()}>
                {t('letterSettings.templates.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
        <Stack gap={6}>
          <Text size="xs" fw={600}>
            {t('letterSettings.templates.fields')}
          </Text>
          <Group gap={4}>
            {(list.data?.fields ?? []).map((x) => (
              <Tooltip key={x.name} label={x.description} multiline w={260}>
                <Badge
                  size="xs"
                  variant="default"
                  tt="none"
                  style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}
                >
                  {`{{${x.name}}}`}
                </Badge>
              </Tooltip>
            ))}
            {(list.data?.flags ?? []).map((x) => (
              <Tooltip key={x.name} label={x.description} multiline w={260}>
                <Badge
                  size="xs"
                  variant="light"
                  color="gray"
                  tt="none"
                  style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}
                >
                  {`{{#${x.name}}}…{{/${x.name}}}`}
                </Badge>
              </Tooltip>
            ))}
          </Group>
          <Group justify="space-between" mt={4}>
            <Text size="xs" fw={600}>
              {t('letterSettings.templates.preview')}
            </Text>
            {previewing ? <Loader size={14} aria-label={t('letters.preview.loading')} /> : null}
          </Group>
          {!customer.trim() ? (
            <Text size="xs" c="dimmed">
              {t('letterSettings.templates.previewHint')}
            </Text>
          ) : null}
          {previewError ? (
            <Alert color="red" p="xs">
              <Text size="xs">{previewError}</Text>
            </Alert>
          ) : null}
          {preview ? (
            <Stack gap={4} data-testid="template-preview">
              {preview.issues.map((i) => (
                <Text key={i} size="xs" c="orange">
                  {i}
                </Text>
              ))}
              <Text size="sm" fw={600}>
                {preview.subject}
              </Text>
              <Text size="xs" c="dimmed">
                {t('letters.preview.meta', { reference: preview.reference, count: preview.pages })} ·{' '}
                {t('letters.amounts.toPay')} {f.money(preview.amounts.toPayCents)}
              </Text>
              <Text size="xs" style={{ whiteSpace: 'pre-wrap' }} lineClamp={10}>
                {preview.email.body}
              </Text>
              {url ? (
                <iframe
                  title={t('letterSettings.templates.preview')}
                  src={url}
                  style={{
                    width: '100%',
                    height: 520,
                    border: '1px solid var(--mantine-color-default-border)',
                  }}
                />
              ) : (
                <Group>
                  <Button
                    size="compact-xs"
                    variant="default"
                    leftSection={<IconDownload size={13} />}
                    onClick={() => downloadPdf(preview.pdfBase64, `${name}-${language}.pdf`)}
                  >
                    {t('letters.preview.download')}
                  </Button>
                </Group>
              )}
            </Stack>
          ) : null}
        </Stack>
      </SimpleGrid>
    </SettingsSection>
  );
}
