/**
 * What the process that starts the backend tells it about its build and its host, given once to
 * `createBackend` (app.ts, BackendOptions.config) and carried on the context (`ctx.config`) to the
 * services that need it. From source every default is right; the Electron shell (main.ts) names
 * its bundle's files and the OS keychain. Nothing here is a module-level setting a service reads
 * behind its caller's back.
 */

/** Files shipped with the app that letters and reports need. */
export interface LetterAssets {
  /** Folder with LiberationSans-{Regular,Bold,Italic,BoldItalic}.ttf. */
  fontsDir: string;
  /** The shipped rate table (from_date,to_date,ecb_rate_percent,moratory_rate_percent,source). */
  ratesCsv: string;
}

/** How a secret (a mail password) is encrypted at rest (services/settings/secrets.ts). */
export interface SecretCipher {
  /** Stored beside each secret, e.g. 'keyfile-aes-256-gcm' or 'electron-safestorage'. */
  readonly scheme: string;
  encrypt(plain: string): string;
  decrypt(data: string): string;
}

/**
 * The built worker files of a bundle (build/build-electron.ts), each its own esbuild entry. From
 * source a missing entry is right: the worker's `.ts` boots through tsx (services/common/workers.ts).
 */
export interface WorkerEntries {
  /** services/import/worker.ts: imports, master data and e-invoices. */
  import?: string;
  /** services/bank/worker.ts (without it a bundle imports statements in-process). */
  bank?: string;
  /** services/letters/render-worker.ts. */
  letters?: string;
  /** services/reports/render-worker.ts. */
  reports?: string;
}

export interface BackendConfig {
  workers: WorkerEntries;
  /** Where the fonts and the rate table are; from source, beside their modules and in db/seed/. */
  letterAssets: LetterAssets;
  /** The shell's cipher for secrets (the OS keychain); null: the key file beside the ledger. */
  secretCipher: SecretCipher | null;
  /**
   * `--demo`: on the demo company's own ledger, clients with no session are signed in as its
   * admin (services/auth/identity.ts enableDemoSignIn); a real ledger is never affected.
   */
  demoSignIn: boolean;
}
