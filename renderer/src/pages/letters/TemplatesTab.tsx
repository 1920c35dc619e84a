/**
 * The Letters page's Templates tab (managers): each template's texts as a form — subject, text
 * before and after the item table, closing, e-mail subject and text — with the merge fields
 * chosen from a list and inserted where the cursor is (never typed by hand), and the letter
 * rendered live for a customer picked by name, without saving.
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBraces, IconDownload, IconFilter } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import {
  TEMPLATE_NAMES,
  TEMPLATE_TEXT_FIELDS,
  type TemplateName,
  type TemplateText,
} from '../../../../shared/domain/letters/model.ts';
import type { Language } from '../../../../shared/domain/vocabulary.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError, useApiQuery } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { notifyError, notifySuccess } from '../../components/notify.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { useNoticeText } from '../../components/useNoticeText.ts';
import { useFormat } from '../../format.ts';
import { useSession } from '../../state/session.tsx';
import { blobUrl, downloadPdf, PDF_FRAMES_ALLOWED, pdfBlob, revokeUrl } from './pdf.ts';
import { insertAt, usedTags, wrapAt } from './templateText.ts';

type Part = (typeof TEMPLATE_TEXT_FIELDS)[number];
type Preview = MethodOutput<'letters.preview'>;
const ROWS: Record<Part, number> = {
  subject: 1,
  body: 5,
  after: 4,
  closing: 1,
  emailSubject: 1,
  emailBody: 6,
};

/** i18n keys cannot hold dots: `customer.name` is `customer_name` under fieldLabels/flagLabels. */
const labelKey = (name: string) => name.replaceAll('.', '_');

