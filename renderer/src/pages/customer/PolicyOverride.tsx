/**
 * The manager's dunning-policy override, beside the band override (issue 16 point 6): the policy
 * this customer is on whatever its band, with a reason (customers.update with policyOverride +
 * policyOverrideReason). When the named policy has left the set, the band's applies and it says so.
 */
import { Alert, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../../shared/api/contracts/customers.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { OverrideCard } from './OverrideCard.tsx';
import { useProfileAction } from './useProfileAction.ts';

const BAND_POLICY = '__band__';

export function PolicyOverride({ code, customer }: { code: string; customer: Profile['customer'] }) {
  const { t } = useTranslation();
  const run = useProfileAction();
  const policies = useApiQuery('policies.get', {});
  const current = customer.policyOverride;
  const [choice, setChoice] = useState<string>(current ?? BAND_POLICY);
  const next = choice === BAND_POLICY ? null : choice;
  const names = (policies.data?.policies ?? []).map((p) => ({
    value: p.name,
    label: p.steps.length === 0 ? t('policyOverride.noReminders', { name: p.name }) : p.name,
  }));

  return (
    <OverrideCard
      title={t('policyOverride.title')}
      testId="policy-override"
      status={
        <>
          <Text size="sm" c="dimmed" mb="sm" data-testid="policy-override-current">
            {current && !customer.policyOverrideMissing
              ? t('policyOverride.set', { policy: current, reason: customer.policyOverrideReason ?? '' })
              : t('policyOverride.fromBand', {
                  policy: customer.policy ?? '—',
                  band: customer.effectiveBand,
                })}
          </Text>
          {customer.policyOverrideMissing && current ? (
            <Alert color="orange" mb="sm" data-testid="policy-override-missing">
              {t('policyOverride.missing', { policy: current, fallback: customer.policy ?? '—' })}
            </Alert>
          ) : null}
        </>
      }
      select={{
        label: t('policyOverride.label'),
        width: 260,
        options: [{ value: BAND_POLICY, label: t('policyOverride.bandOption') }, ...names],
        value: choice,
        none: BAND_POLICY,
        onChange: setChoice,
      }}
      reasonLabel={t('policyOverride.reason')}
      changed={next !== current}
      // Back to the band's policy needs no reason; choosing a policy does.
      needsReason={next !== null}
      saveLabel={t('policyOverride.save')}
      managerOnly={t('policyOverride.managerOnly')}
      save={(reason) =>
        run(
          'customers.update',
          next === null
            ? { code, policyOverride: null }
            : { code, policyOverride: next, policyOverrideReason: reason },
          t('policyOverride.saved'),
        )
      }
    />
  );
}
