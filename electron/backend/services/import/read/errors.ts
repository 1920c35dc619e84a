import { AppError } from '../../../../../shared/api/errors.ts';

/** A file-level problem: one clear line naming the file, as the user and the CLI see it. */
export function fileError(fileName: string, message: string, details?: Record<string, unknown>): AppError {
  return new AppError('VALIDATION', `${fileName}: ${message}`, details);
}

export function cancelled(fileName: string): AppError {
  return new AppError('CANCELLED', `${fileName}: reading cancelled`);
}
