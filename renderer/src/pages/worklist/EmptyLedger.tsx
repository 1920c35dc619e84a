import { Button } from '@mantine/core';
import { IconBuildingStore, IconDatabaseOff, IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/context.tsx';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { notifySuccess } from '../../components/notify.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { useFormat } from '../../format.ts';
import { useLedger } from '../../state/ledger.tsx';
import { useSession } from '../../state/session.tsx';

/** A ledger without open items: import the aged receivables, or try the demo company. */
export function EmptyLedger() {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const navigate = useNavigate();
  const ledger = useLedger();
  const { canCall } = useSession();
  const [busy, whileBusy] = useBusyAction();

  const fillDemo = () =>
    whileBusy(async () => {
      const r = await api.call('demo.fill', {});
      notifySuccess(
        t('worklist.demoLoaded'),
        t('worklist.demoLoadedText', { customers: f.number(r.customers), items: f.number(r.items) }),
      );
      ledger.changed();
    });

  return (
    <EmptyPanel
      icon={<IconDatabaseOff size={26} stroke={1.5} />}
      title={t('worklist.emptyLedgerTitle')}
      description={t('worklist.emptyLedgerText')}
      actions={
        <>
          <Button leftSection={<IconFileImport size={16} />} onClick={() => navigate('/imports')}>
            {t('worklist.importAction')}
          </Button>
          {canCall('demo.fill') ? (
            <Button
              variant="default"
              leftSection={<IconBuildingStore size={16} />}
              loading={busy}
              onClick={fillDemo}
            >
              {t('worklist.demoAction')}
            </Button>
          ) : null}
        </>
      }
    />
  );
}
