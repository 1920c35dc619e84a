/**
 * electron-builder configuration (`npm run dist`). Packaging downloads Electron and the
 * installers' tools, so it cannot run on an offline machine; test/unit/electron-builder-config.test.ts
 * checks this file against electron-builder's own schema and the hardening it must keep.
 *
 * The app ships as: build/electron (main.cjs, preload.cjs, migrations/, native/), renderer/dist,
 * package.json. db/migrations is not listed: build:electron copies it to build/electron/migrations,
 * which is the folder main.ts hands to the migrator, so one copy ships, the one that is used.
 *
 * @type {import('electron-builder').Configuration}
 */
module.exports = {
  appId: 'it.incasso.app',
  productName: 'Incasso',
  copyright: 'Copyright © Incasso',
  directories: {
    output: 'dist',
    // Not "build" (the default): electron-builder leaves the resources folder out of the app, and
    // build/electron is the app.
    buildResources: 'build/resources',
  },
  files: ['build/electron/**/*', 'renderer/dist/**/*', 'package.json', '!**/*.map'],
  asar: true,
  // A native module cannot be loaded from inside the archive.
  asarUnpack: ['build/electron/native/**'],
  // The Electron build of better-sqlite3 is prepared apart (build:electron --native) and loaded
  // through `nativeBinding`; electron-builder's in-place rebuild would overwrite the Node build that
  // tests, CLI and browser mode use (DESIGN.md, "Native module").
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  // The official security checklist, item 19: the fuses of build/fuses.cjs, flipped after packing.
  afterPack: 'build/after-pack.cjs',
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    executableName: 'incasso',
    maintainer: 'Incasso <incasso@users.noreply.github.com>',
    synopsis: 'Credit control for the in-house credit office',
  },
  deb: {
    // The packaged app needs nothing beyond what Electron itself needs.
    priority: 'optional',
  },
  win: {
    target: ['nsis'],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    // The ledger is the user's business data: an uninstall never deletes it.
    deleteAppDataOnUninstall: false,
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
    hardenedRuntime: true,
  },
  dmg: {
    title: 'Incasso',
  },
};
