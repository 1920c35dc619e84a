import { Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The first real file dropped on the demo company: start the user's own ledger and import there
 * (the demo stays in its own file), or import into the demo after all.
 */
export function DemoImportModal({
  fileName,
  realLedgerPath,
  busy,
  onStartReal,
  onIntoDemo,
  onClose,
  text,
}: {
  fileName: string | null;
  realLedgerPath: string | null;
  busy: boolean;
  onStartReal: () => void;
  onIntoDemo: () => void;
  onClose: () => void;
  /** What the file would mix into the demo (default: an open-item export's wording). */
  text?: (fileName: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={fileName !== null} onClose={onClose} title={t('demo.importTitle')} size="lg">
      <Stack gap="sm">
        <Text size="sm">{text ? text(fileName ?? '') : t('demo.importText', { file: fileName ?? '' })}</Text>
        {realLedgerPath ? (
          <Text size="sm" c="dimmed">
            {t('demo.importWhere')} <Code>{realLedgerPath}</Code>
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('demo.importNoReal')}
          </Text>
        )}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button variant="light" color="gray" onClick={onIntoDemo} disabled={busy}>
            {t('demo.importIntoDemo')}
          </Button>
          <Button onClick={onStartReal} loading={busy} disabled={!realLedgerPath} data-autofocus>
            {t('demo.importStartReal')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
