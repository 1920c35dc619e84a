/**
 * The import flow: choose a file → detection (format, sheet, header row, mapping) → preview
 * (a long job with progress and cancel) → apply (confirming mass closures) → done.
 * Nothing is written to the ledger before Apply.
 */
import { useCallback, useState } from 'react';
import type {
  ImportField,
  ImportMapping,
  MethodInput,
  MethodOutput,
} from '../../../../shared/api/contract.ts';
import { type ApiError, newJobId } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { toApiError } from '../../api/hooks.ts';
import { fileToBase64 } from '../../components/files.ts';
import type { OtherKindFile } from './KindImportPanel.tsx';

export type Detection = MethodOutput<'imports.stage'>;
export type Preview = MethodOutput<'imports.preview'>;
export type ImportResult = MethodOutput<'imports.apply'>;
export type ImportMode = 'snapshot' | 'incremental';

/**
 * Fields an import cannot do without (residual or amount: one of the two). The customer name is optional:
 * codes-only exports (SAP FBL5N, Business Central) import, the code showing until the name is known.
 */
export const REQUIRED_FIELDS: readonly ImportField[] = ['customerCode', 'documentNumber', 'dueDate'];

/**
 * @param nameIsCode the recognised layout has no customer code and the name stands for it (Mexal, DocEasy).
 */
export function missingRequired(mapping: ImportMapping, nameIsCode = false): ImportField[] {
  const missing = REQUIRED_FIELDS.filter(
    (f) => !mapping[f] && !(f === 'customerCode' && nameIsCode && mapping.customerName),
  );
  if (!mapping.residual && !mapping.amount) missing.push('residual');
  return missing;
}

export interface ImportOptions {
  sheet: string;
  headerRow: number;
  mapping: ImportMapping;
  asOf: string;
  mode: ImportMode;
}

/** `other`: the file is customer master data or e-invoices, imported by KindImportPanel. */
export type Step = 'choose' | 'staging' | 'detected' | 'previewing' | 'previewed' | 'applying' | 'other';

export interface ImportFlow {
  step: Step;
  fileName: string | null;
  detection: Detection | null;
  options: ImportOptions | null;
  /** True when the user picked another sheet or header row: the backend detects the mapping again. */
  layoutChanged: boolean;
  preview: Preview | null;
  /** The last failure of stage/preview/apply (with the file's row/column issues, if any). */
  failure: ApiError | null;
  job: string | null;
  /** A master-data or e-invoice file (step `other`). */
  other: OtherKindFile | null;
  /** Browser mode: bytes of the chosen file sent so far while it streams to the backend. */
  upload: { sent: number; total: number } | null;
  choose: (file: File) => Promise<void>;
  setOptions: (patch: Partial<ImportOptions>) => void;
  /** Runs the preview job; resolves to how it ended. */
  runPreview: () => Promise<'done' | 'cancelled' | 'failed'>;
  cancel: () => Promise<void>;
  /** Applies the previewed file; resolves to the result, or null when it did not happen. */
  apply: (confirmClosures: boolean) => Promise<ImportResult | null>;
  backToDetection: () => void;
  reset: () => void;
}

