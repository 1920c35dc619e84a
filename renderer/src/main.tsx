import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.tsx';
import { createClient, defaultTransport } from './api/client.ts';
import { ApiProvider } from './api/context.tsx';
import { initI18n } from './i18n/index.ts';
import { loadPrefs, prefsColorSchemeManager } from './state/prefs.ts';
import { cssVariablesResolver, theme } from './theme.ts';

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
        <MantineProvider
          theme={theme}
          cssVariablesResolver={cssVariablesResolver}
          colorSchemeManager={colorSchemeManager}
          defaultColorScheme="light"
        >
          <Notifications position="bottom-right" limit={4} />
          <ApiProvider client={client}>
            <App />
          </ApiProvider>
        </MantineProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}
