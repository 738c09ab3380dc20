/**
 * read_file checks the real path, then reads. A folder swapped for a link to Tandem's home in
 * between (a RENAME_EXCHANGE loop run by another thread's command in the same workspace) made
 * read_file return a file of Tandem's home (settings.json holds the key) in 62 of 300 tries. The
 * read now never follows a link, so every try reads the workspace's file or is refused.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { describeWithBwrap, itWithBwrap } from '../helpers/bwrap';
import { done, execCall } from '../helpers/cli-turns';
import { useHarness } from '../helpers/harness';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

describeWithBwrap('read_file while a folder on its path is swapped for a link', () => {
  itWithBwrap(
    "never returns a file from Tandem's home",
    async () => {
      const cwd = await h.tempDir('tandem-ws-');
      const home = await h.tempDir('tandem-home-');
      await writeFile(join(home, 'secret.txt'), 'HOME-SECRET-MARKER\n');
      await mkdir(join(cwd, 'real'));
      await writeFile(join(cwd, 'real/secret.txt'), 'inside\n');
      const py = `import ctypes,os,time\nl=ctypes.CDLL(None,use_errno=True)\nos.symlink('${home}','lnk')\nend=time.time()+25\nwhile time.time()<end: l.renameat2(-100,b'real',-100,b'lnk',2)\n`;
      const flip = `printf %s '${Buffer.from(py).toString('base64')}' | base64 -d > /tmp/f.py; python3 /tmp/f.py; echo flipped`;
      const fakeA = await fakeModel([execCall('f', flip, { timeout_ms: 60_000 }), done]);
      const a = h.stdio({
        TANDEM_HOME: await h.tempDir('tandem-home-a-'),
        OPENAI_BASE_URL: fakeA.baseURL,
        OPENAI_API_KEY: 'sk-a-0000000',
      });
      await a.initialize();
      const { thread: ta } = await a.request('thread/start', {
        cwd,
        approvalPolicy: 'never',
        sandbox: 'workspace-write',
      });
      await a.request('turn/start', { threadId: ta.id, input: [{ type: 'text', text: 'go' }] });
      await new Promise((r) => setTimeout(r, 3000));
      const reads = Array.from({ length: 300 }, (_, i) => ({
        outputs: [
          {
            type: 'function_call' as const,
            name: 'read_file',
            arguments: { file_path: 'real/secret.txt' },
            callId: `r${i}`,
          },
        ],
      }));
      const fakeB = await fakeModel([...reads, done]);
      const b = h.stdio({ TANDEM_HOME: home, OPENAI_BASE_URL: fakeB.baseURL, OPENAI_API_KEY: 'sk-b-0000000' });
      await b.initialize();
      const { thread: tb } = await b.request('thread/start', {
        cwd,
        approvalPolicy: 'never',
        sandbox: 'workspace-write',
      });
      await b.request('turn/start', { threadId: tb.id, input: [{ type: 'text', text: 'go' }] });
      await b.waitFor((m) => m.method === 'turn/completed', 60_000);
      const seen = JSON.stringify(fakeB.requests.at(-1));
      const leaks = (seen.match(/HOME-SECRET-MARKER/g) ?? []).length;
      const ok = (seen.match(/L1: inside/g) ?? []).length;
      console.log(`read_file under a swap: ${ok} reads of the workspace's file, ${leaks} of Tandem's home`);
      expect(leaks).toBe(0);
      expect(ok, 'some reads got through between swaps').toBeGreaterThan(0);
    },
    90_000,
  );
});
