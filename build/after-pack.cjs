/**
 * electron-builder afterPack hook: flips the fuses of build/fuses.cjs into the packed Electron
 * binary before it is signed and wrapped into an installer.
 */
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');
const fuses = require('./fuses.cjs');

const OPTION = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
};

/** The fuse wire for build/fuses.cjs, in @electron/fuses' terms (exported for the config test). */
function fuseWire() {
  const wire = { version: FuseVersion.V1 };
  for (const [name, value] of Object.entries(fuses)) {
    const option = OPTION[name];
    if (option === undefined) throw new Error(`build/fuses.cjs: unknown fuse ${name}`);
    wire[option] = value;
  }
  return wire;
}

function executablePath(context) {
  const { electronPlatformName, appOutDir, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${name}.app`);
  }
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  await flipFuses(executablePath(context), {
    ...fuseWire(),
    // macOS: the binary is re-signed ad hoc after flipping, then signed for real by the packager.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin',
  });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseWire = fuseWire;
