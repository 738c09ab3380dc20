// The Electron fuses Tandem's packaged builds ship with: one list, read by the script that flips
// them (scripts/electron-fuses.mjs), its unit test and the _electron spec that reads them back.
// Fuses are bits in the Electron binary itself, so they hold whatever the command line or the
// environment says: no ELECTRON_RUN_AS_NODE turning the app into a plain Node, no NODE_OPTIONS
// or --inspect injecting code, and only the signed-off app.asar, checked against its hash.
import fuses from '@electron/fuses';

const { FuseV1Options, FuseVersion } = fuses;

/** Fuse name → the value it must have. Names are @electron/fuses' FuseV1Options keys. */
export const REQUIRED_FUSES = Object.freeze({
  /** ELECTRON_RUN_AS_NODE=1 would run any script with the app's identity (and its keychain entry). */
  RunAsNode: false,
  /** Cookies encrypted at rest with the OS keychain's key. */
  EnableCookieEncryption: true,
  /** NODE_OPTIONS (--require, --import) would load code into the main process. */
  EnableNodeOptionsEnvironmentVariable: false,
  /** --inspect and friends would open a debugger into the main process. */
  EnableNodeCliInspectArguments: false,
  /** The app.asar is checked against the hash stored in the binary's resources before it loads. */
  EnableEmbeddedAsarIntegrityValidation: true,
  /** The app loads only from app.asar, so a loose app/ folder beside it cannot replace it. */
  OnlyLoadAppFromAsar: true,
  /** The renderer is served from app://, so file:// keeps none of its old extra privileges. */
  GrantFileProtocolExtraPrivileges: false,
});

/** The config for @electron/fuses' flipFuses. */
export function fuseConfig(platform = process.platform, arch = process.arch) {
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64' };
  for (const [name, value] of Object.entries(REQUIRED_FUSES)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses has no fuse named ${name}`);
    config[index] = value;
  }
  return config;
}
