import {
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import {
  IconAlertTriangle,
  IconDeviceFloppy,
  IconEye,
  IconFileSpreadsheet,
  IconX,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { parseTypedDate } from './dateInput.ts';
import { MappingEditor } from './MappingEditor.tsx';
import { MappingReasons } from './MappingReasons.tsx';
import { type Detection, type ImportOptions, missingRequired } from './useImportFlow.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** What was detected in the file, editable before the preview. */
export function DetectionPanel({
  detection,
  options,
  layoutChanged,
  busy,
  onChange,
  onPreview,
  onSaveProfile,
  onClose,
  canSaveProfile,
}: {
  detection: Detection;
  options: ImportOptions;
  layoutChanged: boolean;
  busy: boolean;
  onChange: (patch: Partial<ImportOptions>) => void;
  onPreview: () => void;
  onSaveProfile: () => void;
  onClose: () => void;
  canSaveProfile: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  // A layout without customer codes (Mexal, DocEasy): the detection says the name stands for the code.
  const nameIsCode =
    detection.mapping.customerCode === undefined &&
    detection.mappingDetails.some((d) => d.field === 'customerCode');
  const missing = layoutChanged ? [] : missingRequired(options.mapping, nameIsCode);
  const asOfDetected = detection.asOf !== null;

  return (
    <Paper p="md" component="section" aria-label={t('imports.detectionTitle')}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <IconFileSpreadsheet size={22} stroke={1.5} aria-hidden />
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={2} size="h3" className="wrap-anywhere">
              {detection.fileName}
            </Title>
            <Text size="xs" c="dimmed">
              {t('imports.detectionTitle')}
            </Text>
          </Stack>
        </Group>
        <Button variant="subtle" color="gray" size="xs" leftSection={<IconX size={14} />} onClick={onClose}>
          {t('imports.otherFile')}
        </Button>
      </Group>

      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mb="md">
        <Fact label={t('imports.format')}>
          <Group gap={6}>
            <Badge variant="light" color="gray">
              {detection.format.toUpperCase()}
            </Badge>
            {detection.encoding ? (
              <Text size="xs" c="dimmed">
                {detection.encoding}
              </Text>
            ) : null}
          </Group>
        </Fact>
        <Fact label={t('imports.columnsFound')}>{f.number(detection.headers.length)}</Fact>
        <Fact label={t('imports.profile')}>
          {detection.profile ? (
            <Badge variant="light">{detection.profile}</Badge>
          ) : (
            <Text size="sm" c="dimmed" span>
              {t('imports.noProfile')}
            </Text>
          )}
        </Fact>
        <Fact label={t('imports.asOfSource')}>
          {detection.asOfSource === 'fileName'
            ? t('imports.asOfFromFileName')
            : asOfDetected
              ? t('imports.asOfFromFile')
              : t('imports.asOfDefaultToday')}
        </Fact>
        <Fact label={t('imports.layout')}>
          {detection.layout ? (
            <Badge variant="light" color="teal">
              {detection.layout}
            </Badge>
          ) : (
            <Text size="sm" c="dimmed" span>
              {t('imports.layoutUnknown')}
            </Text>
          )}
        </Fact>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <Select
          label={t('imports.sheet')}
          data={detection.sheets}
          value={options.sheet || null}
          placeholder={detection.sheets.length === 0 ? t('imports.noSheets') : undefined}
          onChange={(sheet) => {
            if (sheet) onChange({ sheet });
          }}
          disabled={busy || detection.sheets.length <= 1}
        />
        <NumberInput
          label={t('imports.headerRow')}
          value={options.headerRow}
          min={1}
          allowDecimal={false}
          allowNegative={false}
          onChange={(v) => {
            const n = typeof v === 'number' ? v : Number(v);
            if (Number.isInteger(n) && n >= 1) onChange({ headerRow: n });
          }}
          disabled={busy}
        />
        <DateInput
          label={t('imports.asOf')}
          description={asOfDetected ? undefined : t('imports.asOfCheck')}
          value={options.asOf}
          onChange={(v) => {
            if (v) onChange({ asOf: v.slice(0, 10) });
          }}
          valueFormat="DD/MM/YYYY"
          dateParser={(text) => parseTypedDate(text)}
          placeholder={t('common.datePlaceholder')}
          disabled={busy}
          popoverProps={{ withinPortal: true }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="import-mode-label">
            {t('imports.mode')}
          </Text>
          <SegmentedControl
            aria-labelledby="import-mode-label"
            value={options.mode}
            onChange={(mode) => {
              if (mode === 'snapshot' || mode === 'incremental') onChange({ mode });
            }}
            data={[
              { value: 'snapshot', label: t('imports.modeSnapshot') },
              { value: 'incremental', label: t('imports.modeIncremental') },
            ]}
            disabled={busy}
            fullWidth
          />
        </Stack>
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={6}>
        {options.mode === 'snapshot' ? t('imports.modeSnapshotHint') : t('imports.modeIncrementalHint')}
      </Text>

      <Divider my="md" label={t('imports.mapping')} labelPosition="left" />
      {layoutChanged ? (
        <Alert color="gray" variant="light" mb="sm">
          {t('imports.layoutChanged')}
        </Alert>
      ) : (
        <MappingEditor
          headers={detection.headers}
          mapping={options.mapping}
          onChange={(mapping) => onChange({ mapping })}
          disabled={busy}
        />
      )}

      {!layoutChanged && detection.mappingDetails.length > 0 ? (
        <MappingReasons details={detection.mappingDetails} />
      ) : null}
      {!layoutChanged
        ? detection.notes.map((n) => (
            <Alert
              key={n.message}
              color="yellow"
              variant="light"
              mt="sm"
              icon={<IconAlertTriangle size={18} />}
            >
              {n.message}
            </Alert>
          ))
        : null}

      {missing.length > 0 ? (
        <Alert color="red" variant="light" mt="md" icon={<IconAlertTriangle size={18} />}>
          {t('imports.missingFields', {
            fields: missing.map((m) => t(`imports.fields.${m}`)).join(', '),
          })}
        </Alert>
      ) : null}

      <Group justify="space-between" mt="md">
        {canSaveProfile && !layoutChanged ? (
          <Button
            variant="default"
            leftSection={<IconDeviceFloppy size={16} />}
            onClick={onSaveProfile}
            disabled={busy || missing.length > 0}
          >
            {t('imports.saveProfile')}
          </Button>
        ) : (
          <span />
        )}
        <Button
          leftSection={<IconEye size={16} />}
          onClick={onPreview}
          disabled={busy || missing.length > 0}
          loading={busy}
        >
          {t('imports.preview')}
        </Button>
      </Group>
    </Paper>
  );
}
