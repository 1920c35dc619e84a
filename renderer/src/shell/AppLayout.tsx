import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet, useNavigate } from 'react-router';
import { useCompanyLanguage } from '../i18n/useCompanyLanguage.ts';
import { CommandPalette, palette } from '../keyboard/CommandPalette.tsx';
import { useAppShortcuts } from '../keyboard/useAppShortcuts.ts';
import { Header } from './Header.tsx';
import { ShortcutsModal } from './ShortcutsModal.tsx';
import { Sidebar } from './Sidebar.tsx';
import { SECTIONS } from './sections.ts';

/** Header, sidebar and the current page; the app-wide keyboard shortcuts. */
export function AppLayout() {
  const navigate = useNavigate();
  const [helpOpen, help] = useDisclosure(false);
  useCompanyLanguage();
  // Layout-independent shortcuts (keyboard/keys.ts): `/` is Shift+7 on an Italian keyboard.
  useAppShortcuts(SECTIONS.length, (s) => {
    if (s === 'palette') palette.open();
    else if (s === 'help') help.open();
    else if (s === 'search') {
      const search = document.querySelector<HTMLInputElement>('[data-search]');
      if (search) search.focus();
      else navigate('/customers?focus=search');
    } else {
      const section = SECTIONS[Number(s.slice('section'.length)) - 1];
      if (section) navigate(section.path);
    }
  });
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
      <CommandPalette onHelp={help.open} />
    </AppShell>
  );
}
