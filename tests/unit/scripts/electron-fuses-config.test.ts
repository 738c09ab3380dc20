/**
 * The fuses packaged builds ship with: the list (scripts/electron-fuses-config.mjs) holds each
 * fuse the checklist needs at the right value, and `npm run package:fuses` really flips them —
 * run on a file laid out as Electron's fuse wire (the sentinel, version 1, the length, a byte per
 * fuse, in Electron's default states), then read back with @electron/fuses.
 */
import fuses from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REQUIRED_FUSES, fuseConfig, type FuseName } from '../../../scripts/electron-fuses-config.mjs';

const { FuseV1Options, getCurrentFuseWire } = fuses;
const ROOT = join(import.meta.dirname, '..', '..', '..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);

/** What the security checklist asks of a packaged build. */
const CHECKLIST: Record<FuseName, boolean> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
};
const REQUIRED_NAMES: FuseName[] = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
];

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A stand-in binary: random bytes around a fuse wire in Electron's unflipped defaults. */
async function fakeElectron(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'tandem-fuses-'));
  // RunAsNode on, cookies plain, NODE_OPTIONS and --inspect on, no asar checks, file:// privileged; a ninth fuse of a newer Electron.
  const states = '10110001' + '1';
  const wire = Buffer.concat([
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, states.length]),
    Buffer.from(states, 'latin1'),
  ]);
  const path = join(dir, 'electron');
  await writeFile(path, Buffer.concat([randomBytes(4096), wire, randomBytes(4096)]));
  return path;
}

function runScript(binary: string) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts', 'electron-fuses.mjs'), binary], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

describe('Electron fuses', () => {
  it('the list holds every fuse the checklist requires, each at its value', () => {
    for (const name of REQUIRED_NAMES) expect(REQUIRED_FUSES[name], name).toBe(CHECKLIST[name]);
    for (const [name, value] of Object.entries(REQUIRED_FUSES)) expect(value, name).toBe(CHECKLIST[name as FuseName]);
    const config = fuseConfig('linux', 'x64');
    for (const name of REQUIRED_NAMES) expect(config[FuseV1Options[name]], name).toBe(CHECKLIST[name]);
  });

  it('npm run package:fuses flips them on a binary, and they read back so', async () => {
    const binary = await fakeElectron();
    const before = await getCurrentFuseWire(binary);
    expect(before[FuseV1Options.RunAsNode]).toBe(ON);
    const run = runScript(binary);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const after = await getCurrentFuseWire(binary);
    for (const [name, value] of Object.entries(REQUIRED_FUSES))
      expect(after[FuseV1Options[name as FuseName]], name).toBe(value ? ON : OFF);
    // Fuses it has no opinion on keep their state.
    expect(after[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(OFF);
    expect(Reflect.get(after, 8)).toBe(ON);
  });

  it('fails, saying so, on a file that is not an Electron binary', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-fuses-'));
    const path = join(dir, 'not-electron');
    await writeFile(path, randomBytes(1024));
    const run = runScript(path);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/sentinel/);
  });
});
