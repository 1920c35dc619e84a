import { useTranslation } from 'react-i18next';
import { JobStatus } from '../../components/JobStatus.tsx';

/** A long job's progress from its events, with counts and a Cancel. */
export function JobProgress({
  job,
  title,
  onCancel,
}: {
  job: string | null;
  title: string;
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <JobStatus
      job={job}
      title={title}
      size="md"
      counts={(at) => {
        const phaseKey = `imports.phases.${at.phase}`;
        const phase = i18n.exists(phaseKey) ? t(phaseKey as 'imports.phases.read') : at.phase;
        return t('imports.progressCounts', { ...at, phase });
      }}
      starting={t('imports.progressStarting')}
      cancelLabel={t('common.cancel')}
      onCancel={onCancel}
    />
  );
}
