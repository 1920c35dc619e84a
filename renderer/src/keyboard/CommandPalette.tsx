/**
 * The command palette (Ctrl+K / Cmd+K): jump to a customer by name, code or VAT number, to any
 * page, or run an action — typed, never hunted for in menus. Built on @mantine/spotlight (the
 * palette of the UI kit the app already uses: focus trap, keyboard navigation, accessible list).
 */
import { Badge, Group, Text, useMantineColorScheme } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createSpotlight, Spotlight } from '@mantine/spotlight';
import '@mantine/spotlight/styles.css';
import {
  IconFileImport,
  IconKeyboard,
  IconListCheck,
  IconMoon,
  IconPercentage,
  IconPlayerPlay,
  IconPrinter,
  IconSearch,
  IconShieldLock,
  IconTemplate,
  IconTimeline,
  IconUser,
} from '@tabler/icons-react';
import { type ComponentType, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../api/context.tsx';
import { useApiQuery } from '../api/hooks.ts';
import { notifyError, notifySuccess } from '../components/notify.tsx';
import { useFormat } from '../format.ts';
import { runSummary } from '../pages/worklist/RunNowButton.tsx';
import { SECTIONS } from '../shell/sections.ts';
import { useLedger } from '../state/ledger.tsx';
import { useSession } from '../state/session.tsx';
import { matchesQuery } from './paletteModel.ts';

export const [paletteStore, palette] = createSpotlight();

interface Entry {
  id: string;
  label: string;
  description?: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  run: () => void;
}

/** Opens the palette's first result (the best match): customers first, then pages and actions. */
function openFirstResult(): void {
  document.querySelector<HTMLElement>('[data-palette-list] [data-action]')?.click();
}

/** Opens the result chosen with the arrow keys (the library marks it `data-selected`). */
function openChosenResult(): void {
  document.querySelector<HTMLElement>('[data-palette-list] [data-selected]')?.click();
}

export function CommandPalette({ onHelp }: { onHelp: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const ledger = useLedger();
  const navigate = useNavigate();
  const { canCall } = useSession();
  const { toggleColorScheme } = useMantineColorScheme();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 150);
  const searching = debounced.length >= 2;
  const customers = useApiQuery(
    'customers.list',
    { search: debounced, limit: 8, onlyOpen: false, sort: 'name' },
    { enabled: searching, watchLedger: false },
  );

  const go = (path: string) => () => navigate(path);
  const pages: Entry[] = [
    ...SECTIONS.map((s) => ({
      id: `page-${s.key}`,
      label: t(`nav.${s.key}`),
      description: `Alt+${s.shortcut}`,
      icon: s.icon,
      run: go(s.path),
    })),
    { id: 'page-setup', label: t('palette.pages.setup'), icon: IconListCheck, run: go('/setup') },
    { id: 'page-audit', label: t('palette.pages.audit'), icon: IconTimeline, run: go('/settings/audit') },
    {
      id: 'page-privacy',
      label: t('palette.pages.privacy'),
      icon: IconShieldLock,
      run: go('/settings/privacy'),
    },
  ];

  const runDunning = async () => {
    try {
      const counts = await api.call('dunning.run', { dryRun: false });
      notifySuccess(t('worklist.run.done', { date: f.date(counts.today) }), runSummary(t, f, counts));
      ledger.changed();
    } catch (err) {
      notifyError(t, err);
    }
  };
  const actions: Entry[] = [
    ...(canCall('dunning.run')
      ? [
          {
            id: 'act-run',
            label: t('palette.actions.run'),
            icon: IconPlayerPlay,
            run: () => void runDunning(),
          },
        ]
      : []),
    { id: 'act-import', label: t('palette.actions.import'), icon: IconFileImport, run: go('/imports') },
    { id: 'act-print', label: t('palette.actions.print'), icon: IconPrinter, run: go('/letters?tab=letter') },
    ...(canCall('templates.save')
      ? [
          {
            id: 'act-templates',
            label: t('palette.actions.templates'),
            icon: IconTemplate,
            run: go('/letters?tab=templates'),
          },
        ]
      : []),
    { id: 'act-rate', label: t('palette.actions.rate'), icon: IconPercentage, run: go('/setup?step=rate') },
    { id: 'act-theme', label: t('palette.actions.theme'), icon: IconMoon, run: toggleColorScheme },
    { id: 'act-help', label: t('palette.actions.help'), description: '?', icon: IconKeyboard, run: onHelp },
  ];

  const q = query.trim();
  // Results answer the query typed (not an earlier, debounced part of it): Enter pressed before
  // they do waits for them, so a fast typist opens the customer typed, not a namesake listed first.
  // A response is kept only for the search it was asked for (useApiQuery drops stale ones), so the
  // search in force when new data lands is the one it answers.
  const [answeredFor, setAnsweredFor] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new data is the trigger; `debounced` is what it answers.
  useEffect(() => {
    if (customers.data) setAnsweredFor(debounced);
  }, [customers.data]);
  const fresh = q.length < 2 || (answeredFor === q && !customers.loading);
  const pendingEnter = useRef(false);
  const chose = useRef(false);
  useEffect(() => {
    if (!pendingEnter.current || !fresh) return;
    pendingEnter.current = false;
    openFirstResult();
  }, [fresh]);
  const shownPages = pages.filter((p) => matchesQuery(q, p.label));
  const shownActions = actions.filter((a) => matchesQuery(q, a.label));
  const rows = searching ? (customers.data?.rows ?? []) : [];

  const item = (e: Entry) => (
    <Spotlight.Action key={e.id} onClick={e.run} data-testid={`palette-${e.id}`}>
      <Group wrap="nowrap" gap="sm" w="100%">
        <e.icon size={18} stroke={1.6} />
        <Text size="sm" style={{ flex: 1 }}>
          {e.label}
        </Text>
        {e.description ? (
          <Text size="xs" c="dimmed">
            {e.description}
          </Text>
        ) : null}
      </Group>
    </Spotlight.Action>
  );

  return (
    <Spotlight.Root
      store={paletteStore}
      query={query}
      onQueryChange={(value) => {
        pendingEnter.current = false;
        chose.current = false;
        setQuery(value);
      }}
      shortcut={null}
      scrollable
      maxHeight={460}
      onSpotlightClose={() => {
        pendingEnter.current = false;
        chose.current = false;
        setQuery('');
      }}
      attributes={{ content: { 'aria-label': t('palette.label') } }}
    >
      <Spotlight.Search
        placeholder={t('palette.placeholder')}
        leftSection={<IconSearch size={18} stroke={1.6} />}
        aria-label={t('palette.label')}
        onKeyDownCapture={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') chose.current = true;
          if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
          // Enter is decided here, before the library's own handler: that one clicks the row it
          // marked first when the last key was typed, which is a namesake (or gone) once the
          // results for the whole name arrive. A row chosen with the arrows opens as chosen.
          e.preventDefault();
          e.stopPropagation();
          if (chose.current) openChosenResult();
          else if (fresh) openFirstResult();
          else pendingEnter.current = true;
        }}
      />
      <Spotlight.ActionsList aria-label={t('palette.results')} data-palette-list>
        {rows.length > 0 ? (
          <Spotlight.ActionsGroup label={t('palette.customers')}>
            {rows.map((c) => (
              <Spotlight.Action
                key={`c-${c.code}`}
                onClick={() => navigate(`/customers/${encodeURIComponent(c.code)}`)}
                data-testid={`palette-customer-${c.code}`}
              >
                <Group wrap="nowrap" gap="sm" w="100%">
                  <IconUser size={18} stroke={1.6} />
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" truncate="end">
                      {c.name}
                    </Text>
                    <Text size="xs" c="dimmed" className="num">
                      {c.code}
                      {c.vat ? ` · ${t('palette.vat')} ${c.vat}` : ''}
                    </Text>
                  </div>
                  {c.overdueCents > 0 ? (
                    <Badge color="red" variant="light" className="num">
                      {f.money(c.overdueCents)}
                    </Badge>
                  ) : null}
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        ) : null}
        {shownPages.length > 0 ? (
          <Spotlight.ActionsGroup label={t('palette.pagesGroup')}>
            {shownPages.map(item)}
          </Spotlight.ActionsGroup>
        ) : null}
        {shownActions.length > 0 ? (
          <Spotlight.ActionsGroup label={t('palette.actionsGroup')}>
            {shownActions.map(item)}
          </Spotlight.ActionsGroup>
        ) : null}
        {rows.length === 0 && shownPages.length === 0 && shownActions.length === 0 ? (
          <Spotlight.Empty>
            {searching && customers.loading ? t('palette.searching') : t('palette.nothing')}
          </Spotlight.Empty>
        ) : null}
      </Spotlight.ActionsList>
      <Text size="xs" c="dimmed" px="md" py={6} className="palette-footer">
        {t('palette.hint')}
      </Text>
    </Spotlight.Root>
  );
}
