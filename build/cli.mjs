/**
 * `npm run cli -- <command> …`: the command line from its bundle (build/cli-bundle.mjs), rebuilt first
 * when a source is newer (~2 s, once after each change), so `npm run cli` always runs the code of the
 * checkout. INCASSO_CLI_FROM_SOURCE=1 runs the sources through tsx instead (as does a failed build, said
 * in one line).
 */
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildBundle, bundleIsFresh, ENTRY } from './cli-bundle.mjs';

async function bundled() {
  if (process.env.INCASSO_CLI_FROM_SOURCE === '1') return null;
  if (bundleIsFresh()) return BUNDLE;
  try {
    return await buildBundle();
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    process.stderr.write(`incasso: the CLI bundle could not be built (${reason}); running from source.\n`);
    return null;
  }
}

const bundle = await bundled();
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(ENTRY).href);
}
