/**
 * `tandem app-server generate-json-schema` / `generate-ts` through the built CLI: Tandem's own
 * protocol (the Codex subset it implements and its `tandem/` extensions), from the zod schemas,
 * in the layout Codex's generators use.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { clientRequests, serverNotifications, serverRequests } from '../../protocol/methods';
import { useHarness } from '../helpers/harness';
import { CLI } from '../helpers/test-client';

const h = useHarness();
const ROOT = join(import.meta.dirname, '..', '..');

function generate(kind: 'generate-json-schema' | 'generate-ts', out: string, extra: string[] = []) {
  const r = spawnSync(process.execPath, [CLI, 'app-server', kind, '--out', out, ...extra], { encoding: 'utf8' });
  expect(r.stdout).toBe('');
  expect(r.status, r.stderr).toBe(0);
}

type Union = { oneOf: Array<{ properties: { method: { enum: string[] } } }> };
const methodsOf = (u: Union): string[] => u.oneOf.map((o) => o.properties.method.enum[0]!);
const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

/** Client methods only an experimentalApi client may call. */
const experimental = Object.entries(clientRequests)
  .filter(([, s]) => s.experimental !== null && 'method' in s.experimental)
  .map(([m]) => m);

describe('app-server generate-json-schema', () => {
  it("writes Tandem's methods, Codex's layout, and schemas that accept and refuse what Tandem does", async () => {
    const out = await h.tempDir('schema-');
    generate('generate-json-schema', out);
    const files = await readdir(out);
    for (const f of [
      'ClientRequest.json',
      'ClientNotification.json',
      'ServerRequest.json',
      'ServerNotification.json',
      'ThreadStartParams.json',
      'ThreadStartResponse.json',
      'InitializeResponse.json',
      'tandem_app_server_protocol.schemas.json',
    ])
      expect(files).toContain(f);

    const request = await readJson<Union>(join(out, 'ClientRequest.json'));
    expect(methodsOf(request).sort()).toEqual(
      Object.keys(clientRequests)
        .filter((m) => !experimental.includes(m))
        .sort(),
    );
    expect(methodsOf(request)).toContain('tandem/settings/read');
    expect(methodsOf(await readJson<Union>(join(out, 'ServerNotification.json'))).sort()).toEqual(
      Object.keys(serverNotifications).sort(),
    );
    expect(methodsOf(await readJson<Union>(join(out, 'ServerRequest.json'))).sort()).toEqual(
      Object.keys(serverRequests).sort(),
    );

    const ajv = new Ajv({ strict: false, validateFormats: false });
    const validRequest = ajv.compile(request);
    const golden = await readJson<Array<{ method: string; params: unknown }>>(
      join(ROOT, 'tests', 'fixtures', 'golden', 'client-requests.json'),
    );
    for (const [i, g] of golden.entries())
      if (!experimental.includes(g.method))
        expect(validRequest({ id: i, ...g }), `${g.method}: ${ajv.errorsText(validRequest.errors)}`).toBe(true);
    expect(validRequest({ id: 1, method: 'thread/start', params: { model: 42 } })).toBe(false);
    expect(validRequest({ id: 1, method: 'no/such', params: {} })).toBe(false);

    // A per-type file stands alone: its own definitions, its type at the root.
    const startResult = ajv.compile(await readJson(join(out, 'ThreadStartResponse.json')));
    const results = await readJson<Record<string, unknown>>(
      join(ROOT, 'tests', 'fixtures', 'golden', 'server-results.json'),
    );
    expect(startResult(results['thread/start']), ajv.errorsText(startResult.errors)).toBe(true);
    expect(startResult({ model: 'x' })).toBe(false);
  });

  it('adds the experimental methods with --experimental', async () => {
    const out = await h.tempDir('schema-');
    generate('generate-json-schema', out, ['--experimental']);
    const request = await readJson<Union>(join(out, 'ClientRequest.json'));
    expect(methodsOf(request).sort()).toEqual(Object.keys(clientRequests).sort());
  });
});

describe('app-server generate-ts', () => {
  it(
    'writes one declaration file per type and an index.ts, which compile under strict TypeScript',
    { timeout: 60_000 },
    async () => {
      const out = await h.tempDir('ts-');
      generate('generate-ts', out);
      const files = await readdir(out);
      expect(files).toContain('index.ts');
      expect(files).toContain('ClientRequest.ts');
      expect(files).toContain('ThreadStartParams.ts');
      const index = await readFile(join(out, 'index.ts'), 'utf8');
      expect(index).toContain("export type { ThreadStartParams } from './ThreadStartParams';");
      const start = await readFile(join(out, 'ThreadStartParams.ts'), 'utf8');
      expect(start).toMatch(/export type ThreadStartParams = \{[^]*\n {2}model\?: string \| null;/);
      expect(await readFile(join(out, 'ClientRequest.ts'), 'utf8')).toContain('method: "thread/start";');

      // A program using the types compiles, and one misusing them does not.
      const { writeFile } = await import('node:fs/promises');
      await writeFile(
        join(out, 'use.ts'),
        `import type { ClientRequest, ThreadStartParams } from './index';
const p: ThreadStartParams = { model: 'o3', config: { model_reasoning_effort: 'high' } };
const r: ClientRequest = { id: 1, method: 'thread/start', params: p };
export { r };
`,
      );
      await writeFile(
        join(out, 'misuse.ts'),
        `import type { ThreadStartParams } from './index';\nexport const p: ThreadStartParams = { model: 42 };\n`,
      );
      const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      // Run in the output folder, so no project's @types come into it.
      const flags = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'esnext'];
      const run = { encoding: 'utf8' as const, cwd: out };
      const ok = spawnSync(process.execPath, [tsc, ...flags, '--moduleResolution', 'bundler', 'use.ts'], run);
      expect(ok.stdout + ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      const bad = spawnSync(process.execPath, [tsc, ...flags, '--moduleResolution', 'bundler', 'misuse.ts'], run);
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toMatch(/misuse\.ts.*number.*string/s);
    },
  );
});
