import './customer.css';
import { Badge, Button, Skeleton, Stack, Tabs } from '@mantine/core';
import { IconUserQuestion } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { todayIn } from '../../../../shared/domain/dates.ts';
import { useApiQuery } from '../../api/hooks.ts';
import { EmptyPanel } from '../../components/EmptyPanel.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { ATTACH_ACCEPT } from './attachments.ts';
import { ContactDrawer } from './ContactDrawer.tsx';
import { DisputeModal } from './DisputeModal.tsx';
import { DisputesTab } from './DisputesTab.tsx';
import { DocumentsTab } from './DocumentsTab.tsx';
import { ItemsTab } from './ItemsTab.tsx';
import { LegalTab } from './LegalTab.tsx';
import { MasterDataTab } from './MasterDataTab.tsx';
import { OrderBlockModal } from './OrderBlockModal.tsx';
import { PlanModal } from './PlanModal.tsx';
import { PolicyOverride } from './PolicyOverride.tsx';
import { ProfileActions } from './ProfileActions.tsx';
import { ProfileFigures } from './ProfileFigures.tsx';
import { ProfileHeader } from './ProfileHeader.tsx';
import { PromiseModal } from './PromiseModal.tsx';
import { PromisesPlansTab } from './PromisesPlansTab.tsx';
import { RatingTab } from './RatingTab.tsx';
import { TimelineTab } from './TimelineTab.tsx';
import type { Profile, ProfileDialog } from './types.ts';
import { useAttach } from './useAttach.ts';

const TABS = ['items', 'timeline', 'promises', 'disputes', 'documents', 'rating', 'legal', 'master'] as const;
type Tab = (typeof TABS)[number];
const isTab = (v: string | null): v is Tab => TABS.some((t) => t === v);

function Count({ n, tone }: { n: number; tone?: string }) {
  if (n === 0) return null;
  return (
    <Badge size="xs" variant="light" color={tone ?? 'gray'} circle={n < 10}>
      {n}
    </Badge>
  );
}

/** The customer profile for the customer code in the route (`#/customers/:code`). */
export function CustomerPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const task = params.get('task');
  return <CustomerProfile code={code} taskId={task && /^\d+$/.test(task) ? Number(task) : null} />;
}

