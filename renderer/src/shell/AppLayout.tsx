import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router';
import { useCompanyLanguage } from '../i18n/useCompanyLanguage.ts';
import { CommandPalette, palette } from '../keyboard/CommandPalette.tsx';
import { useAppShortcuts } from '../keyboard/useAppShortcuts.ts';
import { Header } from './Header.tsx';
import { ShortcutsModal } from './ShortcutsModal.tsx';
import { Sidebar } from './Sidebar.tsx';
import { SECTIONS } from './sections.ts';

/** The skip link's target: the page's heading (or the main region when a page has none yet). */
function focusMain(): void {
  const main = document.getElementById('main-content');
  const heading = main?.querySelector<HTMLElement>('h1');
  (heading ?? main)?.focus();
}

/** Header, sidebar and the current page; the app-wide keyboard shortcuts. */
export function AppLayout() {
  const { t } = useTranslation();
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
      {/* The first Tab stop: past the header and the sidebar, straight to the page. */}
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link; the hash router would take the fragment for a route, so the click moves the focus itself */}
      <a
        href="#main-content"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          focusMain();
        }}
      >
        {t('common.skipToContent')}
      </a>
      <AppShell.Header>
        <Header onShowShortcuts={help.open} />
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        <Sidebar />
      </AppShell.Navbar>
      <AppShell.Main className="main" id="main-content" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
      <ShortcutsModal opened={helpOpen} onClose={help.close} />
      <CommandPalette onHelp={help.open} />
    </AppShell>
  );
}
