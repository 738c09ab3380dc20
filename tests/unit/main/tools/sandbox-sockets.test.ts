import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { boundSocketPaths, socketsToMask } from '../../../../main/tools/sandbox-sockets';

const open: Server[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => new Promise((r) => s.close(r))));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function listen(path: string): Promise<void> {
  const s = createServer();
  open.push(s);
  await new Promise<void>((resolve) => s.listen(path, resolve));
}

describe.runIf(process.platform === 'linux')('bound Unix sockets', () => {
  it('lists every bound socket path, spaces included, and masks the ones outside the writable roots', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tandem sock '));
    dirs.push(dir);
    const outside = join(dir, 'an agent.sock');
    const inside = join(dir, 'ws/dev.sock');
    await mkdir(join(dir, 'ws'));
    await listen(outside);
    await listen(inside);
    expect(boundSocketPaths()).toEqual(expect.arrayContaining([outside, inside]));
    const masked = socketsToMask([join(dir, 'ws')], [], []);
    expect(masked).toContain(outside);
    expect(masked).not.toContain(inside);
    // Inside a folder the sandbox empties, unless a root is bound back there.
    expect(socketsToMask([], [dir], [])).not.toContain(outside);
    expect(socketsToMask([], [dir], [join(dir, 'ws')])).toContain(inside);
  });
});
