import { Code, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFormat } from '../../format.ts';
import { SettingsSection } from './SettingsSection.tsx';

/** Version, where the ledger lives, how the app runs. */
export function AboutSettings() {
  const { t } = useTranslation();
  const f = useFormat();
  const info = useApiQuery('system.info', {});
  const d = info.data;
  return (
    <SettingsSection title={t('settings.about')}>
      {info.error ? <ErrorState error={info.error} onRetry={info.reload} /> : null}
      {d ? (
        <Table aria-label={t('settings.about')} withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={200}>{t('settings.version')}</Table.Th>
              <Table.Td className="num">{d.version}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('settings.dbPath')}</Table.Th>
              <Table.Td>
                <Code className="wrap-anywhere">{d.dbPath}</Code>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('settings.mode')}</Table.Th>
              <Table.Td>{t(`settings.modes.${d.mode}`)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('settings.today')}</Table.Th>
              <Table.Td className="num">{f.date(d.today)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('settings.ledgerAsOf')}</Table.Th>
              <Table.Td className="num">
                {d.ledgerAsOf ? f.date(d.ledgerAsOf) : t('settings.neverImported')}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : null}
    </SettingsSection>
  );
}
