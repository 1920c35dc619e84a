import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useJobProgress } from '../../api/hooks.ts';
import { useFormat } from '../../format.ts';

const PHASES = ['letters', 'merge', 'send'] as const;
type Phase = (typeof PHASES)[number];
const isPhase = (p: string): p is Phase => (PHASES as readonly string[]).includes(p);

/** A print or send job's progress (letters rendered, merge, messages sent) with a Cancel. */
export function JobBar({ job, title, onCancel }: { job: string; title: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const event = useJobProgress(job);
  const ratio = event && event.total > 0 ? Math.min(1, event.done / event.total) : null;
  const phase = event ? (isPhase(event.phase) ? t(`letters.phases.${event.phase}`) : event.phase) : '';
  return (
    <Paper p="sm" withBorder role="status" aria-live="polite" aria-label={title}>
      <Group justify="space-between" wrap="nowrap" mb={6}>
        <Stack gap={0}>
          <Text fw={600} size="sm">
            {title}
          </Text>
          <Text size="xs" c="dimmed" data-testid="job-counts">
            {event && event.total > 0
              ? t('letters.progressCounts', {
                  phase,
                  done: f.number(event.done),
                  total: f.number(event.total),
                })
              : t('letters.progressStarting')}
          </Text>
        </Stack>
        <Button
          size="xs"
          variant="default"
          color="red"
          leftSection={<IconPlayerStop size={14} />}
          onClick={onCancel}
        >
          {t('letters.cancelJob')}
        </Button>
      </Group>
      <Progress
        value={ratio === null ? 100 : ratio * 100}
        striped={ratio === null}
        animated={ratio === null}
        aria-label={title}
      />
    </Paper>
  );
}
