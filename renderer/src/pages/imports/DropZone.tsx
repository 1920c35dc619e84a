import { Group, Loader, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChooseFileButton } from '../../components/ChooseFileButton.tsx';

/** Open-items exports and customer master data (spreadsheets), FatturaPA e-invoices (XML, signed, ZIP). */
export const ACCEPTED = '.xlsx,.xls,.ods,.csv,.txt,.xml,.p7m,.zip';

/** Drop an export here, or choose it: the file is read locally and sent to the backend. */
export function DropZone({
  onFile,
  busy,
  busyName,
  disabled,
  upload,
}: {
  onFile: (file: File) => void;
  busy?: boolean;
  busyName?: string | null;
  disabled?: boolean;
  /** Browser mode: the file streaming to the backend (bytes sent, size). */
  upload?: { sent: number; total: number } | null;
}) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled && !busy) onFile(file);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; the "Choose file" button is the keyboard path.
    <div
      className="dropzone"
      data-over={over || undefined}
      data-disabled={disabled || undefined}
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <Stack align="center" gap="xs">
        <ThemeIcon size={48} radius="xl" variant="light">
          {busy ? <Loader size="sm" /> : <IconFileSpreadsheet size={26} stroke={1.5} />}
        </ThemeIcon>
        <Text fw={600}>{busy ? t('imports.reading', { name: busyName ?? '' }) : t('imports.dropTitle')}</Text>
        {busy && upload ? (
          <Progress
            w={320}
            value={upload.total > 0 ? (100 * upload.sent) / upload.total : 0}
            aria-label={t('imports.uploading', {
              name: busyName ?? '',
              percent: upload.total > 0 ? Math.floor((100 * upload.sent) / upload.total) : 0,
            })}
          />
        ) : null}
        <Text size="sm" c="dimmed" ta="center" maw={520}>
          {t('imports.dropText')}
        </Text>
        <Group gap="xs" mt={4}>
          <ChooseFileButton
            label={t('imports.chooseFile')}
            accept={ACCEPTED}
            disabled={disabled || busy}
            onFile={onFile}
          />
        </Group>
      </Stack>
    </div>
  );
}
