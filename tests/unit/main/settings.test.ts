import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  engineOf,
  readSettings,
  settingsView,
  settingsWritten,
  threadDefaultsOf,
  writeSettings,
  type SecretStore,
} from '../../../main/settings';

const home = (): string => mkdtempSync(join(tmpdir(), 'tandem-settings-'));
const defaults = { approvalPolicy: 'on-request', sandbox: 'workspace-write' } as const;
const secrets: SecretStore = { available: () => true, encrypt: (p) => `enc:${p}`, decrypt: (s) => s.slice(4) };

describe('settings.json', () => {
  it('reads a missing file as empty, and says where a broken one is broken', () => {
    const h = home();
    expect(readSettings(h)).toEqual({});
    writeFileSync(join(h, 'settings.json'), '{ nope');
    expect(() => readSettings(h)).toThrow(/settings\.json is not valid JSON/);
    writeFileSync(join(h, 'settings.json'), JSON.stringify({ baseUrl: 'not a url' }));
    expect(() => readSettings(h)).toThrow(/settings\.json: .*baseUrl/s);
  });

  it('writes only what changed, keeps unknown keys, and only the user may read the file', async () => {
    const h = home();
    writeFileSync(join(h, 'settings.json'), JSON.stringify({ model: 'a', commandEnv: ['FOO'], other: 1 }));
    const next = settingsWritten(readSettings(h), { model: null, approvalPolicy: 'never' });
    await writeSettings(h, next);
    expect(readSettings(h)).toEqual({ commandEnv: ['FOO'], other: 1, approvalPolicy: 'never' });
    expect(statSync(join(h, 'settings.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(h, 'settings.json'), 'utf8').endsWith('}\n')).toBe(true);
  });

  it('stores a new key encrypted where it can, replacing the old in either form; null forgets it', () => {
    expect(settingsWritten({ apiKey: 'old' }, { apiKey: 'new' }, secrets)).toEqual({ apiKeyEncrypted: 'enc:new' });
    expect(settingsWritten({ apiKeyEncrypted: 'enc:old' }, { apiKey: 'new' })).toEqual({ apiKey: 'new' });
    expect(settingsWritten({ apiKey: 'old', apiKeyEncrypted: 'enc:old' }, { apiKey: null }, secrets)).toEqual({});
  });

  it('sets new threads’ defaults only with values the server knows', () => {
    expect(
      threadDefaultsOf({ model: 'm', reasoningEffort: null, approvalPolicy: 'untrusted', sandbox: 'read-only' }),
    ).toEqual({
      model: 'm',
      reasoningEffort: null,
      approvalPolicy: 'untrusted',
      sandbox: 'read-only',
    });
    expect(threadDefaultsOf({ approvalPolicy: 'sometimes', sandbox: 'none' })).toEqual({});
  });

  it('shows the Settings screen what new threads get, and where the key comes from (never the key)', () => {
    expect(settingsView({}, defaults, {})).toEqual({
      baseUrl: null,
      model: null,
      wireApi: 'responses',
      approvalPolicy: 'on-request',
      sandbox: 'workspace-write',
      apiKey: 'missing',
      engine: { kind: 'builtin' },
    });
    expect(settingsView({ approvalPolicy: 'never', sandbox: 'read-only', apiKey: 'sk' }, defaults, {})).toMatchObject({
      approvalPolicy: 'never',
      sandbox: 'read-only',
      apiKey: 'stored',
    });
    expect(settingsView({ approvalPolicy: 'sometimes' }, defaults, { OPENAI_API_KEY: 'sk' })).toMatchObject({
      approvalPolicy: 'on-request',
      apiKey: 'environment',
    });
    expect(settingsView({ apiKeyEncrypted: 'x' }, defaults, {})).toMatchObject({ apiKey: 'encrypted' });
    // A server default in Codex's granular form shows as the policy it acts as (protocol/policy.ts).
    const granular = { granular: { sandbox_approval: false, rules: true, mcp_elicitations: false } };
    expect(settingsView({}, { ...defaults, approvalPolicy: granular }, {})).toMatchObject({ approvalPolicy: 'never' });
  });

  it('keeps the engine choice, and reads one it cannot use as the built-in server', () => {
    const codex = { kind: 'codex', command: '/opt/codex/bin/codex' } as const;
    const saved = settingsWritten({ model: 'm' }, { engine: codex });
    expect(saved).toEqual({ model: 'm', engine: codex });
    expect(engineOf(saved)).toEqual(codex);
    expect(engineOf({})).toEqual({ kind: 'builtin' });
    // Hand-edited into something this build cannot use: the UI must still come up to fix it.
    expect(engineOf({ engine: { kind: 'remote', url: 'http://not-a-socket' } })).toEqual({ kind: 'builtin' });
    expect(engineOf({ engine: 'codex' })).toEqual({ kind: 'builtin' });
  });
});
