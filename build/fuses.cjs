/**
 * The Electron fuses of the security checklist, item 19
 * (https://www.electronjs.org/docs/latest/tutorial/fuses), flipped into the packaged binary by
 * build/after-pack.cjs.
 *
 * Why a hook and not electron-builder's `electronFuses` option: that option arrived in
 * electron-builder 26, whose packaging toolchain (@electron/rebuild 4, node-abi 4) requires
 * Node >= 22.12, while the project runs on Node 20 (package.json `engines`). electron-builder 25.1.8
 * with @electron/fuses 1.8 is the newest pair that installs and runs on Node 20.
 */
module.exports = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node.
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  // The app is served from app://incasso/, never file://.
  grantFileProtocolExtraPrivileges: false,
  loadBrowserProcessSpecificV8Snapshot: false,
};
