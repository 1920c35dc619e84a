/**
 * The late-payment rate of a half-year the shipped table lacks (D.Lgs. 231/2002: the ECB main
 * refinancing rate in force on 1 January / 1 July, plus 8 points). The app never guesses it: the
 * user reads it from the official sources named here and types it with its source.
 */
import { Anchor, Button, CopyButton, Group, List, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconCopy, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/hooks.ts';
import { useFormat } from '../../format.ts';
import { useLedger } from '../../state/ledger.tsx';
import { useSession } from '../../state/session.tsx';
import { EcbRateInput, usePercent, useRateDraft } from '../settings/letters/rateDraft.tsx';
import { halfYearParts } from './setupModel.ts';

/** Where the rate is published (../shared/domain/REFERENCE.md §1). */
export const RATE_SOURCES = [
  {
    key: 'gazzetta',
    url: 'https://www.gazzettaufficiale.it/',
  },
  {
    key: 'ecb',
    url: 'https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/html/index.en.html',
  },
] as const;

export function RateStep({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { canCall } = useSession();
  const q = useApiQuery('rates.list', {});
  const missing = q.data?.missing ?? [];
  const previous = q.data ? [...q.data.rates].sort((a, b) => b.from.localeCompare(a.from))[0] : undefined;
  const pct = usePercent();

  return (
    <Stack gap="sm">
      <Paper withBorder p="sm">
        <Text size="sm" fw={600} mb={4}>
          {t('setup.rate.whereTitle')}
        </Text>
        <List size="sm" spacing={6}>
          {RATE_SOURCES.map((s) => (
            <List.Item key={s.key}>
              <Text size="sm" span>
                {t(`setup.rate.sources.${s.key}`)}{' '}
              </Text>
              <Group gap={4} wrap="nowrap" mt={2}>
                <Anchor
                  href={s.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  size="xs"
                  className="wrap-anywhere"
                >
                  {s.url} <IconExternalLink size={11} />
                </Anchor>
                <CopyButton value={s.url}>
                  {({ copied, copy }) => (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconCopy size={12} />}
                      onClick={copy}
                      aria-label={t('setup.rate.copy', { what: t(`setup.rate.sourceNames.${s.key}`) })}
                    >
                      {copied ? t('setup.rate.copied') : t('setup.rate.copyShort')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </List.Item>
          ))}
        </List>
        <Text size="xs" c="dimmed" mt={6}>
          {t('setup.rate.rule')}
        </Text>
        {previous ? (
          <Text size="xs" c="dimmed" mt={4} data-testid="setup-rate-previous">
            {t('setup.rate.previousShort', {
              from: f.date(previous.from),
              to: f.date(previous.to),
              ecb: pct(previous.ecbPercent),
              moratory: pct(previous.moratoryPercent),
            })}
          </Text>
        ) : null}
      </Paper>
      {missing.length === 0 && q.data ? (
        <Text size="sm" c="teal.8">
          {t('setup.rate.none')}
        </Text>
      ) : null}
      {canCall('rates.add') ? (
        missing.map((from) => (
          <RateForm
            key={from}
            from={from}
            pct={pct}
            onSaved={() => {
              q.reload();
              onSaved();
            }}
          />
        ))
      ) : missing.length > 0 ? (
        <Text size="sm" c="dimmed">
          {t('setup.askManager')}
        </Text>
      ) : null}
    </Stack>
  );
}

function RateForm({ from, pct, onSaved }: { from: string; pct: (n: number) => string; onSaved: () => void }) {
  const { t } = useTranslation();
  const ledger = useLedger();
  const { ecb, setEcb, source, setSource, saving, add } = useRateDraft();
  const parts = halfYearParts(from);
  const label = parts ? t('setup.missing.rate', { half: parts.half, year: parts.year }) : from;

  const save = async () => {
    if (!parts) return;
    await add(parts.from, () => {
      ledger.changed();
      onSaved();
    });
  };

  return (
    <form
      aria-label={t('setup.rate.formLabel2', { period: label })}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Text size="sm" fw={600} w={200} mb={8}>
          {label}
        </Text>
        <EcbRateInput
          label={t('setup.rate.ecb')}
          value={ecb}
          onChange={setEcb}
          suffix=" %"
          w={150}
          data-testid="setup-rate-ecb"
        />
        <Text size="sm" c="dimmed" mb={8} className="num" w={150} aria-live="polite">
          {typeof ecb === 'number' ? t('setup.rate.moratory', { rate: pct(ecb + 8) }) : ' '}
        </Text>
        <TextInput
          label={t('setup.rate.source')}
          placeholder={t('setup.rate.sourcePlaceholder')}
          value={source}
          onChange={(e) => setSource(e.currentTarget.value)}
          maxLength={500}
          style={{ flex: 1, minWidth: 240 }}
        />
        <Button type="submit" loading={saving} disabled={typeof ecb !== 'number'}>
          {t('setup.rate.save')}
        </Button>
      </Group>
    </form>
  );
}
