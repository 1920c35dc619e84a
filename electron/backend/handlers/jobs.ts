import type { AreaHandlers } from './types.ts';

export const jobsHandlers: AreaHandlers<'jobs'> = {
  'jobs.cancel': (input, { app }) => {
    const controller = app.jobs.get(input.job);
    controller?.abort();
    return { cancelled: controller !== undefined };
  },
};
