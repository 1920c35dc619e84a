import { DatesProvider } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { createHashRouter, RouterProvider } from 'react-router';
import { isLanguage, localeOf } from './i18n/index.ts';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { BankPage } from './pages/bank/BankPage.tsx';
import { CustomerPage } from './pages/customer/CustomerPage.tsx';
import { CustomersPage } from './pages/customers/CustomersPage.tsx';
import { ImportsPage } from './pages/imports/ImportsPage.tsx';
import { LettersPage } from './pages/letters/LettersPage.tsx';
import { PoliciesPage } from './pages/policies/PoliciesPage.tsx';
import { PrivacyPage } from './pages/privacy/PrivacyPage.tsx';
import { ReportsPage } from './pages/reports/ReportsPage.tsx';
import { SettingsPage } from './pages/settings/SettingsPage.tsx';
import { SetupPage } from './pages/setup/SetupPage.tsx';
import { WorklistPage } from './pages/worklist/WorklistPage.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { BootScreen } from './shell/BootScreen.tsx';
import { SignInScreen } from './shell/SignInScreen.tsx';
import { LedgerProvider } from './state/ledger.tsx';
import { SessionProvider } from './state/session.tsx';

const router = createHashRouter([
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <WorklistPage /> },
      { path: 'customers', element: <CustomersPage /> },
      { path: 'customers/:code', element: <CustomerPage /> },
      { path: 'imports', element: <ImportsPage /> },
      { path: 'bank', element: <BankPage /> },
      { path: 'letters', element: <LettersPage /> },
      { path: 'policies', element: <PoliciesPage /> },
      { path: 'reports', element: <ReportsPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'setup', element: <SetupPage /> },
      { path: 'settings/audit', element: <AuditPage /> },
      { path: 'settings/privacy', element: <PrivacyPage /> },
      { path: '*', element: <WorklistPage /> },
    ],
  },
]);

/** The app below the providers of main.tsx: ledger signal, current user, routes. */
export function App() {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'it';
  return (
    <DatesProvider settings={{ locale: localeOf(language).dayjs, firstDayOfWeek: 1 }}>
      <LedgerProvider>
        <SessionProvider
          fallback={(state) => <BootScreen {...state} />}
          signIn={(props) => <SignInScreen {...props} />}
        >
          <RouterProvider router={router} />
        </SessionProvider>
      </LedgerProvider>
    </DatesProvider>
  );
}
