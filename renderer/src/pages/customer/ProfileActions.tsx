import { Button, Group, Kbd, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import {
  IconCalendarDollar,
  IconCalendarRepeat,
  IconLock,
  IconLockOpen,
  IconMessageReport,
  IconPaperclip,
  IconPhoneCall,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../state/session.tsx';
import type { ProfileDialog } from './types.ts';

interface Action {
  key: ProfileDialog | 'attach';
  label: string;
  icon: ReactNode;
  shortcut?: string;
  allowed: boolean;
  deniedHint: string;
  primary?: boolean;
}

/** The collector's actions, always in the same place and order; single-key shortcuts (C P D R A). */
export function ProfileActions({
  orderBlocked,
  enabled,
  busyAttach,
  onOpen,
  onAttach,
}: {
  orderBlocked: boolean;
  /** Shortcuts are off while a dialog is open. */
  enabled: boolean;
  busyAttach: boolean;
  onOpen: (dialog: ProfileDialog) => void;
  onAttach: () => void;
}) {
  const { t } = useTranslation();
  const { canCall } = useSession();
  const clerkHint = t('customer.actions.clerkOnly');
  const actions: Action[] = [
    {
      key: 'contact',
      label: t('customer.actions.contact'),
      icon: <IconPhoneCall size={16} />,
      shortcut: 'C',
      allowed: canCall('contacts.add'),
      deniedHint: clerkHint,
      primary: true,
    },
    {
      key: 'promise',
      label: t('customer.actions.promise'),
      icon: <IconCalendarDollar size={16} />,
      shortcut: 'P',
      allowed: canCall('promises.add'),
      deniedHint: clerkHint,
    },
    {
      key: 'dispute',
      label: t('customer.actions.dispute'),
      icon: <IconMessageReport size={16} />,
      shortcut: 'D',
      allowed: canCall('disputes.add'),
      deniedHint: clerkHint,
    },
    {
      key: 'plan',
      label: t('customer.actions.plan'),
      icon: <IconCalendarRepeat size={16} />,
      shortcut: 'R',
      allowed: canCall('plans.add'),
      deniedHint: clerkHint,
    },
    {
      key: 'attach',
      label: t('customer.actions.attach'),
      icon: <IconPaperclip size={16} />,
      shortcut: 'A',
      allowed: canCall('attachments.add'),
      deniedHint: clerkHint,
    },
    {
      key: 'block',
      label: orderBlocked ? t('customer.actions.unblock') : t('customer.actions.block'),
      icon: orderBlocked ? <IconLockOpen size={16} /> : <IconLock size={16} />,
      allowed: canCall('orderBlock.set'),
      deniedHint: t('customer.actions.managerOnly'),
    },
  ];
  const run = (a: Action) => {
    if (!a.allowed) return;
    if (a.key === 'attach') onAttach();
    else onOpen(a.key);
  };
  useHotkeys(
    enabled
      ? actions
          .filter((a) => a.shortcut)
          .map((a): [string, () => void] => [(a.shortcut ?? '').toLowerCase(), () => run(a)])
      : [],
  );

  const button = (a: Action) => {
    const push = a.key === 'block' ? 'auto' : undefined;
    const control = (
      <Button
        variant={a.primary ? 'filled' : 'default'}
        leftSection={a.icon}
        disabled={!a.allowed}
        loading={a.key === 'attach' && busyAttach}
        aria-keyshortcuts={a.allowed ? a.shortcut : undefined}
        onClick={() => run(a)}
        ml={a.allowed ? push : undefined}
      >
        {a.label}
      </Button>
    );
    if (!a.allowed) {
      // A disabled button gets no pointer events: the wrapper carries the "why not" tooltip.
      return (
        <Tooltip key={a.key} label={a.deniedHint} multiline maw={280}>
          <span className="denied-action" style={push ? { marginLeft: push } : undefined}>
            {control}
          </span>
        </Tooltip>
      );
    }
    return (
      <Tooltip
        key={a.key}
        label={
          a.shortcut ? (
            <>
              {a.label} <Kbd size="xs">{a.shortcut}</Kbd>
            </>
          ) : (
            a.label
          )
        }
      >
        {control}
      </Tooltip>
    );
  };

  return (
    <Group
      gap={6}
      wrap="wrap"
      className="profile-actions"
      role="toolbar"
      aria-label={t('customer.actions.label')}
    >
      {actions.map(button)}
    </Group>
  );
}
