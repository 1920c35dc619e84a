import { Badge, Button, Group, PasswordInput, Select, Table, Text, TextInput } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/api/roles.ts';
import { useApi } from '../../api/context.tsx';
import { notifySuccess } from '../../components/notify.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { MIN_PASSWORD } from '../../shell/SignInScreen.tsx';
import { useSession } from '../../state/session.tsx';
import { PasswordButton } from './PasswordDialog.tsx';
import { SettingsSection } from './SettingsSection.tsx';

const ROLE_COLOR: Record<Role, string> = {
  admin: 'accent',
  manager: 'indigo',
  accountant: 'cyan',
  clerk: 'gray',
};

function AddUserForm() {
  const { t } = useTranslation();
  const api = useApi();
  const { reloadUsers } = useSession();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [password, setPassword] = useState('');
  const [saving, whileSaving] = useBusyAction();

  const add = () =>
    whileSaving(async () => {
      const user = await api.call('users.add', {
        name: name.trim(),
        role,
        ...(password !== '' ? { password } : {}),
      });
      notifySuccess(t('settings.userAdded', { name: user.name }));
      setName('');
      setPassword('');
      await reloadUsers();
    });

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      {/* Wraps on narrow windows (the Settings column is ~540 px at 1366 px): no field or button is cut. */}
      <Group align="flex-end" mt="sm" wrap="wrap">
        <TextInput
          label={t('settings.userName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={80}
          style={{ flex: '1 1 160px' }}
        />
        <Select<Role>
          label={t('settings.userRole')}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={(r) => {
            if (r) setRole(r);
          }}
          w={150}
        />
        <PasswordInput
          label={t('auth.firstPassword')}
          title={t('auth.firstPasswordHint')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="new-password"
          error={
            password !== '' && [...password].length < MIN_PASSWORD
              ? t('auth.tooShort', { count: MIN_PASSWORD })
              : undefined
          }
          style={{ flex: '1 1 180px' }}
        />
        <Button
          type="submit"
          style={{ flexShrink: 0 }}
          leftSection={<IconUserPlus size={16} />}
          loading={saving}
          disabled={!name.trim() || (password !== '' && [...password].length < MIN_PASSWORD)}
        >
          {t('settings.addUser')}
        </Button>
      </Group>
    </form>
  );
}

/** The people who use this ledger and their roles; the admin adds users. */
export function UsersSettings() {
  const { t } = useTranslation();
  const { users, user: current, canCall } = useSession();
  return (
    <SettingsSection title={t('settings.users')} description={t('settings.usersHint')}>
      <Table aria-label={t('settings.users')} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.userName')}</Table.Th>
            <Table.Th>{t('settings.userRole')}</Table.Th>
            <Table.Th>{t('settings.userStatus')}</Table.Th>
            <Table.Th>{t('auth.access')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>
                <Text size="sm" fw={u.id === current.id ? 600 : undefined}>
                  {u.name}
                  {u.id === current.id ? (
                    <Text span size="xs" c="dimmed" ml={6}>
                      {t('settings.you')}
                    </Text>
                  ) : null}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={ROLE_COLOR[u.role]} variant="light">
                  {t(`roles.${u.role}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={u.active ? undefined : 'dimmed'}>
                  {u.active ? t('settings.active') : t('settings.inactive')}
                </Text>
              </Table.Td>
              <Table.Td>
                {u.id === current.id || canCall('users.setPassword') ? (
                  <PasswordButton target={u} own={u.id === current.id} />
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canCall('users.add') ? (
        <AddUserForm />
      ) : (
        <Text size="xs" c="dimmed" mt="sm">
          {t('settings.usersReadOnly')}
        </Text>
      )}
    </SettingsSection>
  );
}
