/**
 * The packaging configuration cannot be exercised here (electron-builder downloads Electron), so
 * check it against electron-builder's own schema and pin the hardening it must keep.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../build/build-electron.ts';

const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  directories: { buildResources: string; output: string };
  afterPack: string;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
}

const config = require('../../build/electron-builder.config.cjs') as BuilderConfig;

describe('build/electron-builder.config.cjs', () => {
  it('names the app', () => {
    expect(config.appId).toBe('it.incasso.app');
    expect(config.productName).toBe('Incasso');
  });

  it('sets the Electron fuses of the security checklist, flipped by the afterPack hook', () => {
    expect(config.afterPack).toBe('build/after-pack.cjs');
    const fuses = require('../../build/fuses.cjs') as Record<string, boolean>;
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('turns every fuse into an @electron/fuses option (a misspelt fuse fails the build)', () => {
    const { fuseWire } = require('../../build/after-pack.cjs') as { fuseWire: () => Record<string, unknown> };
    const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number> };
    const wire = fuseWire();
    expect(wire[FuseV1Options.RunAsNode as number]).toBe(false);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar as number]).toBe(true);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation as number]).toBe(true);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges as number]).toBe(false);
  });

  it('packs the bundle and the renderer into an asar, with the native module outside it', () => {
    // onlyLoadAppFromAsar and asar integrity need the archive.
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(
      expect.arrayContaining(['build/electron/**/*', 'renderer/dist/**/*', 'package.json']),
    );
    expect(config.asarUnpack).toContain('build/electron/native/**');
    // electron-builder drops the build resources folder from the app: it must not be build/.
    expect(path.normalize(config.directories.buildResources)).not.toBe('build');
    // The in-place rebuild would overwrite the Node build of better-sqlite3.
    expect(config.npmRebuild).toBe(false);
  });

  it('targets AppImage and deb, NSIS, dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it("passes electron-builder's own configuration schema", async () => {
    // Not a direct dependency: reach the validator through electron-builder, which is.
    const fromBuilder = createRequire(require.resolve('electron-builder', { paths: [ROOT] }));
    const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (c: unknown, logger: { isEnabled: boolean; add: () => void }) => Promise<void>;
    };
    await expect(
      validateConfiguration(structuredClone(config), { isEnabled: false, add: () => {} }),
    ).resolves.toBeUndefined();
    await expect(
      validateConfiguration(
        { ...structuredClone(config), afterPak: 'build/after-pack.cjs' },
        {
          isEnabled: false,
          add: () => {},
        },
      ),
    ).rejects.toThrow(/afterPak/);
  });
});
