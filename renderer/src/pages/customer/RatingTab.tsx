/**
 * The internal rating explained (issue 7): score, class and confidence, every factor with its
 * value and the points it gives or takes, the score over time (chart and table), and the
 * manager's band override (customers.update with band + bandReason).
 */
import {
  Badge,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { BANDS, type Band } from '../../../../shared/domain/dunning/policy.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFormat } from '../../format.ts';
import { OverrideCard } from './OverrideCard.tsx';
import { CLASS_COLOR, FactorCells, ratingSummary } from './RatingBadge.tsx';
import { useProfileAction } from './useProfileAction.ts';

export function RatingTab({ code }: { code: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rating = useApiQuery('ratings.get', { code });
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const r = rating.data?.customerCode === code ? rating.data : undefined;
  if (rating.error && !r) return <ErrorState error={rating.error} onRetry={rating.reload} />;
  if (!r) return <Skeleton h={320} />;
  const maxPoints = Math.max(1, ...r.factors.map((x) => Math.abs(x.points)));
  const history = r.history.map((h) => ({ ...h, label: f.date(h.date) }));

  return (
    <Stack gap="md" data-testid="rating-tab">
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Card withBorder padding="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('rating.score')}
          </Text>
          <Group gap="sm" align="baseline" mt={4}>
            <Text fz={36} fw={700} className="num" data-testid="rating-score">
              {r.score}
            </Text>
            <Text c="dimmed">/ 100</Text>
            <Badge
              size="lg"
              color={CLASS_COLOR[r.class] ?? 'gray'}
              variant="filled"
              data-testid="rating-class"
            >
              {t('rating.class', { class: r.class })}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" mt={4}>
            {t('rating.confidence', { level: t(`customer.rating.confidence.${r.confidence}`) })}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            {r.previous
              ? t('customer.rating.previous', {
                  score: r.previous.score,
                  class: r.previous.class,
                  date: f.date(r.changedOn),
                })
              : t('customer.rating.computedOn', { date: f.date(r.computedOn) })}
          </Text>
        </Card>
        <Card withBorder padding="md" style={{ gridColumn: 'span 2' }}>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h5">
              {t('rating.historyTitle')}
            </Title>
            <SegmentedControl
              size="xs"
              aria-label={t('rating.historyView')}
              value={view}
              onChange={(v) => setView(v === 'table' ? 'table' : 'chart')}
              data={[
                { value: 'chart', label: t('rating.chart') },
                { value: 'table', label: t('rating.table') },
              ]}
            />
          </Group>
          {view === 'chart' ? (
            <div style={{ width: '100%', height: 180 }} role="img" aria-label={t('rating.chartLabel')}>
              {history.length > 0 ? (
                <ResponsiveContainer width="100%" height="100%">
                  <LineChart data={history} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
                    <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-gray-3)" />
                    <XAxis dataKey="label" fontSize={11} />
                    <YAxis domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} fontSize={11} />
                    <ReferenceLine y={80} stroke="var(--mantine-color-teal-4)" strokeDasharray="4 4" />
                    <ReferenceLine y={20} stroke="var(--mantine-color-red-4)" strokeDasharray="4 4" />
                    <Tooltip formatter={(v) => [String(v), t('rating.score')]} />
                    <Line
                      type="stepAfter"
                      dataKey="score"
                      stroke="var(--mantine-color-accent-6)"
                      strokeWidth={2}
                      dot={{ r: 3 }}
                      isAnimationActive={false}
                    />
                  </LineChart>
                </ResponsiveContainer>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('rating.noHistory')}
                </Text>
              )}
            </div>
          ) : (
            <Table className="dense-table" aria-label={t('rating.historyLabel')} verticalSpacing={3}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rating.date')}</Table.Th>
                  <Table.Th ta="right">{t('rating.score')}</Table.Th>
                  <Table.Th>{t('rating.classCol')}</Table.Th>
                  <Table.Th>{t('rating.confidenceCol')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...r.history].reverse().map((h) => (
                  <Table.Tr key={`${h.date}-${h.score}`}>
                    <Table.Td>{f.date(h.date)}</Table.Td>
                    <Table.Td ta="right" className="num">
                      {h.score}
                    </Table.Td>
                    <Table.Td>{h.class}</Table.Td>
                    <Table.Td>{t(`customer.rating.confidence.${h.confidence}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </SimpleGrid>
      <Card withBorder padding="md">
        <Title order={2} size="h5" mb={4}>
          {t('rating.factorsTitle')}
        </Title>
        <Text size="xs" c="dimmed" mb="xs">
          {ratingSummary(t, f, r)}
        </Text>
        <Table aria-label={t('rating.factorsLabel')} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rating.factor')}</Table.Th>
              <Table.Th ta="right" w={100}>
                {t('rating.value')}
              </Table.Th>
              <Table.Th ta="right" w={80}>
                {t('rating.points')}
              </Table.Th>
              <Table.Th w="34%">
                <span className="visually-hidden">{t('rating.bar')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.factors.map((x) => {
              const width = `${(Math.abs(x.points) / maxPoints) * 50}%`;
              return (
                <Table.Tr key={x.name}>
                  <FactorCells factor={x} size="sm" />
                  <Table.Td>
                    <div className="factor-bar" aria-hidden>
                      <div className="factor-bar-axis" />
                      {x.points !== 0 ? (
                        <div
                          className="factor-bar-fill"
                          data-sign={x.points > 0 ? 'plus' : 'minus'}
                          style={x.points > 0 ? { left: '50%', width } : { right: '50%', width }}
                        />
                      ) : null}
                    </div>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Card>
      <BandOverride code={code} band={r.band} effectiveBand={r.effectiveBand} ratingClass={r.class} />
    </Stack>
  );
}

const DEFAULT = 'default';

function BandOverride({
  code,
  band,
  effectiveBand,
  ratingClass,
}: {
  code: string;
  band: Band | null;
  effectiveBand: Band;
  ratingClass: string;
}) {
  const { t } = useTranslation();
  const run = useProfileAction();
  const [choice, setChoice] = useState<string>(band ?? DEFAULT);
  const next = choice === DEFAULT ? null : (BANDS.find((b) => b === choice) ?? null);

  return (
    <OverrideCard
      title={t('rating.bandTitle')}
      status={
        <Text size="sm" c="dimmed" mb="sm">
          {band
            ? t('rating.bandSet', { band, class: ratingClass })
            : t('rating.bandFromClass', { band: effectiveBand, class: ratingClass })}
        </Text>
      }
      select={{
        label: t('rating.bandLabel'),
        width: 220,
        options: [
          { value: DEFAULT, label: t('rating.bandDefault') },
          ...BANDS.map((b) => ({ value: b, label: t('rating.bandOption', { band: b }) })),
        ],
        value: choice,
        none: DEFAULT,
        onChange: setChoice,
      }}
      reasonLabel={t('rating.bandReason')}
      changed={next !== band}
      needsReason
      saveLabel={t('rating.bandSave')}
      managerOnly={t('rating.bandManagerOnly')}
      save={(reason) =>
        run('customers.update', { code, band: next, bandReason: reason }, t('rating.bandSaved'))
      }
    />
  );
}
