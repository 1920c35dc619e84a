import { Button } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { newJobId } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { notifySuccess } from '../../components/notify.tsx';
import { useBusyAction } from '../../components/useBusyAction.ts';
import { useLedger } from '../../state/ledger.tsx';
import { useSession } from '../../state/session.tsx';
import { downloadPdf } from './pdf.ts';

/** "Stampa accordo": the plan's printable agreement (archived, logged), saved as a PDF. */
export function PlanAgreementButton({ planId }: { planId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const ledger = useLedger();
  const { canCall } = useSession();
  const [busy, whileBusy] = useBusyAction();
  if (!canCall('plans.agreement')) return null;
  const run = () =>
    whileBusy(async () => {
      const out = await api.call('plans.agreement', { planId }, { job: newJobId() });
      downloadPdf(out.pdfBase64, out.fileName);
      notifySuccess(t('letters.agreement.done'), out.reference);
      // The agreement enters the contact log: the timeline refreshes.
      ledger.changed();
    });
  return (
    <Button
      size="compact-xs"
      variant="default"
      leftSection={<IconFileText size={14} />}
      loading={busy}
      onClick={() => void run()}
      aria-label={t('letters.agreement.printPlan', { id: planId })}
    >
      {t('letters.agreement.print')}
    </Button>
  );
}
