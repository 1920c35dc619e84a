import { Button, Grid, Paper, Skeleton, Stack } from '@mantine/core';
import { IconChecklist, IconFileImport, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiQuery } from '../../api/hooks.ts';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormat } from '../../format.ts';
import { AgingBars } from './AgingBars.tsx';
import { EmptyLedger } from './EmptyLedger.tsx';
import { KpiCards } from './KpiCards.tsx';

/** Home: today's tasks (the dunning engine arrives later) and the ledger at a glance. */
export function WorklistPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const summary = useApiQuery('summary.get', {});
  const s = summary.data;

  return (
    <div className="page">
      <PageHeader
        title={t('worklist.title')}
        description={s && s.items > 0 ? t('worklist.subtitle', { date: f.date(s.asOf) }) : undefined}
      />
      {summary.error && !s ? <ErrorState error={summary.error} onRetry={summary.reload} /> : null}
      {!s && !summary.error ? (
        <Stack gap="sm">
          <Skeleton h={88} />
          <Skeleton h={280} />
        </Stack>
      ) : null}
      {s && s.items === 0 ? <EmptyLedger /> : null}
      {s && s.items > 0 ? (
        <Stack gap="md">
          <KpiCards summary={s} />
          <Grid gap="md" align="stretch">
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Paper p="md" h="100%">
                <EmptyPanel
                  bordered={false}
                  headingOrder={2}
                  icon={<IconChecklist size={26} stroke={1.5} />}
                  title={t('worklist.noTasksTitle')}
                  description={t('worklist.noTasksText')}
                  actions={
                    <>
                      <Button leftSection={<IconFileImport size={16} />} onClick={() => navigate('/imports')}>
                        {t('worklist.importAction')}
                      </Button>
                      <Button
                        variant="default"
                        leftSection={<IconUsers size={16} />}
                        onClick={() => navigate('/customers')}
                      >
                        {t('worklist.customersAction')}
                      </Button>
                    </>
                  }
                />
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <AgingBars summary={s} />
            </Grid.Col>
          </Grid>
        </Stack>
      ) : null}
    </div>
  );
}