/** Everything about one customer and the collector's tools, in one page. */
export function CustomerProfile({ code, taskId = null }: { code: string; taskId?: number | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const profile = useApiQuery('customers.get', { code });
  const info = useApiQuery('system.info', {}, { watchLedger: false });
  const today = info.data?.today ?? todayIn(new Date());
  const p = profile.data?.customer.code === code ? profile.data : undefined;

  if (profile.error && !p) {
    if (profile.error.code === 'NOT_FOUND') {
      return (
        <div className="page">
          <EmptyPanel
            icon={<IconUserQuestion size={26} stroke={1.5} />}
            title={t('customer.notFoundTitle', { code })}
            description={t('customer.notFoundText')}
            actions={<Button onClick={() => navigate('/customers')}>{t('customer.backToList')}</Button>}
          />
        </div>
      );
    }
    return (
      <div className="page">
        <ErrorState error={profile.error} onRetry={profile.reload} />
      </div>
    );
  }
  if (!p) {
    return (
      <div className="page" aria-busy>
        <Stack gap="sm">
          <Skeleton h={28} w={360} />
          <Skeleton h={18} w={520} />
          <Skeleton h={70} />
          <Skeleton h={320} />
        </Stack>
      </div>
    );
  }
  return <Loaded key={p.customer.code} profile={p} today={today} taskId={taskId} />;
}

function Loaded({ profile, today, taskId }: { profile: Profile; today: string; taskId: number | null }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'items';
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState<ProfileDialog | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const code = profile.customer.code;
  const { attach, busy } = useAttach(code);

  // Items that closed or left the ledger drop out of the selection.
  useEffect(() => {
    setSelected((s) => {
      const ids = new Set(profile.items.map((i) => i.id));
      const next = new Set([...s].filter((id) => ids.has(id)));
      return next.size === s.size ? s : next;
    });
  }, [profile.items]);

  const setTab = (next: string | null) => {
    if (!isTab(next)) return;
    const p = new URLSearchParams(params);
    if (next === 'items') p.delete('tab');
    else p.set('tab', next);
    setParams(p, { replace: true });
  };
  const close = () => setDialog(null);
  const openDisputes = profile.disputes.filter((d) => d.status === 'open').length;
  const activePlans = profile.plans.filter((x) => x.status === 'active').length;
  const openPromises = profile.promises.filter((x) => x.status === 'open').length;
  // The legal tab: a dossier exists, the case is in collection or something is overdue.
  const overdue = profile.items.some((i) => i.residualCents > 0 && i.daysLate > 0);
  const dossier = useApiQuery('legal.find', { code }, { enabled: !profile.openCase && !overdue });
  const showLegal = profile.openCase !== null || overdue || (dossier.data ?? null) !== null;
  const invoices = profile.items.filter(
    (i) => i.documentType !== 'credit_note' && i.residualCents >= 0,
  ).length;

  return (
    <div className="page customer-page">
      <ProfileHeader
        profile={profile}
        actions={
          <ProfileActions
            orderBlocked={profile.customer.orderBlocked}
            enabled={dialog === null}
            busyAttach={busy}
            onOpen={setDialog}
            onAttach={() => fileRef.current?.click()}
          />
        }
      />
      <input
        ref={fileRef}
        type="file"
        accept={ATTACH_ACCEPT}
        className="visually-hidden"
        aria-label={t('customer.documents.chooseFile')}
        tabIndex={-1}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void attach(file);
        }}
      />
      <ProfileFigures profile={profile} />
      <Tabs value={tab} onChange={setTab} mt="md" keepMounted={false} className="profile-tabs">
        <Tabs.List>
          <Tabs.Tab value="items" rightSection={<Count n={invoices} />}>
            {t('customer.tabs.items')}
          </Tabs.Tab>
          <Tabs.Tab value="timeline" rightSection={<Count n={profile.timeline.length} />}>
            {t('customer.tabs.timeline')}
          </Tabs.Tab>
          <Tabs.Tab value="promises" rightSection={<Count n={openPromises + activePlans} tone="accent" />}>
            {t('customer.tabs.promises')}
          </Tabs.Tab>
          <Tabs.Tab value="disputes" rightSection={<Count n={openDisputes} tone="paused" />}>
            {t('customer.tabs.disputes')}
          </Tabs.Tab>
          <Tabs.Tab value="documents" rightSection={<Count n={profile.attachments.length} />}>
            {t('customer.tabs.documents')}
          </Tabs.Tab>
          <Tabs.Tab value="rating">{t('rating.tab')}</Tabs.Tab>
          {showLegal ? <Tabs.Tab value="legal">{t('legal.tab')}</Tabs.Tab> : null}
          <Tabs.Tab value="master">{t('customer.tabs.master')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="items" pt="md">
          <ItemsTab
            items={profile.items}
            asOf={today}
            selected={selected}
            onSelect={setSelected}
            onDispute={() => setDialog('dispute')}
            onPlan={() => setDialog('plan')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <TimelineTab entries={profile.timeline} />
        </Tabs.Panel>
        <Tabs.Panel value="promises" pt="md">
          <PromisesPlansTab
            promises={profile.promises}
            plans={profile.plans}
            today={today}
            onPromise={() => setDialog('promise')}
            onPlan={() => setDialog('plan')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="disputes" pt="md">
          <DisputesTab disputes={profile.disputes} today={today} onDispute={() => setDialog('dispute')} />
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="md">
          <DocumentsTab
            attachments={profile.attachments}
            onAttach={() => fileRef.current?.click()}
            busy={busy}
          />
        </Tabs.Panel>
        <Tabs.Panel value="rating" pt="md">
          <Stack gap="md">
            <RatingTab code={code} />
            <PolicyOverride
              key={profile.customer.policyOverride ?? ''}
              code={code}
              customer={profile.customer}
            />
          </Stack>
        </Tabs.Panel>
        {showLegal ? (
          <Tabs.Panel value="legal" pt="md">
            <LegalTab code={code} today={today} />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="master" pt="md">
          <MasterDataTab customer={profile.customer} />
        </Tabs.Panel>
      </Tabs>
      <ContactDrawer
        opened={dialog === 'contact'}
        onClose={close}
        profile={profile}
        today={today}
        preselected={selected}
        taskId={taskId}
      />
      <PromiseModal opened={dialog === 'promise'} onClose={close} code={code} today={today} />
      <DisputeModal
        opened={dialog === 'dispute'}
        onClose={close}
        code={code}
        items={profile.items}
        preselected={selected}
        onDone={() => setSelected(new Set())}
      />
      <PlanModal
        opened={dialog === 'plan'}
        onClose={close}
        code={code}
        items={profile.items}
        preselected={selected}
        today={today}
        onDone={() => setSelected(new Set())}
      />
      <OrderBlockModal opened={dialog === 'block'} onClose={close} customer={profile.customer} />
    </div>
  );
}
