/**
 * Policies: each policy as a timeline of steps, edited in place, with the dry run beside it.
 * Managers edit, save (the server validates; a problem shows next to its field), export and
 * import the set as JSON; everyone else reads.
 */
import {
  Alert,
  Button,
  FileButton,
  Grid,
  Group,
  List,
  Modal,
  Skeleton,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconDeviceFloppy,
  IconDownload,
  IconPlus,
  IconUpload,
} from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Band, PolicySet } from '../../../../shared/domain/dunning/policy.ts';
import type { ApiError } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError, useApiQuery } from '../../api/hooks.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { saveFile } from '../../components/files.ts';
import { notifyError, notifySuccess } from '../../components/notify.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormat } from '../../format.ts';
import { useSession } from '../../state/session.tsx';
import { type DryRun, DryRunPanel } from './DryRunPanel.tsx';
import { PolicyCard } from './PolicyCard.tsx';
import {
  check,
  countSteps,
  fieldPaths,
  fromSet,
  fromUnknown,
  newPolicy,
  type PolicyDraft,
  serverErrors,
  toSet,
} from './policyDraft.ts';

interface Imported {
  file: string;
  set: PolicySet;
  dryRun: DryRun;
}

/** After a failed save or import, bring the first highlighted field into view. */
function scrollToFirstError(): void {
  setTimeout(() => {
    const el = document.querySelector(
      '.policy-card [aria-invalid="true"], .policy-card .mantine-InputWrapper-error, .policy-card [role="alert"]',
    );
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, 50);
}

export function PoliciesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const api = useApi();
  const { canCall } = useSession();
  const canEdit = canCall('policies.save');
  const canSimulate = canCall('policies.dryRun');
  const loaded = useApiQuery('policies.get', {}, { watchLedger: false });
  const info = useApiQuery('system.info', {}, { watchLedger: false });

  const [saved, setSaved] = useState<PolicySet | null>(null);
  const [draft, setDraft] = useState<PolicyDraft[]>([]);
  const [server, setServer] = useState<{ forJson: string; errors: Map<string, string> } | null>(null);
  const [saving, setSaving] = useState(false);
  const [dry, setDry] = useState<{
    result: DryRun | null;
    forJson: string;
    loading: boolean;
    error: ApiError | null;
  }>({ result: null, forJson: '', loading: false, error: null });
  const [imported, setImported] = useState<Imported | null>(null);
  const [importing, setImporting] = useState(false);
  const resetFile = useRef<() => void>(null);

  useEffect(() => {
    if (loaded.data && saved === null) {
      setSaved(loaded.data);
      setDraft(fromSet(loaded.data));
    }
  }, [loaded.data, saved]);

  const json = useMemo(() => JSON.stringify(toSet(draft)), [draft]);
  const savedJson = useMemo(() => (saved ? JSON.stringify(toSet(fromSet(saved))) : ''), [saved]);
  const dirty = saved !== null && json !== savedJson;
  const checked = useMemo(() => check(t, toSet(draft)), [t, draft]);
  const clientErrors = checked.errors;
  const errors = useMemo(() => {
    const all = new Map(clientErrors);
    if (server && server.forJson === json) for (const [k, v] of server.errors) if (!all.has(k)) all.set(k, v);
    return all;
  }, [clientErrors, server, json]);
  const known = useMemo(() => fieldPaths(draft), [draft]);
  const general = [...errors].filter(([path]) => !known.has(path));

  const changePolicy = useCallback(
    (index: number, next: PolicyDraft) =>
      setDraft((d) =>
        d.map((q, k) => {
          if (k === index) return next;
          // One default policy: switching one on switches the others off.
          return next.isDefault && !d[index]?.isDefault ? { ...q, isDefault: false } : q;
        }),
      ),
    [],
  );
  const removePolicy = useCallback((index: number) => setDraft((d) => d.filter((_q, k) => k !== index)), []);

  const bandOwners = useCallback(
    (index: number) => {
      const owners = new Map<Band, string>();
      draft.forEach((p, i) => {
        if (i !== index) for (const b of p.bands) if (!owners.has(b)) owners.set(b, p.name || '—');
      });
      return owners;
    },
    [draft],
  );

  const runDry = useCallback(
    async (set: PolicySet, forJson: string) => {
      setDry((d) => ({ ...d, loading: true, error: null }));
      try {
        const result = await api.call('policies.dryRun', set);
        setDry({ result, forJson, loading: false, error: null });
      } catch (err) {
        setDry((d) => ({ ...d, loading: false, error: toApiError(err) }));
      }
    },
    [api],
  );

  // The first simulation, of the saved set, as soon as it is loaded.
  const firstRun = useRef(false);
  useEffect(() => {
    if (!saved || !canSimulate || firstRun.current) return;
    firstRun.current = true;
    void runDry(saved, savedJson);
  }, [saved, savedJson, canSimulate, runDry]);

  const save = async () => {
    if (!canEdit || saving) return;
    if (!checked.set) {
      scrollToFirstError();
      notifyError(
        t,
        new Error(t('policies.fixErrors', { count: clientErrors.size, total: f.number(clientErrors.size) })),
        t('policies.notSaved'),
      );
      return;
    }
    setSaving(true);
    try {
      const result = await api.call('policies.save', checked.set);
      const resultJson = JSON.stringify(toSet(fromSet(result)));
      setSaved(result);
      // The editor keeps its state (and focus) when the server saved exactly what it shows.
      if (resultJson !== json) setDraft(fromSet(result));
      setServer(null);
      notifySuccess(t('policies.saved'), t('policies.savedText'));
      if (canSimulate) void runDry(result, resultJson);
    } catch (err) {
      const error = toApiError(err);
      if (error.code === 'VALIDATION' && error.issues.length > 0) {
        setServer({ forJson: json, errors: serverErrors(t, error.issues) });
        scrollToFirstError();
        notifyError(
          t,
          new Error(
            t('policies.fixErrors', { count: error.issues.length, total: f.number(error.issues.length) }),
          ),
          t('policies.notSaved'),
        );
      } else notifyError(t, error);
    } finally {
      setSaving(false);
    }
  };

  useHotkeys([['mod+s', () => void save()]], []);

  const exportJson = () => {
    if (!saved) return;
    const today = info.data?.today ?? new Date().toISOString().slice(0, 10);
    saveFile(
      new Blob([`${JSON.stringify(saved, null, 2)}\n`], { type: 'application/json' }),
      `politiche-sollecito-${today}.json`,
    );
  };

  const importFile = async (file: File | null) => {
    resetFile.current?.();
    if (!file) return;
    setImporting(true);
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        notifyError(
          t,
          new Error(t('policies.import.notJson', { file: file.name })),
          t('policies.import.failed', { file: file.name }),
        );
        return;
      }
      // A file with mistakes opens in the editor with each problem next to its field.
      const showProblems = (count: number, errors: Map<string, string> | null) => {
        const loose = fromUnknown(parsed);
        if (loose && loose.length > 0) {
          setDraft(loose);
          if (errors) setServer({ forJson: JSON.stringify(toSet(loose)), errors });
        }
        scrollToFirstError();
        notifyError(
          t,
          new Error(t('policies.import.invalidText', { count, total: f.number(count) })),
          t('policies.import.invalid', { file: file.name }),
        );
      };
      const local = check(t, parsed);
      if (!local.set) {
        showProblems(local.errors.size, null);
        return;
      }
      try {
        // The server validates (and simulates) the set before anything is saved.
        const dryRun = await api.call('policies.dryRun', local.set);
        setImported({ file: file.name, set: local.set, dryRun });
      } catch (err) {
        const error = toApiError(err);
        if (error.code === 'VALIDATION' && error.issues.length > 0)
          showProblems(error.issues.length, serverErrors(t, error.issues));
        else notifyError(t, error, t('policies.import.failed', { file: file.name }));
      }
    } finally {
      setImporting(false);
    }
  };

  const confirmImport = async () => {
    if (!imported) return;
    setSaving(true);
    try {
      const result = await api.call('policies.save', imported.set);
      setSaved(result);
      setDraft(fromSet(result));
      setServer(null);
      setDry({
        result: imported.dryRun,
        forJson: JSON.stringify(toSet(fromSet(result))),
        loading: false,
        error: null,
      });
      notifySuccess(t('policies.import.done', { file: imported.file }), t('policies.savedText'));
      setImported(null);
    } catch (err) {
      notifyError(t, err);
    } finally {
      setSaving(false);
    }
  };

  const actions = (
    <>
      {canEdit ? (
        <FileButton
          onChange={(file) => void importFile(file)}
          accept="application/json,.json"
          resetRef={resetFile}
        >
          {(props) => (
            <Button {...props} variant="default" leftSection={<IconUpload size={16} />} loading={importing}>
              {t('policies.import.action')}
            </Button>
          )}
        </FileButton>
      ) : null}
      <Tooltip label={t('policies.exportTip')} multiline w={260}>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          onClick={exportJson}
          disabled={!saved}
        >
          {t('policies.export')}
        </Button>
      </Tooltip>
      {canEdit && dirty ? (
        <Button
          variant="default"
          leftSection={<IconArrowBackUp size={16} />}
          onClick={() => {
            if (saved) setDraft(fromSet(saved));
            setServer(null);
          }}
        >
          {t('policies.discard')}
        </Button>
      ) : null}
      {canEdit ? (
        <Tooltip label={`${t('policies.saveTip')} (Ctrl+S)`}>
          <Button
            leftSection={<IconDeviceFloppy size={16} />}
            onClick={() => void save()}
            loading={saving}
            disabled={!dirty}
          >
            {t('common.save')}
          </Button>
        </Tooltip>
      ) : null}
    </>
  );

  return (
    <div className="page">
      <PageHeader title={t('nav.policies')} description={t('policies.subtitle')} actions={actions} />
      {loaded.error && !loaded.data ? <ErrorState error={loaded.error} onRetry={loaded.reload} /> : null}
      {!saved && !loaded.error ? <Skeleton h={400} /> : null}
      {saved ? (
        <Grid gap="md" align="flex-start">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="md">
              {!canEdit ? (
                <Alert color="gray" variant="light">
                  <Text size="sm">{t('policies.readOnly')}</Text>
                </Alert>
              ) : null}
              {dirty ? (
                <Text size="sm" c="orange.8" fw={500} aria-live="polite">
                  {t('policies.unsaved')}
                </Text>
              ) : null}
              {general.length > 0 ? (
                <Alert
                  color="red"
                  variant="light"
                  icon={<IconAlertTriangle size={18} />}
                  title={t('policies.problems')}
                >
                  <List size="sm" spacing={2}>
                    {general.map(([path, message]) => (
                      <List.Item key={path}>{message}</List.Item>
                    ))}
                  </List>
                </Alert>
              ) : null}
              {draft.map((p, i) => (
                <PolicyCard
                  key={p.uid}
                  policy={p}
                  index={i}
                  errors={errors}
                  readOnly={!canEdit}
                  bandOwners={bandOwners(i)}
                  canRemove={draft.length > 1}
                  onChange={changePolicy}
                  onRemove={removePolicy}
                />
              ))}
              {canEdit ? (
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} />}
                  onClick={() => setDraft((d) => [...d, newPolicy(d)])}
                  w="fit-content"
                >
                  {t('policies.add')}
                </Button>
              ) : null}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }} className="dryrun-col">
            {canSimulate ? (
              <DryRunPanel
                result={dry.result}
                loading={dry.loading}
                error={dry.error}
                stale={dry.result !== null && dry.forJson !== json}
                invalid={checked.set === null}
                onRun={() => {
                  if (checked.set) void runDry(checked.set, json);
                }}
              />
            ) : null}
          </Grid.Col>
        </Grid>
      ) : null}
      <Modal
        opened={imported !== null}
        onClose={() => setImported(null)}
        title={imported ? t('policies.import.confirmTitle', { file: imported.file }) : ''}
        size="md"
      >
        {imported ? (
          <Stack gap="sm">
            <Text size="sm">
              {t('policies.import.confirmText', {
                policies: f.number(imported.set.policies.length),
                steps: f.number(countSteps(imported.set)),
                count: imported.dryRun.counts.tasksCreated,
                tasks: f.number(imported.dryRun.counts.tasksCreated),
              })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('policies.import.confirmHint')}
            </Text>
            {dirty ? (
              <Text size="sm" c="orange.8">
                {t('policies.import.dropsDraft')}
              </Text>
            ) : null}
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={() => setImported(null)} data-autofocus>
                {t('common.cancel')}
              </Button>
              <Button
                onClick={() => void confirmImport()}
                loading={saving}
                leftSection={<IconUpload size={16} />}
              >
                {t('policies.import.confirmAction')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </div>
  );
}