export function TemplatesTab() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const noticeText = useNoticeText();
  const { canCall } = useSession();
  const canEdit = canCall('templates.save');
  const list = useApiQuery('templates.list', {}, { watchLedger: false });
  const [name, setName] = useState<TemplateName>('reminder1');
  const [language, setLanguage] = useState<Language>('it');
  const [text, setText] = useState<TemplateText | null>(null);
  const [customer, setCustomer] = useState<string | null>(null);
  const [customerSearch, setCustomerSearch] = useState('');
  const [search] = useDebouncedValue(customerSearch, 200);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [saving, whileSaving] = useBusyAction();
  // Where a chosen field goes: the part last focused and its cursor (or selection).
  const [part, setPart] = useState<Part>('body');
  const caret = useRef<Record<Part, { start: number; end: number }>>(
    Object.fromEntries(TEMPLATE_TEXT_FIELDS.map((p) => [p, { start: -1, end: -1 }])) as Record<
      Part,
      { start: number; end: number }
    >,
  );
  const areas = useRef<Partial<Record<Part, HTMLTextAreaElement | null>>>({});
  const row = list.data?.templates.find((r) => r.name === name && r.language === language);

  useEffect(() => {
    if (row) setText(row.text);
  }, [row]);

  // Customers for the preview, searched by name or code; the first one until the user picks.
  const customers = useApiQuery(
    'customers.list',
    { search: search.trim() || undefined, limit: 50, sort: 'overdue', desc: true, onlyOpen: true },
    { watchLedger: false },
  );
  const customerOptions = useMemo(
    () => (customers.data?.rows ?? []).map((c) => ({ value: c.code, label: `${c.name} · ${c.code}` })),
    [customers.data],
  );
  useEffect(() => {
    if (customer === null && customerOptions[0]) setCustomer(customerOptions[0].value);
  }, [customer, customerOptions]);

  // Live preview, debounced: the unsaved text rendered for the chosen customer.
  useEffect(() => {
    if (!text || !customer) {
      setPreview(null);
      setPreviewError(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setPreviewing(true);
      api.call('letters.preview', { customerCode: customer, template: name, language, text }).then(
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
    }, 500);
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

  const fieldLabel = (field: string, description: string) => {
    const key = `letterSettings.templates.fieldLabels.${labelKey(field)}`;
    return i18n.exists(key) ? String(i18n.t(key as never)) : description;
  };
  const flagLabel = (flag: string, description: string) => {
    const key = `letterSettings.templates.flagLabels.${labelKey(flag)}`;
    return i18n.exists(key) ? String(i18n.t(key as never)) : description;
  };
  const fieldOptions = (list.data?.fields ?? []).map((x) => ({
    value: x.name,
    label: fieldLabel(x.name, x.description),
  }));
  const flagOptions = (list.data?.flags ?? []).map((x) => ({
    value: x.name,
    label: flagLabel(x.name, x.description),
  }));

  const focusAfter = (p: Part, at: number) => {
    requestAnimationFrame(() => {
      const el = areas.current[p];
      if (!el) return;
      el.focus();
      el.setSelectionRange(at, at);
    });
  };
  const insertField = (field: string | null) => {
    if (!field || !text) return;
    const { start, end } = caret.current[part];
    const r = insertAt(text[part], `{{${field}}}`, start, end);
    setText({ ...text, [part]: r.text });
    caret.current[part] = { start: r.caret, end: r.caret };
    focusAfter(part, r.caret);
  };
  const wrapFlag = (flag: string | null) => {
    if (!flag || !text) return;
    const { start, end } = caret.current[part];
    const r = wrapAt(text[part], `{{#${flag}}}`, `{{/${flag}}}`, start, end);
    setText({ ...text, [part]: r.text });
    caret.current[part] = { start: r.caret, end: r.caret };
    focusAfter(part, r.caret);
  };

  const dirty = row && text ? TEMPLATE_TEXT_FIELDS.some((p) => text[p] !== row.text[p]) : false;
  const save = async () => {
    if (!text) return;
    await whileSaving(async () => {
      await api.call('templates.save', { name, language, text });
      notifySuccess(t('letterSettings.templates.saved'));
      list.reload();
    });
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

  // Each part says in words which fields and conditions it uses (the text shows them as {{…}}).
  const legend = (p: Part): string | undefined => {
    const used = usedTags(text?.[p] ?? '');
    const describe = (names: string[], kind: 'field' | 'flag') =>
      names
        .map((n) => {
          const x = (kind === 'field' ? list.data?.fields : list.data?.flags)?.find((y) => y.name === n);
          return kind === 'field' ? fieldLabel(n, x?.description ?? n) : flagLabel(n, x?.description ?? n);
        })
        .join(', ');
    const parts = [
      used.fields.length > 0
        ? t('letterSettings.templates.usedFields', { list: describe(used.fields, 'field') })
        : '',
      used.flags.length > 0
        ? t('letterSettings.templates.usedFlags', { list: describe(used.flags, 'flag') })
        : '',
    ].filter(Boolean);
    return parts.length > 0 ? parts.join(' · ') : undefined;
  };

  const remember = (p: Part, el: HTMLTextAreaElement) => {
    caret.current[p] = { start: el.selectionStart, end: el.selectionEnd };
  };

  return (
    <Stack gap="sm" data-testid="templates-tab">
      <Text size="sm" c="dimmed">
        {t('letterSettings.templates.hintForm')}
      </Text>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          label={t('letterSettings.templates.template')}
          data={TEMPLATE_NAMES.map((n) => ({ value: n, label: t(`letters.templates.${n}`) }))}
          value={name}
          onChange={(v) => v && setName(v as TemplateName)}
          allowDeselect={false}
          size="xs"
          w={200}
        />
        <Stack gap={2}>
          <Text size="xs" fw={500} id="template-language-label">
            {t('letterSettings.templates.language')}
          </Text>
          <SegmentedControl
            size="xs"
            value={language}
            onChange={(v) => setLanguage(v === 'en' ? 'en' : 'it')}
            data={[
              { value: 'it', label: 'Italiano' },
              { value: 'en', label: 'English' },
            ]}
            aria-labelledby="template-language-label"
          />
        </Stack>
        {row?.edited ? (
          <Badge size="sm" variant="light" color="violet" mb={6}>
            {t('letterSettings.templates.edited')}
          </Badge>
        ) : null}
        <Select
          label={t('letterSettings.templates.customer')}
          placeholder={t('letterSettings.templates.customerSearch')}
          data={customerOptions}
          value={customer}
          onChange={(v) => setCustomer(v)}
          searchable
          searchValue={customerSearch}
          onSearchChange={setCustomerSearch}
          filter={({ options }) => options}
          nothingFoundMessage={t('letterSettings.templates.noCustomer')}
          size="xs"
          w={320}
          ml="auto"
        />
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Stack gap={6}>
          {canEdit ? (
            <Paper withBorder p="xs" className="template-insert">
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <Select
                  label={t('letterSettings.templates.insertField', {
                    part: t(`letterSettings.templates.parts.${part}`),
                  })}
                  placeholder={t('letterSettings.templates.insertFieldPlaceholder')}
                  data={fieldOptions}
                  value={null}
                  onChange={insertField}
                  searchable
                  leftSection={<IconBraces size={14} />}
                  size="xs"
                  style={{ flex: 1 }}
                  comboboxProps={{ width: 380 }}
                  data-testid="insert-field"
                />
                <Select
                  label={t('letterSettings.templates.insertFlag')}
                  placeholder={t('letterSettings.templates.insertFlagPlaceholder')}
                  data={flagOptions}
                  value={null}
                  onChange={wrapFlag}
                  searchable
                  leftSection={<IconFilter size={14} />}
                  size="xs"
                  style={{ flex: 1 }}
                  comboboxProps={{ width: 380 }}
                />
              </Group>
            </Paper>
          ) : null}
          {TEMPLATE_TEXT_FIELDS.map((p) => (
            <Textarea
              key={p}
              ref={(el) => {
                areas.current[p] = el;
              }}
              label={t(`letterSettings.templates.parts.${p}`)}
              description={legend(p)}
              value={text?.[p] ?? ''}
              onChange={(e) => {
                const v = e.currentTarget.value;
                remember(p, e.currentTarget);
                setText((x) => (x ? { ...x, [p]: v } : x));
              }}
              onFocus={(e) => {
                setPart(p);
                remember(p, e.currentTarget);
              }}
              onSelect={(e) => remember(p, e.currentTarget)}
              onKeyUp={(e) => remember(p, e.currentTarget)}
              onClick={(e) => remember(p, e.currentTarget)}
              readOnly={!canEdit}
              autosize
              minRows={ROWS[p]}
              maxRows={14}
              size="xs"
              data-part={p}
              className={part === p ? 'template-part template-part-active' : 'template-part'}
            />
          ))}
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
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t('letterSettings.templates.preview')}
            </Text>
            {previewing ? <Loader size={14} role="status" aria-label={t('letters.preview.loading')} /> : null}
          </Group>
          {!customer ? (
            <Text size="xs" c="dimmed">
              {t('letterSettings.templates.previewHintPick')}
            </Text>
          ) : null}
          {previewError ? (
            <Alert color="red" p="xs">
              <Text size="xs">{previewError}</Text>
            </Alert>
          ) : null}
          {preview ? (
            <Stack gap={4} data-testid="template-preview">
              {preview.notices.map((n) => (
                <Text key={n.message} size="xs" c="orange.8">
                  {noticeText(n)}
                </Text>
              ))}
              <Text size="sm" fw={600}>
                {preview.subject}
              </Text>
              <Text size="xs" c="dimmed">
                {t('letters.preview.meta', { reference: preview.reference, count: preview.pages })} ·{' '}
                {t('letters.amounts.toPay')} {f.money(preview.amounts.toPayCents)}
              </Text>
              {url ? (
                <iframe
                  title={t('letterSettings.templates.preview')}
                  src={url}
                  style={{
                    width: '100%',
                    height: 560,
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
              <Text size="xs" fw={600} mt={4}>
                {t('letterSettings.templates.emailPreview')}
              </Text>
              <Paper withBorder p="xs">
                <Text size="xs" fw={600}>
                  {preview.email.subject}
                </Text>
                <Text size="xs" style={{ whiteSpace: 'pre-wrap' }} lineClamp={14}>
                  {preview.email.body}
                </Text>
              </Paper>
            </Stack>
          ) : null}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
