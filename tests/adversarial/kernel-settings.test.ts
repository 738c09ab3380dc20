/**
 * The kernel's settings are out of a command's reach in every mode. Root's uid 0 inside the
 * sandbox is uid 0 outside, and /proc/sys is writable by uid 0 without capabilities: a review
 * set kernel.core_pattern to a program, crashed, and the kernel ran it as host root outside every
 * namespace (it wrote outside, outlived the command, and under full access read the server's
 * memory, the API key with it). As a non-root user the writes fail anyway; the test still holds.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { describeWithBwrap, itWithBwrap } from '../helpers/bwrap';
import { useHarness } from '../helpers/harness';
import { probeTurn, survivors } from '../helpers/sandbox-probes';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

describeWithBwrap('kernel settings from inside the sandbox', () => {
  for (const mode of ['read-only', 'workspace-write', 'danger-full-access'] as const) {
    itWithBwrap(
      `${mode}: a core_pattern helper cannot be set, so none runs as host root`,
      async () => {
        const cwd = await h.tempDir('tandem-ws-');
        const d = await mkdtemp('/var/tmp/rv-');
        const orig = readFileSync('/proc/sys/kernel/core_pattern', 'utf8').trim();
        const sleep = String(900_000 + Math.floor(Math.random() * 99_999));
        const helper = `|/bin/bash -c touch\${IFS}${d}/ESCAPED;setsid\${IFS}sleep\${IFS}${sleep}&`;
        const cmd = `echo '${helper}' > /proc/sys/kernel/core_pattern && echo SET; sh -c 'kill -SEGV $$'; sleep 1; echo ${orig} > /proc/sys/kernel/core_pattern`;
        try {
          const { out } = await probeTurn(h, fakeModel, cwd, mode, [cmd]);
          expect(out[cmd], 'the setting was refused').not.toContain('SET');
        } finally {
          if (readFileSync('/proc/sys/kernel/core_pattern', 'utf8').trim() !== orig)
            writeFileSync('/proc/sys/kernel/core_pattern', orig);
        }
        await new Promise((r) => setTimeout(r, 500));
        const left = await survivors(sleep, 1000);
        for (const p of left) process.kill(p, 'SIGKILL');
        expect(existsSync(join(d, 'ESCAPED')), `${mode}: host helper wrote outside`).toBe(false);
        expect(left, `${mode}: helper process outlived the command`).toEqual([]);
      },
      60_000,
    );
  }

  itWithBwrap(
    'no host-wide sysctl is writable (each tried with its own value), nor /sys',
    async () => {
      const cwd = await h.tempDir('tandem-ws-');
      const cmd =
        'for f in kernel/randomize_va_space fs/protected_symlinks kernel/pid_max fs/file-max vm/overcommit_memory; do v=$(cat /proc/sys/$f); echo "$v" > /proc/sys/$f 2>/dev/null && echo "WRITABLE $f"; done; echo x > /sys/kernel/uevent_helper 2>/dev/null && echo "WRITABLE uevent_helper"; echo END';
      for (const mode of ['read-only', 'workspace-write', 'danger-full-access'] as const) {
        const { out } = await probeTurn(h, fakeModel, cwd, mode, [cmd]);
        expect(out[cmd], mode).toContain('END');
        expect(out[cmd], mode).not.toContain('WRITABLE');
      }
    },
    60_000,
  );
});
