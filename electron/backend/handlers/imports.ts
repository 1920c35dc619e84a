import { AppError } from '../../../shared/api/errors.ts';
import type { AreaHandlers } from './types.ts';

// Filled by the Import issue (#3).
const notYet = (): never => {
  throw new AppError('INTERNAL', 'Import is not available yet.');
};

export const importsHandlers: AreaHandlers<'imports'> = {
  'imports.stage': notYet,
  'imports.preview': notYet,
  'imports.apply': notYet,
  'imports.list': () => [],
  'imports.undo': notYet,
  'imports.profiles.list': () => [],
  'imports.profiles.save': notYet,
};
