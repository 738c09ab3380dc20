/**
 * What a sandboxed command can do to the machine and to the repository, through the BUILT CLI with
 * real bubblewrap: children that `setsid` away must not outlive their command (in any mode, ended
 * or interrupted, or the server killed), runaway commands are stopped by resource limits, and nested
 * repositories (`.git` folders and `.git` files pointing elsewhere) stay read-only.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processGroup } from '../../main/tools/process-cgroup';
import { describeWithBwrap, itWithBwrap } from '../helpers/bwrap';
import { cliTurn, done, execCall, patchCall } from '../helpers/cli-turns';
import { useHarness } from '../helpers/harness';
import { homeWith, MODES, probeTurn, survivors } from '../helpers/sandbox-probes';
import { readOrNull, useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
const NODE = process.execPath;
/** Why no process limit can be set here (root without a writable pids cgroup), or null. */
const NO_PROCESS_LIMIT: string | null = (() => {
  if (process.getuid?.() !== 0) return null;
  const group = processGroup(64);
  group?.release();
  return group
    ? null
    : 'skipped: running as root without a writable pids cgroup, where the kernel applies no process limit';
})();
/** A sleep whose argument no other process on the machine has. */
const uniqueSleep = (): string => `${900_000 + Math.floor(Math.random() * 99_999)}`;

