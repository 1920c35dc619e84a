import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useJobProgress } from '../../api/hooks.ts';
import { useFormat } from '../../format.ts';

/** A long job's progress from its events, with counts and a Cancel. */
export function JobProgress({
  job,
  title,
  onCancel,
}: {
  job: string | null;
  title: string;
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const event = useJobProgress(job);
  const ratio = event && event.total > 0 ? Math.min(1, event.done / event.total) : null;
  const phaseKey = event ? `imports.phases.${event.phase}` : null;
  const phase = phaseKey && i18n.exists(phaseKey) ? t(phaseKey as 'imports.phases.read') : event?.phase;

  return (
    <Paper p="md" role="status" aria-live="polite" aria-label={title}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Stack gap={0}>
          <Text fw={600} size="sm">
            {title}
          </Text>
          <Text size="xs" c="dimmed">
            {event && event.total > 0
              ? t('imports.progressCounts', {
                  phase,
                  done: f.number(event.done),
                  total: f.number(event.total),
                })
              : t('imports.progressStarting')}
          </Text>
        </Stack>
        {onCancel ? (
          <Button
            variant="default"
            color="red"
            size="xs"
            leftSection={<IconPlayerStop size={14} />}
            onClick={onCancel}
          >
            {t('common.cancel')}
          </Button>
        ) : null}
      </Group>
      <Progress
        value={ratio === null ? 100 : ratio * 100}
        striped={ratio === null}
        animated={ratio === null}
        size="md"
        aria-label={title}
      />
    </Paper>
  );
}
