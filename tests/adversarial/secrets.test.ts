/**
 * The API key, attacked through the built CLI: a command under danger-full-access hunts for it
 * in every process's environment and command line; commands print it encoded; the model
 * endpoint echoes it in its error bodies. It must surface nowhere: not in what the command
 * finds, not in the thread files, the notifications, the model's next request or the log.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../../protocol/schema/item';
import { cliTurn, done, execCall } from '../helpers/cli-turns';
import { useHarness } from '../helpers/harness';
import { useFakes } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();

/** A long key, like `sk-proj-…` ones: its base64 is longer than one 76-column line of `base64`. */
const KEY = `sk-proj-${'Tq9xV2mR7bK4wZ8nL3pH6sJ1cF5gD0yA'.repeat(3)}E`;

/** The encodings a command can print the key in with one coreutils call. */
function encodings(key: string): Record<string, string> {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const wrap = (s: string): string => s.replace(/(.{76})/g, '$1\n');
  return {
    raw: key,
    reversed: [...key].reverse().join(''),
    base64: b64(key),
    base64Offset1: b64(`a${key}`),
    base64Offset2: b64(`ab${key}`),
    base64Wrapped: wrap(b64(`xy${key}z`)),
    base64url: b64(`a${key}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    hex: Buffer.from(key).toString('hex'),
    hexUpper: Buffer.from(key).toString('hex').toUpperCase(),
    urlEncoded: encodeURIComponent(`${key}/&`),
    percentEveryByte: [...Buffer.from(key)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  };
}

/** Whether `text` holds the key in any encoding (line breaks removed, for wrapped base64). */
function leaks(text: string, key = KEY): string[] {
  const flat = text.replace(/\\n|\r?\n/g, '');
  const b64 = [0, 1, 2].map((o) => {
    const e = Buffer.concat([Buffer.alloc(o), Buffer.from(key)]).toString('base64');
    return e.slice(Math.ceil((8 * o) / 6), Math.floor((8 * (o + key.length)) / 6));
  });
  const forms: Record<string, string> = {
    raw: key,
    reversed: [...key].reverse().join(''),
    hex: Buffer.from(key).toString('hex'),
    percent: [...Buffer.from(key)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
    ...Object.fromEntries(b64.map((f, i) => [`base64@${i}`, f])),
    ...Object.fromEntries(b64.map((f, i) => [`base64url@${i}`, f.replace(/\+/g, '-').replace(/\//g, '_')])),
  };
  return (
    Object.entries(forms)
      // Hex and percent-encoding are case-blind; base64 is not.
      .filter(
        ([name, f]) => flat.includes(f) || ((name === 'hex' || name === 'percent') && flat.toLowerCase().includes(f)),
      )
      .map(([name]) => name)
  );
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Every file in Tandem's home (thread files, index), as one text. */
async function homeText(home: string): Promise<string> {
  const texts = await Promise.all((await filesUnder(home)).map((f) => readFile(f, 'utf8')));
  return texts.join('\n');
}

/**
 * The probe a command runs: every readable /proc/<pid>/environ and cmdline, searched for the key
 * raw, base64 (3 alignments), base64url, reversed and hex. The key reaches it in two halves, so
 * the probe's own command line never holds it whole.
 */
const PROBE = `
const fs = require('fs');
const key = process.argv[2] + process.argv[3];
const forms = { raw: key, reversed: [...key].reverse().join(''), hex: Buffer.from(key).toString('hex') };
for (const o of [0, 1, 2]) {
  const e = Buffer.concat([Buffer.alloc(o), Buffer.from(key)]).toString('base64');
  forms['base64@' + o] = e.slice(Math.ceil((8 * o) / 6), Math.floor((8 * (o + key.length)) / 6));
  forms['base64url@' + o] = forms['base64@' + o].replace(/\\+/g, '-').replace(/\\//g, '_');
}
let scanned = 0;
const found = [];
for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {
  for (const file of ['environ', 'cmdline']) {
    let text;
    try { text = fs.readFileSync('/proc/' + pid + '/' + file, 'latin1'); } catch { continue; }
    scanned++;
    for (const [name, form] of Object.entries(forms)) if (text.includes(form)) found.push(pid + '/' + file + ':' + name);
  }
}
console.log('PROBE scanned=' + scanned + ' found=' + (found.join(',') || 'none'));
`;

describe('the API key', () => {
  it('is in no readable /proc/*/environ or cmdline, in any encoding, for a command under danger-full-access', async () => {
    const cwd = await h.tempDir('tandem-ws-');
    await writeFile(join(cwd, 'probe.cjs'), PROBE);
    const half = Math.floor(KEY.length / 2);
    const fake = await fakeModel([
      execCall('call_probe', `"${process.execPath}" probe.cjs '${KEY.slice(0, half)}' '${KEY.slice(half)}'`),
      done,
    ]);
    const turn = await cliTurn(
      h,
      fake,
      cwd,
      { approvalPolicy: 'never', sandbox: 'danger-full-access' },
      () => 'accept',
      { OPENAI_API_KEY: KEY },
    );
    const command = turn.items.find(
      (i): i is Extract<ThreadItem, { type: 'commandExecution' }> => i.type === 'commandExecution',
    );
    const output = command?.aggregatedOutput ?? '';
    const m = /PROBE scanned=(\d+) found=(\S+)/.exec(output);
    expect(m, `the probe ran: ${output}`).not.toBeNull();
    // It read at least its own and its shell's files: the search itself worked.
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(4);
    expect(m?.[2]).toBe('none');
    // And the server answered with the key from its private copy: the model call carried it.
    expect(fake.modelCalls[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  }, 60_000);

  it('is redacted from command and read_file output in each simple encoding: deltas, items, thread files and what the model is sent', async () => {
    const cwd = await h.tempDir('tandem-ws-');
    const home = await h.tempDir('tandem-home-');
    const forms = encodings(KEY);
    await writeFile(
      join(cwd, 'leak.txt'),
      Object.entries(forms)
        .map(([name, text]) => `${name}: ${text}`)
        .join('\n') + '\n',
    );
    const readCall = {
      outputs: [
        {
          type: 'function_call' as const,
          name: 'read_file',
          arguments: { file_path: 'leak.txt' },
          callId: 'call_read',
        },
      ],
    };
    const fake = await fakeModel([execCall('call_cat', 'cat leak.txt'), readCall, done]);
    const turn = await cliTurn(
      h,
      fake,
      cwd,
      { approvalPolicy: 'never', sandbox: 'danger-full-access' },
      () => 'accept',
      { OPENAI_API_KEY: KEY, TANDEM_HOME: home },
    );
    const command = turn.items.find(
      (i): i is Extract<ThreadItem, { type: 'commandExecution' }> => i.type === 'commandExecution',
    );
    // The command ran and printed every line, each with its encoding blanked out.
    for (const name of Object.keys(forms)) expect(command?.aggregatedOutput).toContain(`${name}: `);
    expect(command?.aggregatedOutput).toContain('[redacted]');
    expect(leaks(JSON.stringify(turn.client.received)), 'notifications').toEqual([]);
    expect(leaks(await homeText(home)), 'thread files').toEqual([]);
    expect(leaks(JSON.stringify(fake.modelCalls[1]?.body)), 'the model request after the command').toEqual([]);
    // read_file of the same file: redacted the same way.
    expect(JSON.stringify(fake.modelCalls[2]?.body)).toContain('[redacted]');
    expect(leaks(JSON.stringify(fake.modelCalls[2]?.body)), 'the model request after read_file').toEqual([]);
    expect(leaks(turn.stderr), 'log').toEqual([]);
  }, 60_000);

  it('is redacted from output deltas when a command prints it in two pieces, a pause apart', async () => {
    const cwd = await h.tempDir('tandem-ws-');
    const b64 = Buffer.from(KEY).toString('base64');
    const half = Math.floor(KEY.length / 2);
    const cmd = `printf 'key=%s' '${KEY.slice(0, half)}'; sleep 0.3; printf '%s b64=%s' '${KEY.slice(half)}' '${b64.slice(0, 40)}'; sleep 0.3; printf '%s end\\n' '${b64.slice(40)}'`;
    const fake = await fakeModel([execCall('call_split', cmd), done]);
    const turn = await cliTurn(
      h,
      fake,
      cwd,
      { approvalPolicy: 'never', sandbox: 'danger-full-access' },
      () => 'accept',
      { OPENAI_API_KEY: KEY },
    );
    const deltas = turn.client
      .notifications('item/commandExecution/outputDelta')
      .map((m) => (m.params as { delta: string }).delta);
    expect(deltas.join('')).toBe('key=[redacted] b64=[redacted] end\n');
    expect(leaks(deltas.join(''))).toEqual([]);
  }, 60_000);

  it('never reaches the thread file, notifications or log when the endpoint echoes it in 500 and 401 bodies', async () => {
    const home = await h.tempDir('tandem-home-');
    const cwd = await h.tempDir('tandem-ws-');
    const echo = (status: number): { status: number; retryAfter: number; body: unknown } => ({
      status,
      retryAfter: 0,
      body: {
        error: {
          message: `bad key ${KEY} (b64 ${Buffer.from(KEY).toString('base64')})`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      },
    });
    const fake = await fakeModel([echo(500), echo(401)]);
    const turn = await cliTurn(h, fake, cwd, { approvalPolicy: 'never', sandbox: 'read-only' }, () => 'decline', {
      OPENAI_API_KEY: KEY,
      TANDEM_HOME: home,
    });
    const completed = turn.client.notifications('turn/completed').at(-1)?.params as {
      turn: { status: string; error: { message: string } | null };
    };
    expect(completed.turn.status).toBe('failed');
    expect(completed.turn.error?.message).toMatch(/refused the API key \(401\): bad key \[redacted\]/);
    // The 500 was retried: its error notification went out too, redacted.
    expect(turn.client.notifications('error').length).toBeGreaterThanOrEqual(2);
    expect(leaks(JSON.stringify(turn.client.received)), 'notifications').toEqual([]);
    expect(leaks(await homeText(home)), 'thread files').toEqual([]);
    expect(leaks(turn.stderr), 'log').toEqual([]);
  }, 60_000);

  it('never reaches the thread file when a stream error event echoes it', async () => {
    const home = await h.tempDir('tandem-home-');
    const cwd = await h.tempDir('tandem-ws-');
    const fake = await fakeModel([
      {
        outputs: [{ type: 'message', text: 'partial' }],
        streamError: { message: `upstream rejected ${KEY}`, kind: 'error' },
      },
    ]);
    const turn = await cliTurn(h, fake, cwd, { approvalPolicy: 'never', sandbox: 'read-only' }, () => 'decline', {
      OPENAI_API_KEY: KEY,
      TANDEM_HOME: home,
    });
    const completed = turn.client.notifications('turn/completed').at(-1)?.params as {
      turn: { status: string; error: { message: string } | null };
    };
    expect(completed.turn.error?.message).toContain('[redacted]');
    expect(leaks(JSON.stringify(turn.client.received)), 'notifications').toEqual([]);
    expect(leaks(await homeText(home)), 'thread files').toEqual([]);
  }, 60_000);
});
