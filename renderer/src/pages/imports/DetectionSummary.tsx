import { Badge, Button, Group, Paper, Text } from '@mantine/core';
import { IconAdjustments, IconFileSpreadsheet, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import type { Detection, ImportOptions } from './useImportFlow.ts';

/** The chosen file and options in one line, while the preview runs or is shown. */
export function DetectionSummary({
  detection,
  options,
  busy,
  onEdit,
  onClose,
}: {
  detection: Detection;
  options: ImportOptions;
  busy: boolean;
  onEdit: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Paper px="md" py="sm" component="section" aria-label={t('imports.detectionTitle')}>
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <IconFileSpreadsheet size={20} stroke={1.5} aria-hidden />
          <Text fw={600} size="sm" truncate="end" title={detection.fileName}>
            {detection.fileName}
          </Text>
          <Group gap={6} wrap="nowrap">
            <Badge color="gray">{detection.format.toUpperCase()}</Badge>
            <Badge color="gray">
              {t('imports.summarySheet', { sheet: options.sheet, row: options.headerRow })}
            </Badge>
            <Badge color="accent">{t('imports.summaryAsOf', { date: f.date(options.asOf) })}</Badge>
            <Badge color="gray">
              {options.mode === 'snapshot' ? t('imports.modeSnapshot') : t('imports.modeIncremental')}
            </Badge>
          </Group>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="default"
            size="xs"
            leftSection={<IconAdjustments size={14} />}
            onClick={onEdit}
            disabled={busy}
          >
            {t('imports.backToMapping')}
          </Button>
          <Button
            variant="subtle"
            color="gray"
            size="xs"
            leftSection={<IconX size={14} />}
            onClick={onClose}
            disabled={busy}
          >
            {t('imports.otherFile')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
