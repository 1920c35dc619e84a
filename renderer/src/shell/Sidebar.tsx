import { Box, Kbd, NavLink, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { SECTIONS } from './sections.ts';

function isActive(path: string, pathname: string): boolean {
  return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
}

/** The sections of the app; Alt+1…7 jump to them. */
export function Sidebar() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    // The navigation landmark is the AppShell's navbar (one, named): this is only its layout.
    <Box className="sidebar">
      <Stack gap={2}>
        {SECTIONS.map((s) => {
          const Icon = s.icon;
          const active = isActive(s.path, pathname);
          return (
            <NavLink
              key={s.key}
              component={RouterLink}
              to={s.path}
              end={s.path === '/'}
              label={t(`nav.${s.key}`)}
              leftSection={<Icon size={18} stroke={1.6} />}
              rightSection={
                <Kbd size="xs" className="nav-kbd" aria-hidden>
                  {`Alt ${s.shortcut}`}
                </Kbd>
              }
              active={active}
              aria-current={active ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${s.shortcut}`}
              className="nav-link"
            />
          );
        })}
      </Stack>
      <Text size="xs" c="dimmed" className="sidebar-hint">
        {t('nav.shortcutsHint')}
      </Text>
    </Box>
  );
}
