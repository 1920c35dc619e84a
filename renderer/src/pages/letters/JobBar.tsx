import { useTranslation } from 'react-i18next';
import { JobStatus } from '../../components/JobStatus.tsx';

const PHASES = ['letters', 'merge', 'send'] as const;
type Phase = (typeof PHASES)[number];
const isPhase = (p: string): p is Phase => (PHASES as readonly string[]).includes(p);

/** A print or send job's progress (letters rendered, merge, messages sent) with a Cancel. */
export function JobBar({ job, title, onCancel }: { job: string; title: string; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <JobStatus
      job={job}
      title={title}
      size="sm"
      withBorder
      countsTestId="job-counts"
      counts={(at) =>
        t('letters.progressCounts', {
          ...at,
          phase: isPhase(at.phase) ? t(`letters.phases.${at.phase}`) : at.phase,
        })
      }
      starting={t('letters.progressStarting')}
      cancelLabel={t('letters.cancelJob')}
      onCancel={onCancel}
    />
  );
}
