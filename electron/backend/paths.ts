/**
 * Where the ledger lives by default: the per-user data folder Electron's `app.getPath('userData')`
 * gives for this app (productName "Incasso"), computed here without Electron so the CLI and
 * browser mode open the same file as the desktop app. `INCASSO_DB` overrides.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Incasso';

export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.INCASSO_DB ?? path.join(userDataDir(env), 'incasso.db');
}

/** Folder beside the ledger for its files (staged imports, attachments, letters). */
export function dataDirFor(dbPath: string): string {
  const parsed = path.parse(dbPath);
  return path.join(parsed.dir, `${parsed.name}-files`);
}

/** The demo company's own ledger, beside the user's (`incasso.db` → `incasso-demo.db`). */
export function demoDbPathFor(dbPath: string): string {
  const parsed = path.parse(dbPath);
  return path.join(parsed.dir, `${parsed.name}-demo${parsed.ext || '.db'}`);
}