describeWithBwrap('sandboxed processes (built CLI, bubblewrap)', () => {
  itWithBwrap(
    'a setsid or double-forked child does not outlive its command, in any mode',
    async () => {
      const cwd = await h.tempDir('tandem-ws-');
      for (const mode of MODES) {
        const a = uniqueSleep();
        const b = uniqueSleep();
        const cmd = `setsid sleep ${a} & (setsid nohup sleep ${b} > /dev/null 2>&1 &) ; sleep 0.3; echo started`;
        const { out } = await probeTurn(h, fakeModel, cwd, mode, [cmd]);
        expect(out[cmd], mode).toContain('started');
        expect(await survivors(a), `${mode}: setsid sleep`).toEqual([]);
        expect(await survivors(b), `${mode}: setsid nohup sleep`).toEqual([]);
      }
    },
    60_000,
  );

  itWithBwrap(
    'an interrupted command leaves no setsid child behind, in any mode',
    async () => {
      const cwd = await h.tempDir('tandem-ws-');
      for (const mode of MODES) {
        const a = uniqueSleep();
        const b = uniqueSleep();
        const cmd = `setsid sleep ${a} & (setsid nohup sleep ${b} > /dev/null 2>&1 &) ; echo started; sleep 1000`;
        const fake = await fakeModel([execCall('c0', cmd), { outputs: [{ type: 'message', text: 'done' }] }]);
        const client = h.stdio({
          TANDEM_HOME: await h.tempDir('tandem-home-'),
          OPENAI_BASE_URL: fake.baseURL,
          OPENAI_API_KEY: 'sk-cli-test',
        });
        await client.initialize();
        const { thread } = await client.request('thread/start', { cwd, approvalPolicy: 'never', sandbox: mode });
        const { turn } = await client.request('turn/start', {
          threadId: thread.id,
          input: [{ type: 'text', text: 'go' }],
        });
        await client.waitFor(
          (m) => m.method === 'item/commandExecution/outputDelta' && JSON.stringify(m.params).includes('started'),
          30_000,
        );
        await client.request('turn/interrupt', { threadId: thread.id, turnId: turn.id });
        await client.waitFor((m) => m.method === 'turn/completed', 30_000);
        expect(await survivors(a), `${mode}: setsid sleep`).toEqual([]);
        expect(await survivors(b), `${mode}: setsid nohup sleep`).toEqual([]);
      }
    },
    60_000,
  );

  itWithBwrap(
    'nothing a command started outlives the server, in any mode, when the server is killed',
    async () => {
      const cwd = await h.tempDir('tandem-ws-');
      for (const mode of MODES) {
        const a = uniqueSleep();
        const b = uniqueSleep();
        const cmd = `setsid sleep ${a} & sleep ${b} & echo started; wait`;
        const fake = await fakeModel([execCall('c0', cmd)]);
        const client = h.stdio({
          TANDEM_HOME: await h.tempDir('tandem-home-'),
          OPENAI_BASE_URL: fake.baseURL,
          OPENAI_API_KEY: 'sk-cli-test',
        });
        await client.initialize();
        const { thread } = await client.request('thread/start', { cwd, approvalPolicy: 'never', sandbox: mode });
        await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
        await client.waitFor(
          (m) => m.method === 'item/commandExecution/outputDelta' && JSON.stringify(m.params).includes('started'),
          30_000,
        );
        client.child.kill('SIGKILL');
        expect(await survivors(a), `${mode}: setsid sleep`).toEqual([]);
        expect(await survivors(b), `${mode}: sleep`).toEqual([]);
      }
    },
    60_000,
  );

  itWithBwrap(
    'the empty stand-ins for missing .git/.codex/… a killed server left are gone after the next command there',
    async () => {
      const cwd = await h.tempDir('tandem-ws-');
      const fake = await fakeModel([execCall('c0', 'echo started; sleep 1000')]);
      const client = h.stdio({
        TANDEM_HOME: await h.tempDir('tandem-home-'),
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: 'sk-cli-test',
      });
      await client.initialize();
      const { thread } = await client.request('thread/start', {
        cwd,
        approvalPolicy: 'never',
        sandbox: 'workspace-write',
      });
      await client.request('turn/start', { threadId: thread.id, input: [{ type: 'text', text: 'go' }] });
      await client.waitFor(
        (m) => m.method === 'item/commandExecution/outputDelta' && JSON.stringify(m.params).includes('started'),
        30_000,
      );
      client.child.kill('SIGKILL');
      expect(existsSync(join(cwd, '.codex')), 'left by the killed server').toBe(true);
      await mkdir(join(cwd, '.claude/kept'), { recursive: true }); // the user's meanwhile: stays
      const { out } = await probeTurn(h, fakeModel, cwd, 'workspace-write', ['echo again']);
      expect(out['echo again']).toBe('again\n');
      for (const d of ['.git', '.codex', '.agents', '.tandem', '.cursor'])
        expect(existsSync(join(cwd, d)), d).toBe(false);
      expect(existsSync(join(cwd, '.claude/kept'))).toBe(true);
    },
    60_000,
  );

  // As root the kernel ignores RLIMIT_NPROC: the limit is a pids cgroup, where one can be made.
  const bombIt = NO_PROCESS_LIMIT
    ? (name: string, fn: () => Promise<void>) => it.skip(`${name} (${NO_PROCESS_LIMIT})`, fn)
    : itWithBwrap;
  bombIt(
    'a fork bomb is stopped by the process limit',
    async () => {
      const cwd = await h.tempDir('tandem-ws-');
      const home = await homeWith(h, { commandLimits: { processes: 64 } });
      // A bounded bomb: 300 processes at once (harmless without limits, stopped well before with them).
      const bomb =
        `${NODE} -e 'const {spawn}=require("child_process");let ok=0,fail=0;const end=()=>{if(ok+fail===300){console.log("ok",ok,"fail",fail);process.exit(0)}};` +
        `for(let i=0;i<300;i++){const c=spawn("sleep",["30"],{stdio:"ignore"});c.on("spawn",()=>{ok++;end()});c.on("error",()=>{fail++;end()})}'`;
      for (const mode of ['read-only', 'workspace-write'] as const) {
        const { out } = await probeTurn(h, fakeModel, cwd, mode, [bomb], { TANDEM_HOME: home });
        const [, ok = '999', fail = '0'] = /ok (\d+) fail (\d+)/.exec(out[bomb] ?? '') ?? [];
        expect(Number(ok), `${mode}: processes started`).toBeLessThan(64);
        expect(Number(fail), mode).toBeGreaterThan(0);
      }
    },
    60_000,
  );

  itWithBwrap(
    'resource limits stop a huge file, a memory hog and a spinning loop; default limits are always set',
    async () => {
      const cwd = await h.tempDir('tandem-ws-');
      const home = await homeWith(h, { commandLimits: { fileSizeMb: 1, memoryMb: 256, cpuSeconds: 1 } });
      const big = 'head -c 3000000 /dev/zero > big.bin; echo "rc=$?"';
      const hog = `${NODE} -e 'Buffer.alloc(600e6).fill(1); console.log("ALLOCATED")'`;
      const spin = 'timeout 10 bash -c "while :; do :; done"; echo "rc=$?"'; // 124: timeout had to stop it
      for (const mode of ['read-only', 'workspace-write'] as const) {
        const { out } = await probeTurn(h, fakeModel, cwd, mode, [big, hog, spin], { TANDEM_HOME: home });
        expect(out[hog], mode).toMatch(/allocation failed|out of memory/i);
        expect(out[hog], mode).not.toContain('ALLOCATED');
        expect(out[spin], mode).toMatch(/rc=\d+/);
        expect(out[spin], mode).not.toContain('rc=124');
        if (mode === 'workspace-write') {
          expect(out[big]).not.toContain('rc=0');
          expect(statSync(join(cwd, 'big.bin')).size).toBeLessThanOrEqual(1024 * 1024);
        }
      }
      // Without settings, generous limits are still there (a runaway cannot take the machine).
      const show = 'ulimit -u; ulimit -f; ulimit -d';
      const { out } = await probeTurn(h, fakeModel, cwd, 'workspace-write', [show]);
      const values = (out[show] ?? '').trim().split('\n');
      expect(values).toHaveLength(3);
      for (const v of values) expect(v).toMatch(/^\d+$/);
    },
    60_000,
  );

  itWithBwrap(
    'nested repositories stay read-only: .git folders, .git files, the gitdirs they point to, bare repositories',
    async () => {
      const cwd = await h.tempDir('tandem-ws-');
      await mkdir(join(cwd, 'nested/.git'), { recursive: true }); // a repository inside the workspace
      await writeFile(join(cwd, 'nested/.git/config'), '[core]\n');
      await mkdir(join(cwd, '.git/modules/sub'), { recursive: true }); // a submodule's git folder
      await mkdir(join(cwd, 'sub'));
      await writeFile(join(cwd, 'sub/.git'), 'gitdir: ../.git/modules/sub\n');
      await mkdir(join(cwd, 'store/wt-gitdir'), { recursive: true }); // a gitdir in an ordinary folder
      await mkdir(join(cwd, 'wt'));
      await writeFile(join(cwd, 'wt/.git'), `gitdir: ${join(cwd, 'store/wt-gitdir')}\n`);
      for (const d of ['lib/vendored.git/objects', 'lib/vendored.git/refs'])
        await mkdir(join(cwd, d), { recursive: true }); // a bare repository
      await writeFile(join(cwd, 'lib/vendored.git/HEAD'), 'ref: refs/heads/main\n');
      const writes = [
        'echo "[core] hooksPath = /tmp" > lib/vendored.git/config',
        'echo "[core] fsmonitor = evil" >> nested/.git/config',
        'echo "gitdir: /tmp/evil" > sub/.git',
        'echo x > .git/modules/sub/config',
        'echo "gitdir: /tmp/evil" > wt/.git',
        'echo "[core] hooksPath = /tmp" > store/wt-gitdir/config',
        'mkdir store/wt-gitdir/hooks',
      ];
      const ok = 'echo fine > store/plain.txt';
      const { out } = await probeTurn(h, fakeModel, cwd, 'workspace-write', [...writes, ok]);
      for (const w of writes) expect(out[w], w).toMatch(/Read-only file system/);
      expect(await readOrNull(join(cwd, 'nested/.git/config'))).toBe('[core]\n');
      expect(await readOrNull(join(cwd, 'sub/.git'))).toBe('gitdir: ../.git/modules/sub\n');
      expect(await readOrNull(join(cwd, 'wt/.git'))).toBe(`gitdir: ${join(cwd, 'store/wt-gitdir')}\n`);
      expect(await readOrNull(join(cwd, 'store/wt-gitdir/config'))).toBeNull();
      expect(existsSync(join(cwd, 'store/wt-gitdir/hooks'))).toBe(false);
      expect(await readOrNull(join(cwd, 'store/plain.txt'))).toBe('fine\n');
    },
    60_000,
  );
});