export function useImportFlow(today: string): ImportFlow {
  const api = useApi();
  const [step, setStep] = useState<Step>('choose');
  const [fileName, setFileName] = useState<string | null>(null);
  const [detection, setDetection] = useState<Detection | null>(null);
  const [options, setOptionsState] = useState<ImportOptions | null>(null);
  const [layoutChanged, setLayoutChanged] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [job, setJob] = useState<string | null>(null);
  const [other, setOther] = useState<OtherKindFile | null>(null);
  const [upload, setUpload] = useState<{ sent: number; total: number } | null>(null);

  const reset = useCallback(() => {
    setStep('choose');
    setFileName(null);
    setDetection(null);
    setOptionsState(null);
    setLayoutChanged(false);
    setPreview(null);
    setFailure(null);
    setJob(null);
    setOther(null);
    setUpload(null);
  }, []);

  const choose = useCallback(
    async (file: File) => {
      reset();
      setFileName(file.name);
      setStep('staging');
      try {
        // E-invoices and customer master data have their own import: told apart by the backend.
        const asOther = (k: MethodOutput<'imports.identify'>) => {
          if (k.kind === 'open-items') return false;
          setOther({ fileId: k.fileId, fileName: k.fileName, kind: k.kind });
          setStep('other');
          return true;
        };
        const otherKind = async (input: MethodInput<'imports.identify'>) =>
          asOther(await api.call('imports.identify', input));
        let d: Detection;
        if (api.upload) {
          // Browser mode: the file streams to the backend as it is (a 1M-row export included),
          // with progress; it is identified on arrival and detected by its id.
          setUpload({ sent: 0, total: file.size });
          const k = await api.upload(file, (sent, total) => setUpload({ sent, total }));
          setUpload(null);
          if (asOther(k)) return;
          d = await api.call('imports.stage', { fileId: k.fileId });
        } else {
          const dataBase64 = await fileToBase64(file);
          if (/\.(xml|p7m|zip)$/i.test(file.name) && (await otherKind({ fileName: file.name, dataBase64 })))
            return;
          try {
            d = await api.call('imports.stage', { fileName: file.name, dataBase64 });
          } catch (err) {
            if (
              toApiError(err).code === 'VALIDATION' &&
              (await otherKind({ fileName: file.name, dataBase64 }))
            )
              return;
            throw err;
          }
        }
        if (d.missing.length > 0 && (await otherKind({ fileId: d.fileId }))) return;
        setDetection(d);
        setOptionsState({
          sheet: d.sheet,
          headerRow: d.headerRow,
          mapping: { ...d.mapping },
          asOf: d.asOf ?? today,
          mode: 'snapshot',
        });
        setStep('detected');
      } catch (err) {
        setUpload(null);
        setFailure(toApiError(err));
        setStep('choose');
      }
    },
    [api, reset, today],
  );

  const setOptions = useCallback(
    (patch: Partial<ImportOptions>) => {
      setOptionsState((o) => {
        if (!o) return o;
        const next = { ...o, ...patch };
        if (detection && (patch.sheet !== undefined || patch.headerRow !== undefined)) {
          setLayoutChanged(next.sheet !== detection.sheet || next.headerRow !== detection.headerRow);
        }
        return next;
      });
      setPreview(null);
      setFailure(null);
    },
    [detection],
  );

  const input = useCallback(
    (confirmClosures: boolean): MethodInput<'imports.preview'> | null => {
      if (!detection || !options) return null;
      return {
        fileId: detection.fileId,
        asOf: options.asOf,
        mode: options.mode,
        // CSV files have no sheets: the detection names none.
        ...(options.sheet ? { sheet: options.sheet } : {}),
        headerRow: options.headerRow,
        ...(layoutChanged ? {} : { mapping: options.mapping }),
        confirmClosures,
      };
    },
    [detection, options, layoutChanged],
  );

  const runPreview = useCallback(async (): Promise<'done' | 'cancelled' | 'failed'> => {
    const body = input(false);
    if (!body) return 'failed';
    const id = newJobId();
    setJob(id);
    setFailure(null);
    setPreview(null);
    setStep('previewing');
    try {
      const p = await api.call('imports.preview', body, { job: id });
      setPreview(p);
      setStep('previewed');
      return 'done';
    } catch (err) {
      const e = toApiError(err);
      setStep('detected');
      if (e.code === 'CANCELLED') return 'cancelled';
      setFailure(e);
      return 'failed';
    } finally {
      setJob(null);
    }
  }, [api, input]);

  const cancel = useCallback(async () => {
    if (job) await api.call('jobs.cancel', { job }).catch(() => undefined);
  }, [api, job]);

  const apply = useCallback(
    async (confirmClosures: boolean): Promise<ImportResult | null> => {
      const body = input(confirmClosures);
      if (!body) return null;
      const id = newJobId();
      setJob(id);
      setFailure(null);
      setStep('applying');
      try {
        const result = await api.call('imports.apply', body, { job: id });
        reset();
        return result;
      } catch (err) {
        setStep('previewed');
        throw toApiError(err);
      } finally {
        setJob(null);
      }
    },
    [api, input, reset],
  );

  const backToDetection = useCallback(() => {
    setPreview(null);
    setFailure(null);
    setStep('detected');
  }, []);

  return {
    step,
    fileName,
    detection,
    options,
    layoutChanged,
    preview,
    failure,
    job,
    other,
    upload,
    choose,
    setOptions,
    runPreview,
    cancel,
    apply,
    backToDetection,
    reset,
  };
}
