/** Error codes every transport returns in `{ ok: false, error: { code, message, details } }`. */
export const ERROR_CODES = [
  'VALIDATION', // input does not match the contract, or a file has invalid rows
  'UNAUTHENTICATED', // no or unknown current user / token
  'FORBIDDEN', // the caller's role may not call the method
  'NOT_FOUND',
  'CONFLICT', // the ledger's state does not allow it (e.g. undo of a batch that is not the latest)
  'CONFIRMATION_REQUIRED', // a dangerous change waits for an explicit confirmation
  'CANCELLED',
  'RATE_LIMITED', // too many wrong passwords: wait (details.retryAfterSeconds)
  'UNKNOWN_METHOD',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorIssue {
  path?: string;
  row?: number;
  column?: string;
  value?: string;
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: { issues?: ErrorIssue[]; [key: string]: unknown };
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

/** Thrown by handlers and services; the dispatcher maps it to the error envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiErrorBody['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
