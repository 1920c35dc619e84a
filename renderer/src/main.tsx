import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { type ReactNode, StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { App } from './App.tsx';
import { createClient, defaultTransport } from './api/client.ts';
import { ApiProvider } from './api/context.tsx';
import { initI18n } from './i18n/index.ts';
import { loadPrefs, prefsColorSchemeManager } from './state/prefs.ts';
import { cssVariablesResolver, themeWithLabels } from './theme.ts';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
const rootElement = root;

// The desktop app's preferences (language, theme, columns) are read before the first render.
void loadPrefs().then(start);

function start(): void {
  const i18n = initI18n();
  const client = createClient(defaultTransport());
  const colorSchemeManager = prefsColorSchemeManager('incasso.colorScheme');

  createRoot(rootElement).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <ThemedProvider colorSchemeManager={colorSchemeManager}>
          <Notifications position="bottom-right" limit={4} />
          <ApiProvider client={client}>
            <App />
          </ApiProvider>
        </ThemedProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

/** Mantine with the theme in the user's language (the close buttons' names). */
function ThemedProvider({
  colorSchemeManager,
  children,
}: {
  colorSchemeManager: ReturnType<typeof prefsColorSchemeManager>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const close = t('common.close');
  const theme = useMemo(() => themeWithLabels({ close }), [close]);
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="light"
    >
      {children}
    </MantineProvider>
  );
}
