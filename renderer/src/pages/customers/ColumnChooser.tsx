import { Button, Checkbox, Menu, Stack } from '@mantine/core';
import { IconColumns3 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { prefs } from '../../state/prefs.ts';
import { COLUMNS, type ColumnKey } from './CustomersTable.tsx';

const KEY = 'incasso.customers.hiddenColumns';

/** Until the user chooses: on a narrow window (1366 px laptops) the VAT column makes room for names. */
function defaultHidden(): string {
  return typeof window !== 'undefined' && window.innerWidth < 1500 ? '["vat"]' : '[]';
}

export function storedHiddenColumns(): Set<ColumnKey> {
  try {
    const raw = JSON.parse(prefs.getItem(KEY) ?? defaultHidden()) as unknown;
    const keys = new Set<string>(COLUMNS.filter((c) => !c.fixed).map((c) => c.key));
    return new Set(Array.isArray(raw) ? raw.filter((k): k is ColumnKey => keys.has(String(k))) : []);
  } catch {
    return new Set();
  }
}

export function rememberHiddenColumns(hidden: ReadonlySet<ColumnKey>): void {
  try {
    prefs.setItem(KEY, JSON.stringify([...hidden]));
  } catch {
    // Not remembered: fine.
  }
}

/** Which optional columns the table shows; the choice is remembered on this computer. */
export function ColumnChooser({
  hidden,
  onChange,
}: {
  hidden: ReadonlySet<ColumnKey>;
  onChange: (hidden: Set<ColumnKey>) => void;
}) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" closeOnItemClick={false} withinPortal>
      <Menu.Target>
        <Button variant="default" size="sm" leftSection={<IconColumns3 size={16} stroke={1.6} />}>
          {t('customers.columnsMenu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('customers.columnsShown')}</Menu.Label>
        <Stack gap={6} px="sm" py={4}>
          {COLUMNS.map((c) => (
            <Checkbox
              key={c.key}
              size="xs"
              label={t(`customers.columns.${c.key}`)}
              checked={c.fixed || !hidden.has(c.key)}
              disabled={c.fixed}
              onChange={(e) => {
                const next = new Set(hidden);
                if (e.currentTarget.checked) next.delete(c.key);
                else next.add(c.key);
                onChange(next);
              }}
            />
          ))}
        </Stack>
      </Menu.Dropdown>
    </Menu>
  );
}
