import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileToBase64 } from '../../components/files.ts';
import { notifyError } from '../../components/notify.tsx';
import { useFormat } from '../../format.ts';
import { attachProblem } from './attachments.ts';
import { useProfileAction } from './useProfileAction.ts';

/** Attaches a chosen file to the customer: checked here first (type, size), then stored with its sha256. */
export function useAttach(code: string) {
  const { t } = useTranslation();
  const f = useFormat();
  const act = useProfileAction();
  const [busy, setBusy] = useState(false);
  const attach = async (file: File) => {
    const problem = attachProblem(file);
    if (problem) {
      notifyError(
        t,
        new Error(t(`customer.documents.problems.${problem}`, { name: file.name })),
        t('customer.documents.notAttached'),
      );
      return;
    }
    setBusy(true);
    try {
      const dataBase64 = await fileToBase64(file);
      await act(
        'attachments.add',
        { code, fileName: file.name, dataBase64 },
        t('customer.documents.attached', { name: file.name }),
        t('customer.documents.attachedText', { size: f.number(Math.max(1, Math.round(file.size / 1024))) }),
      );
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  };
  return { attach, busy };
}
