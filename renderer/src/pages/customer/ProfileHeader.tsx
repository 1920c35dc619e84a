import { Anchor, Badge, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconLock, IconStar } from '@tabler/icons-react';
import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFocusOnArrival } from '../../components/PageHeader.tsx';
import { useFormat } from '../../format.ts';
import { semantic } from '../../theme.ts';
import { CaseLine } from './CaseLine.tsx';
import { RatingBadge } from './RatingBadge.tsx';
import type { Profile } from './types.ts';

function Fact({ label, value }: { label: string; value: string | null }) {
  return (
    <Text size="sm" span className="fact">
      <Text span c="dimmed" size="sm">
        {label}
      </Text>{' '}
      <Text span size="sm" fw={500} c={value ? undefined : 'dimmed'}>
        {value ?? '—'}
      </Text>
    </Text>
  );
}

/** Who the customer is and where its collection stands; the actions sit right below, always there. */
export function ProfileHeader({ profile, actions }: { profile: Profile; actions: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = profile.customer;
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnArrival(heading);
  return (
    <Stack gap={4} mb="sm">
      <Anchor component={Link} to="/customers" size="xs" c="dimmed" className="back-link">
        <IconChevronLeft size={12} />
        {t('customer.backToList')}
      </Anchor>
      <Group gap="xs" wrap="wrap" align="center">
        <Title order={1} className="wrap-anywhere page-heading" ref={heading} tabIndex={-1}>
          {c.name}
        </Title>
        <Tooltip label={c.band ? t('customer.bandSet') : t('customer.bandDefault')}>
          <Badge color="gray" variant="outline" size="md" data-testid="band">
            {t('customer.band', { band: c.effectiveBand })}
          </Badge>
        </Tooltip>
        <RatingBadge code={c.code} />
        {c.keyAccount ? (
          <Badge color={semantic.accent} variant="light" leftSection={<IconStar size={11} />}>
            {t('customer.keyAccount')}
          </Badge>
        ) : null}
        {c.orderBlocked ? (
          <Tooltip
            label={t('customer.blockedSince', { date: f.date(c.orderBlockedOn) })}
            disabled={!c.orderBlockedOn}
          >
            <Badge
              color={semantic.overdue}
              variant="filled"
              leftSection={<IconLock size={11} />}
              data-testid="order-block"
              className="block-badge"
            >
              {c.orderBlockReason
                ? t('customer.blockedWithReason', { reason: c.orderBlockReason })
                : t('customer.blocked')}
            </Badge>
          </Tooltip>
        ) : null}
      </Group>
      <Group gap="md" wrap="wrap" className="facts">
        <Text size="sm" ff="monospace" c="dimmed" data-testid="customer-code">
          {c.code}
        </Text>
        <Fact label={t('customer.vat')} value={c.vat} />
        <Fact label={t('customer.area')} value={c.area} />
        <Fact label={t('customer.salesperson')} value={c.salesperson} />
        <Fact label={t('customer.collector')} value={c.collector} />
      </Group>
      <CaseLine openCase={profile.openCase} />
      <div className="profile-toolbar">{actions}</div>
    </Stack>
  );
}
