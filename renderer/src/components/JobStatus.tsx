import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useJobProgress } from '../api/hooks.ts';
import { useFormat } from '../format.ts';

/** Where a job stands, as its counts line words it: the phase's name and the figures, formatted. */
export interface JobCounts {
  phase: string;
  done: string;
  total: string;
}

/**
 * A long job's progress from its events (an import, a print or send of letters, a report's
 * export): the title, a line of counts, a bar — striped while the total is not known yet — and a
 * Cancel when the job can be stopped. `counts` words the line once an event has a total;
 * `starting` stands before. `size` is the panel's padding (and the room under the head).
 */
export function JobStatus({
  job,
  title,
  counts,
  starting,
  cancelLabel,
  onCancel,
  size,
  withBorder,
  mb,
  countsTestId,
}: {
  job: string | null;
  title: string;
  counts: (at: JobCounts) => string;
  starting: string;
  cancelLabel: string;
  onCancel?: () => void;
  size: 'sm' | 'md';
  withBorder?: boolean;
  mb?: string;
  countsTestId?: string;
}) {
  const f = useFormat();
  const event = useJobProgress(job);
  const ratio = event && event.total > 0 ? Math.min(1, event.done / event.total) : null;
  return (
    <Paper p={size} mb={mb} withBorder={withBorder} role="status" aria-live="polite" aria-label={title}>
      <Group justify="space-between" mb={size === 'md' ? 'xs' : 6} wrap="nowrap">
        <Stack gap={0}>
          <Text fw={600} size="sm">
            {title}
          </Text>
          <Text size="xs" c="dimmed" data-testid={countsTestId}>
            {event && event.total > 0
              ? counts({ phase: event.phase, done: f.number(event.done), total: f.number(event.total) })
              : starting}
          </Text>
        </Stack>
        {onCancel ? (
          <Button
            size="xs"
            variant="default"
            color="red"
            leftSection={<IconPlayerStop size={14} />}
            onClick={onCancel}
          >
            {cancelLabel}
          </Button>
        ) : null}
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
