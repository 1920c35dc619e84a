import { AppShell } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { Outlet, useNavigate } from 'react-router';
import { useCompanyLanguage } from '../i18n/useCompanyLanguage.ts';
import { Header } from './Header.tsx';
import { ShortcutsModal } from './ShortcutsModal.tsx';
import { Sidebar } from './Sidebar.tsx';
import { SECTIONS } from './sections.ts';

/** Header, sidebar and the current page; the app-wide keyboard shortcuts. */
export function AppLayout() {
  const navigate = useNavigate();
  const [helpOpen, help] = useDisclosure(false);
  useCompanyLanguage();
  useHotkeys([
    ...SECTIONS.map((s): [string, () => void] => [`alt+${s.shortcut}`, () => navigate(s.path)]),
    ['shift+?', help.open],
    [
      '/',
      () => {
        const search = document.querySelector<HTMLInputElement>('[data-search]');
        if (search) search.focus();
        else navigate('/customers?focus=search');
      },
    ],
  ]);
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 0 }} padding={0}>
      <AppShell.Header>
        <Header onShowShortcuts={help.open} />
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <Sidebar />
      </AppShell.Navbar>
      <AppShell.Main className="main">
        <Outlet />
      </AppShell.Main>
      <ShortcutsModal opened={helpOpen} onClose={help.close} />
    </AppShell>
  );
}
