/**
 * Confinement and policy: patches that try to leave the workspace are refused with a clear
 * reason and write nothing; .git needs approval; the sandbox keeps commands inside the workspace.
 */
import { mkdir, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithBwrap } from '../helpers/bwrap';
import { useHarness } from '../helpers/harness';
import { outsideDir, readOrNull, runTurn, useFakes, world } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

const patchCall = (id: string, path: string) => ({
  outputs: [
    {
      type: 'custom_tool_call' as const,
      name: 'apply_patch',
      input: `*** Begin Patch\n*** Add File: ${path}\n+escaped\n*** End Patch\n`,
      callId: id,
    },
  ],
});

describe('confinement', () => {
  it('refuses patches that leave the workspace, whatever the route, and writes nothing', async () => {
    const outside = await h.tempDir('tandem-outside-');
    const cwd = await h.tempDir('tandem-ws-');
    // A sibling folder whose name starts with the workspace's, and a link inside that leads out.
    const sibling = `${cwd}-sibling`;
    await mkdir(sibling, { recursive: true });
    await symlink(outside, join(cwd, 'link-out'));
    const attempts = [
      '../escape.txt',
      join(outside, 'abs.txt'),
      `../${basename(sibling)}/x.txt`,
      'link-out/through-link.txt',
      'a/../../up.txt',
    ];
    const script = [
      ...attempts.map((p, i) => patchCall(`call_${i}`, p)),
      { outputs: [{ type: 'message' as const, text: 'gave up' }] },
    ];
    const fake2 = await fakeModel(script);
    const w2 = await world(h, fake2, { approvalPolicy: 'never', sandbox: 'workspace-write', cwd });
    const { completed } = await runTurn(w2, 'escape');
    expect((completed.params as { turn: { status: string } }).turn.status).toBe('completed');
    for (let i = 1; i <= attempts.length; i++) {
      expect(JSON.stringify(fake2.modelCalls[i]?.body)).toMatch(/outside the workspace/);
    }
    expect(await readOrNull(join(dirname(cwd), 'escape.txt'))).toBeNull();
    expect(await readOrNull(join(outside, 'abs.txt'))).toBeNull();
    expect(await readOrNull(join(sibling, 'x.txt'))).toBeNull();
    expect(await readOrNull(join(outside, 'through-link.txt'))).toBeNull();
  });

  it('asks before writing inside .git, even when other writes need no approval', async () => {
    const fake = await fakeModel([
      patchCall('call_git', '.git/hooks/pre-commit'),
      patchCall('call_ok', 'src/ok.txt'),
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(
      h,
      fake,
      { approvalPolicy: 'on-request', sandbox: 'workspace-write' },
      { files: { '.git/HEAD': 'ref: refs/heads/main\n' } },
    );
    const asked: string[] = [];
    w.client.onServerRequest = (method) => {
      asked.push(method);
      return { decision: 'decline' };
    };
    await runTurn(w, 'hooks');
    expect(asked).toEqual(['item/fileChange/requestApproval']);
    expect(await readOrNull(join(w.cwd, '.git/hooks/pre-commit'))).toBeNull();
    expect(await readOrNull(join(w.cwd, 'src/ok.txt'))).toBe('escaped\n');
  });

  it('reports a patch that does not apply to the model, and changes nothing', async () => {
    const bad = `*** Begin Patch\n*** Add File: new.txt\n+fresh\n*** Update File: hello.txt\n@@\n-no such line\n+x\n*** End Patch\n`;
    const fake = await fakeModel([
      { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: bad, callId: 'call_bad' }] },
      { outputs: [{ type: 'message', text: 'sorry' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'never' }, { files: { 'hello.txt': 'hello\n' } });
    await runTurn(w, 'patch');
    expect(JSON.stringify(fake.modelCalls[1]?.body)).toMatch(/apply_patch verification failed/);
    expect(await readOrNull(join(w.cwd, 'new.txt'))).toBeNull();
    expect(await readOrNull(join(w.cwd, 'hello.txt'))).toBe('hello\n');
  });
});

describeWithBwrap('the command sandbox (bubblewrap)', () => {
  it('lets commands write in the workspace but not outside it, and cuts the network', async () => {
    const outside = await outsideDir();
    const cmd = `echo in > inside.txt; echo out > ${join(outside, 'outside.txt')}; echo done`;
    const fake = await fakeModel([
      { outputs: [{ type: 'function_call', name: 'exec_command', arguments: { cmd }, callId: 'call_sbx' }] },
      { outputs: [{ type: 'message', text: 'ok' }] },
    ]);
    const w = await world(h, fake, { approvalPolicy: 'never', sandbox: 'workspace-write' });
    await runTurn(w, 'write');
    expect(await readOrNull(join(w.cwd, 'inside.txt'))).toBe('in\n');
    expect(await readOrNull(join(outside, 'outside.txt'))).toBeNull();
    expect(JSON.stringify(fake.modelCalls[1]?.body)).toMatch(/Read-only file system/);
    await rm(outside, { recursive: true, force: true });
  });
});
