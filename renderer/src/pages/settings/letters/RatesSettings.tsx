import { Alert, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../api/hooks.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFormat } from '../../../format.ts';
import { useSession } from '../../../state/session.tsx';
import { SettingsSection } from '../SettingsSection.tsx';
import { EcbRateInput, usePercent, useRateDraft } from './rateDraft.tsx';

/** Half-year starts offered when adding a rate: the missing ones first, then the next ones. */
function halfYears(today: string, missing: readonly string[], known: readonly string[]): string[] {
  const y = Number(today.slice(0, 4));
  const all = [y - 1, y, y + 1].flatMap((yy) => [`${yy}-01-01`, `${yy}-07-01`]);
  const fromMissing = missing.filter((m) => /^\d{4}-(01|07)-01$/.test(m));
  return [...new Set([...fromMissing, ...all.filter((d) => !known.includes(d)), ...all])].sort();
}

/** The late-payment rate table (D.Lgs. 231/2002): ECB rate + 8 points per half-year. */
export function RatesSettings() {
  const { t } = useTranslation();
  const f = useFormat();
  const { canCall } = useSession();
  const canAdd = canCall('rates.add');
  const q = useApiQuery('rates.list', {});
  const [from, setFrom] = useState<string | null>(null);
  const { ecb, setEcb, source, setSource, saving, add: addRate } = useRateDraft();
  const rates = q.data ? [...q.data.rates].sort((a, b) => b.from.localeCompare(a.from)) : [];
  const pct = usePercent();

  const add = async () => {
    if (!from) return;
    await addRate(from, q.reload);
  };

  return (
    <SettingsSection title={t('letterSettings.rates.title')} description={t('letterSettings.rates.hint')}>
      {q.error ? <ErrorState error={q.error} onRetry={q.reload} /> : null}
      <Stack gap="xs">
        {q.data && q.data.missing.length > 0 ? (
          <Alert color="yellow" p="xs">
            <Text size="xs">{t('letterSettings.rates.missing', { list: q.data.missing.join(', ') })}</Text>
          </Alert>
        ) : null}
        <Table.ScrollContainer minWidth={460} mah={260}>
          <Table fz="xs" verticalSpacing={2} stickyHeader aria-label={t('letterSettings.rates.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('letterSettings.rates.period')}</Table.Th>
                <Table.Th ta="right">{t('letterSettings.rates.ecb')}</Table.Th>
                <Table.Th ta="right">{t('letterSettings.rates.moratory')}</Table.Th>
                <Table.Th>{t('letterSettings.rates.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rates.map((r) => (
                <Table.Tr key={r.from}>
                  <Table.Td className="num">
                    {f.date(r.from)} – {f.date(r.to)}
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    {pct(r.ecbPercent)}
                  </Table.Td>
                  <Table.Td ta="right" className="num" fw={600}>
                    {pct(r.moratoryPercent)}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {r.origin === 'user' ? (
                        <Badge size="xs" variant="light" color="violet" style={{ flexShrink: 0 }}>
                          {t('letterSettings.rates.user')}
                        </Badge>
                      ) : null}
                      <Text size="xs" c="dimmed" truncate="end" maw={220} title={r.source}>
                        {r.source}
                      </Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {canAdd && q.data ? (
          <form
            aria-label={t('letterSettings.rates.add')}
            onSubmit={(e) => {
              e.preventDefault();
              void add();
            }}
          >
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <Select
                label={t('letterSettings.rates.from')}
                data={halfYears(
                  q.data.today,
                  q.data.missing,
                  q.data.rates.map((r) => r.from),
                ).map((d) => ({ value: d, label: f.date(d) }))}
                value={from}
                onChange={setFrom}
                size="xs"
                w={130}
              />
              <EcbRateInput
                label={t('letterSettings.rates.ecbInput')}
                value={ecb}
                onChange={setEcb}
                size="xs"
                w={110}
              />
              <TextInput
                label={t('letterSettings.rates.source')}
                value={source}
                onChange={(e) => setSource(e.currentTarget.value)}
                placeholder={t('letterSettings.rates.sourcePlaceholder')}
                size="xs"
                style={{ flex: 1 }}
                maxLength={500}
              />
              <Button type="submit" size="xs" loading={saving} disabled={!from || typeof ecb !== 'number'}>
                {t('letterSettings.rates.add')}
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </SettingsSection>
  );
}
