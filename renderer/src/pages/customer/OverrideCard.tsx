/**
 * A manager's override on the customer's profile, with its reason: the band (RatingTab) and the
 * dunning policy (PolicyOverride) are both edited this way — a choice, a reason of at least three
 * characters where one is needed, a save that is enabled only when something changed. Other roles
 * see the state and who may change it.
 */
import { Button, Card, Group, Select, Text, Textarea, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useSession } from '../../state/session.tsx';

export interface OverrideCardProps {
  title: string;
  /** What applies now (and any warning), under the title. */
  status: ReactNode;
  testId?: string;
  select: {
    label: string;
    width: number;
    options: { value: string; label: string }[];
    value: string;
    /** The option that means "no override". */
    none: string;
    onChange: (value: string) => void;
  };
  reasonLabel: string;
  /** The choice differs from what is saved. */
  changed: boolean;
  /** This choice needs a reason (going back to the default may not). */
  needsReason: boolean;
  saveLabel: string;
  managerOnly: string;
  /** Saves the choice with the typed reason (trimmed); the reason is cleared when it worked. */
  save: (reason: string) => Promise<{ ok: boolean }>;
}

export function OverrideCard(p: OverrideCardProps) {
  const { user } = useSession();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const canOverride = user.role === 'manager' || user.role === 'admin';
  const reasonOk = !p.needsReason || reason.trim().length >= 3;

  return (
    <Card withBorder padding="md" {...(p.testId ? { 'data-testid': p.testId } : {})}>
      <Title order={2} size="h5" mb={4}>
        {p.title}
      </Title>
      {p.status}
      {canOverride ? (
        <Group align="flex-end" gap="sm">
          <Select
            label={p.select.label}
            w={p.select.width}
            allowDeselect={false}
            value={p.select.value}
            onChange={(v) => p.select.onChange(v ?? p.select.none)}
            data={p.select.options}
          />
          <Textarea
            label={p.reasonLabel}
            autosize
            minRows={1}
            style={{ flex: 1 }}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Button
            disabled={!p.changed || !reasonOk}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              const res = await p.save(reason.trim());
              setBusy(false);
              if (res.ok) setReason('');
            }}
          >
            {p.saveLabel}
          </Button>
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          {p.managerOnly}
        </Text>
      )}
    </Card>
  );
}
