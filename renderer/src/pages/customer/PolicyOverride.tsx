/**
 * The manager's dunning-policy override, beside the band override (issue 16 point 6): the policy
 * this customer is on whatever its band, with a reason (customers.update with policyOverride +
 * policyOverrideReason). When the named policy has left the set, the band's applies and it says so.
 */
import { Alert, Button, Card, Group, Select, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../../shared/api/contracts/customers.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { useSession } from '../../state/session.tsx';
import { useProfileAction } from './useProfileAction.ts';

const BAND_POLICY = '__band__';

export function PolicyOverride({ code, customer }: { code: string; customer: Profile['customer'] }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const run = useProfileAction();
  const policies = useApiQuery('policies.get', {});
  const current = customer.policyOverride;
  const [choice, setChoice] = useState<string>(current ?? BAND_POLICY);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const canOverride = user.role === 'manager' || user.role === 'admin';
  const next = choice === BAND_POLICY ? null : choice;
  const changed = next !== current;
  // Back to the band's policy needs no reason; choosing a policy does.
  const reasonOk = next === null || reason.trim().length >= 3;
  const names = (policies.data?.policies ?? []).map((p) => ({
    value: p.name,
    label: p.steps.length === 0 ? t('policyOverride.noReminders', { name: p.name }) : p.name,
  }));

  return (
    <Card withBorder padding="md" data-testid="policy-override">
      <Title order={2} size="h5" mb={4}>
        {t('policyOverride.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm" data-testid="policy-override-current">
        {current && !customer.policyOverrideMissing
          ? t('policyOverride.set', { policy: current, reason: customer.policyOverrideReason ?? '' })
          : t('policyOverride.fromBand', { policy: customer.policy ?? '—', band: customer.effectiveBand })}
      </Text>
      {customer.policyOverrideMissing && current ? (
        <Alert color="orange" mb="sm" data-testid="policy-override-missing">
          {t('policyOverride.missing', { policy: current, fallback: customer.policy ?? '—' })}
        </Alert>
      ) : null}
      {canOverride ? (
        <Group align="flex-end" gap="sm">
          <Select
            label={t('policyOverride.label')}
            w={260}
            allowDeselect={false}
            value={choice}
            onChange={(v) => setChoice(v ?? BAND_POLICY)}
            data={[{ value: BAND_POLICY, label: t('policyOverride.bandOption') }, ...names]}
          />
          <Textarea
            label={t('policyOverride.reason')}
            autosize
            minRows={1}
            style={{ flex: 1 }}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Button
            disabled={!changed || !reasonOk}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              const res = await run(
                'customers.update',
                next === null
                  ? { code, policyOverride: null }
                  : { code, policyOverride: next, policyOverrideReason: reason.trim() },
                t('policyOverride.saved'),
              );
              setBusy(false);
              if (res.ok) setReason('');
            }}
          >
            {t('policyOverride.save')}
          </Button>
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          {t('policyOverride.managerOnly')}
        </Text>
      )}
    </Card>
  );
}