describe('nested repositories and apply_patch (built CLI)', () => {
  it('apply_patch into the git folder a .git file points to asks, like .git itself, and a decline writes nothing', async () => {
    const cwd = await h.tempDir('tandem-ws-');
    for (const d of [
      'store/wt-gitdir/objects',
      'store/wt-gitdir/refs',
      'wt',
      'store/bare.git/objects',
      'store/bare.git/refs',
      'src',
    ])
      await mkdir(join(cwd, d), { recursive: true });
    await writeFile(join(cwd, 'store/wt-gitdir/HEAD'), 'ref: refs/heads/main\n');
    await writeFile(join(cwd, 'store/bare.git/HEAD'), 'ref: refs/heads/main\n');
    await writeFile(join(cwd, 'wt/.git'), `gitdir: ${join(cwd, 'store/wt-gitdir')}\n`);
    const add = (path: string): string => `*** Begin Patch\n*** Add File: ${path}\n+#!/bin/sh\n*** End Patch\n`;
    const targets = ['store/wt-gitdir/hooks/post-checkout', 'store/bare.git/config', 'wt/.git'];
    const fake = await fakeModel([
      ...targets.map((t, i) => patchCall(`p${i}`, add(t))),
      patchCall('ok', add('src/ok.sh')),
      done,
    ]);
    const turn = await cliTurn(h, fake, cwd, { approvalPolicy: 'on-request', sandbox: 'workspace-write' }, (_m, p) =>
      p.itemId === 'ok' ? 'accept' : 'decline',
    );
    expect(turn.asked.map((a) => a.params.itemId)).toEqual(['p0', 'p1', 'p2']);
    for (const a of turn.asked) expect(a.params.reason).toMatch(/agent configuration/);
    expect(await readOrNull(join(cwd, 'store/wt-gitdir/hooks/post-checkout'))).toBeNull();
    expect(await readOrNull(join(cwd, 'store/bare.git/config'))).toBeNull();
    expect(await readOrNull(join(cwd, 'src/ok.sh'))).toBe('#!/bin/sh\n');
  }, 60_000);
});
