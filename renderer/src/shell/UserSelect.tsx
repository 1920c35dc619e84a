import { Select } from '@mantine/core';
import { IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../state/session.tsx';

/** The current user: every action is done, audited and authorized as this user. */
export function UserSelect() {
  const { t } = useTranslation();
  const { users, user, setUser } = useSession();
  const data = users
    .filter((u) => u.active)
    .map((u) => ({ value: u.id, label: `${u.name} · ${t(`roles.${u.role}`)}` }));
  return (
    <Select<number>
      aria-label={t('header.currentUser')}
      data={data}
      value={user.id}
      onChange={(id) => {
        if (id !== null) setUser(id);
      }}
      leftSection={<IconUserCircle size={18} stroke={1.5} />}
      w={230}
      size="xs"
      comboboxProps={{ position: 'bottom-end', width: 260 }}
    />
  );
}
