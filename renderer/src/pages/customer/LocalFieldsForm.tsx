import {
  Alert,
  Button,
  Divider,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { useSession } from '../../state/session.tsx';
import {
  changes,
  type FieldError,
  initialForm,
  type LocalField,
  type LocalForm,
  validate,
} from './localFields.ts';
import { MoneyInput } from './MoneyInput.tsx';
import type { ProfileCustomer } from './types.ts';
import { issueOn, useProfileAction } from './useProfileAction.ts';

const BANDS = ['A', 'B', 'C', 'D', 'E'] as const;

/** The fields kept in Incasso: editable with errors shown by field; band, credit limit, collector and key account by a manager. */
export function LocalFieldsForm({ customer }: { customer: ProfileCustomer }) {
  const { t } = useTranslation();
  const { user, canCall } = useSession();
  const act = useProfileAction();
  const canEdit = canCall('customers.update');
  const manager = user.role === 'manager' || user.role === 'admin';
  const users = useApiQuery('users.list', {}, { watchLedger: false });
  const [form, setForm] = useState<LocalForm>(() => initialForm(customer));
  const [shown, setShown] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<LocalField>>(new Set());
  const touch = (field: LocalField) => setTouched((s) => (s.has(field) ? s : new Set([...s, field])));
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  // A reload of the profile (after saving, or another change) starts from the stored values.
  useEffect(() => {
    setForm(initialForm(customer));
    setShown(false);
    setTouched(new Set());
    setServerError(null);
  }, [customer]);

  const errors = validate(form, customer);
  const input = changes(form, customer, manager);
  const dirty = Object.keys(input).length > 1;
  const set = <K extends keyof LocalForm>(key: K, value: LocalForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const errorOf = (field: LocalField): string | undefined => {
    const e: FieldError | undefined = errors[field];
    if (e && (shown || touched.has(field))) return t(`customer.master.errors.${e}`);
    return issueOn(serverError, field);
  };

  const collectors = useMemo(() => {
    const list = (users.data ?? []).filter(
      (u) => u.active && (u.role === 'clerk' || u.role === 'manager' || u.id === customer.collectorId),
    );
    return [
      { value: '', label: t('customer.master.noCollector') },
      ...list.map((u) => ({ value: String(u.id), label: `${u.name} · ${t(`roles.${u.role}`)}` })),
    ];
  }, [users.data, customer.collectorId, t]);

  const save = async () => {
    setShown(true);
    if (Object.keys(errors).length > 0 || !dirty) return;
    setSaving(true);
    const r = await act('customers.update', input, t('customer.master.saved'));
    setSaving(false);
    if (!r.ok) setServerError(r.error);
  };

  return (
    <Paper p="md" h="100%">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        aria-label={t('customer.master.localTitle')}
      >
        <Stack gap="sm">
          <div>
            <Title order={2} size="h4" mb={2}>
              {t('customer.master.localTitle')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('customer.master.localHint')}
            </Text>
          </div>
          {!canEdit ? (
            <Alert color="gray" variant="light" icon={<IconLock size={16} />} py={6}>
              {t('customer.master.readOnlyRole', { role: t(`roles.${user.role}`) })}
            </Alert>
          ) : null}
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
            <TextInput
              label={t('customer.master.dunningContactName')}
              description={t('customer.master.dunningContactHint')}
              value={form.dunningContactName}
              onChange={(e) => set('dunningContactName', e.currentTarget.value)}
              error={errorOf('dunningContactName')}
              onBlur={() => touch('dunningContactName')}
              disabled={!canEdit}
              maxLength={120}
            />
            <TextInput
              label={t('customer.master.dunningContactEmail')}
              description={t('customer.master.dunningEmailHint')}
              type="email"
              value={form.dunningContactEmail}
              onChange={(e) => set('dunningContactEmail', e.currentTarget.value)}
              error={errorOf('dunningContactEmail')}
              onBlur={() => touch('dunningContactEmail')}
              disabled={!canEdit}
            />
            <TextInput
              label={t('customer.master.pec')}
              type="email"
              value={form.pec}
              onChange={(e) => set('pec', e.currentTarget.value)}
              error={errorOf('pec')}
              onBlur={() => touch('pec')}
              disabled={!canEdit}
            />
            <TextInput
              label={t('customer.master.phone2')}
              type="tel"
              value={form.phone2}
              onChange={(e) => set('phone2', e.currentTarget.value)}
              error={errorOf('phone2')}
              onBlur={() => touch('phone2')}
              disabled={!canEdit}
            />
            <Select
              label={t('customer.master.language')}
              description={t('customer.master.languageHint')}
              data={[
                { value: 'it', label: 'Italiano' },
                { value: 'en', label: 'English' },
              ]}
              value={form.language}
              onChange={(v) => {
                if (v === 'it' || v === 'en') set('language', v);
              }}
              disabled={!canEdit}
            />
          </SimpleGrid>
          <Textarea
            label={t('customer.master.notes')}
            value={form.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={errorOf('notes')}
            onBlur={() => touch('notes')}
            disabled={!canEdit}
            autosize
            minRows={2}
            maxRows={6}
          />
          <Divider
            label={
              <Group gap={4}>
                {!manager ? <IconLock size={12} /> : null}
                {t('customer.master.managerFields')}
              </Group>
            }
            labelPosition="left"
          />
          {!manager ? (
            <Text size="xs" c="dimmed">
              {t('customer.master.managerOnly')}
            </Text>
          ) : null}
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
            <Select
              label={t('customer.master.band')}
              description={t('customer.master.bandHint', { band: customer.effectiveBand })}
              data={[
                { value: '', label: t('customer.master.bandNone') },
                ...BANDS.map((b) => ({ value: b, label: t('customer.band', { band: b }) })),
              ]}
              value={form.band ?? ''}
              onChange={(v) => set('band', v ? (v as LocalForm['band']) : null)}
              disabled={!manager}
            />
            <MoneyInput
              label={t('customer.master.creditLimit')}
              description={t('customer.master.creditLimitHint')}
              value={form.creditLimitCents}
              onChange={(cents, valid) =>
                setForm((f) => ({ ...f, creditLimitCents: cents, creditLimitInvalid: !valid }))
              }
              onBlur={() => touch('creditLimitCents')}
              error={errorOf('creditLimitCents')}
              disabled={!manager}
            />
            {form.band !== customer.band ? (
              <TextInput
                label={t('customer.master.bandReason')}
                description={t('customer.master.bandReasonHint')}
                value={form.bandReason}
                onChange={(e) => set('bandReason', e.currentTarget.value)}
                error={errorOf('bandReason')}
                onBlur={() => touch('bandReason')}
                required
                maxLength={500}
                style={{ gridColumn: '1 / -1' }}
              />
            ) : null}
            <Select
              label={t('customer.master.collector')}
              data={collectors}
              value={form.collectorId === null ? '' : String(form.collectorId)}
              onChange={(v) => set('collectorId', v ? Number(v) : null)}
              disabled={!manager}
              searchable
            />
            <Switch
              label={t('customer.master.keyAccount')}
              description={t('customer.master.keyAccountHint')}
              checked={form.keyAccount}
              onChange={(e) => set('keyAccount', e.currentTarget.checked)}
              disabled={!manager}
              mt={24}
            />
          </SimpleGrid>
          {canEdit ? (
            <Group justify="flex-end" gap="xs">
              <Button
                variant="default"
                disabled={!dirty}
                onClick={() => {
                  setForm(initialForm(customer));
                  setShown(false);
                  setServerError(null);
                }}
              >
                {t('customer.master.reset')}
              </Button>
              <Button type="submit" loading={saving} disabled={!dirty}>
                {t('common.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
