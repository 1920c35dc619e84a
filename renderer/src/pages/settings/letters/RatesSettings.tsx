import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/context.tsx';
import { useApiQuery } from '../../../api/hooks.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { notifyError, notifySuccess } from '../../../components/notify.tsx';
import { useFormat } from '../../../format.ts';
import { useSession } from '../../../state/session.tsx';
import { SettingsSection } from '../SettingsSection.tsx';

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
  const api = useApi();
  const { canCall } = useSession();
  const canAdd = canCall('rates.add');
  const q = useApiQuery('rates.list', {});
  const [from, setFrom] = useState<string | null>(null);
  const [ecb, setEcb] = useState<number | string>('');
  const [source, setSource] = useState('');
  const [saving, setSaving] = useState(false);
  const rates = q.data ? [...q.data.rates].sort((a, b) => b.from.localeCompare(a.from)) : [];
  const pct = (n: number) =>
    `${n.toLocaleString(f.language === 'it' ? 'it-IT' : 'en-GB', { minimumFractionDigits: 2 })} %`;

  const add = async () => {
    if (!from || typeof ecb !== 'number') return;
    setSaving(true);
    try {
      const r = await api.call('rates.add', {
        from,
        ecbPercent: ecb,
        ...(source.trim() ? { source: source.trim() } : {}),
      });
      notifySuccess(
        r.replaced ? t('letterSettings.rates.replaced') : t('letterSettings.rates.added'),
        t('letterSettings.rates.addedText', { from: f.date(r.from), rate: pct(r.moratoryPercent) }),
      );
      setEcb('');
      setSource('');
      q.reload();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setSaving(false);
    }
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
              <NumberInput
                label={t('letterSettings.rates.ecbInput')}
                value={ecb}
                onChange={setEcb}
                decimalScale={3}
                step={0.25}
                min={-5}
                max={50}
                decimalSeparator={f.language === 'it' ? ',' : '.'}
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
