/**
 * A generated history for the search benchmark: THREADS thread files of TURNS turns each, written
 * straight into a Tandem home in the format the server reads (main/server/threads/records.ts),
 * with the list index beside them, as a server that has been used for months leaves its home.
 *
 * Each turn: a user message (60–400 characters), one or two commands with output (200–3,000
 * characters, log- and test-runner-like), a file change in about a third of turns (a diff of
 * 10–60 lines), and an answer (300–1,500 characters of Markdown). Words come from a vocabulary
 * of English, code identifiers, paths and numbers, seeded, so every run writes the same history.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const THREADS = Number(process.env.BENCH_SEARCH_THREADS ?? 1000);
export const TURNS = Number(process.env.BENCH_SEARCH_TURNS ?? 50);

/** A small seeded generator (mulberry32): the same history on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENGLISH =
  'the a to of and in is it that for on with as this be are was not but can we should fix add test run check file change update build error fail pass parser module function value return type config server client request response thread turn item message command output diff patch review search index query cache memory latency timeout retry stream token model agent user project folder path line column range branch commit merge release version schema field option flag setting default warning issue bug feature refactor rename move delete create read write open close start stop wait'.split(
    ' ',
  );
const CODE =
  'parseConfig loadThread handleRequest renderItem useEffect useState fetchJson readFile writeFile spawnSync execFile JSON.parse Array.from Promise.all Map Set Buffer process.env console.log assert.equal expect toEqual describe it vitest tsc eslint prettier npm node git diff apply_patch exec_command ThreadStore SearchIndex AppServer onMessage dispatch reducer selector hook component props children className onClick'.split(
    ' ',
  );
const DIRS = 'src lib main renderer protocol tests bench scripts docs utils components state server client'.split(' ');
const EXTS = 'ts tsx js json md css yaml'.split(' ');

class Words {
  private readonly r: () => number;
  constructor(seed: number) {
    this.r = random(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.r() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.r() * list.length)] as T;
  }
  /** A word: mostly English, some code, some numbers and unique identifiers. */
  word(): string {
    const x = this.r();
    if (x < 0.7) return this.pick(ENGLISH);
    if (x < 0.9) return this.pick(CODE);
    if (x < 0.96) return String(this.int(0, 99_999));
    return `${this.pick(CODE).toLowerCase()}_${this.int(0, 9_999).toString(36)}`;
  }
  text(chars: number): string {
    let out = '';
    while (out.length < chars) out += (out ? ' ' : '') + this.word();
    return out;
  }
  path(): string {
    const depth = this.int(1, 3);
    const parts = Array.from({ length: depth }, () => this.pick(DIRS));
    return `${parts.join('/')}/${this.pick(CODE).replace(/\W/g, '').toLowerCase()}${this.int(0, 99)}.${this.pick(EXTS)}`;
  }
  lines(n: number, prefix = ''): string {
    return Array.from({ length: n }, () => prefix + this.text(this.int(20, 90))).join('\n');
  }
}

function uuid(w: Words, t: number): string {
  const hex = (n: number) => Array.from({ length: n }, () => w.int(0, 15).toString(16)).join('');
  return `${(t.toString(16) + '000000000000').slice(0, 8)}-${hex(4)}-7${hex(3)}-8${hex(3)}-${hex(12)}`;
}

/** One thread file's lines (header first), and the list index entry for it. */
function thread(w: Words, n: number, cwd: string, t0: number): { id: string; lines: string[]; meta: object } {
  const createdAt = t0 + n * 3_600_000;
  const id = uuid(w, createdAt);
  const lines: string[] = [];
  const push = (r: object) => lines.push(JSON.stringify(r));
  push({
    t: 'thread',
    v: 1,
    at: createdAt,
    id,
    sessionId: id,
    cwd,
    model: 'gpt-5.5',
    modelProvider: 'openai',
    reasoningEffort: null,
    approvalPolicy: 'on-request',
    sandbox: 'workspace-write',
    forkedFromId: null,
    cliVersion: '0.1.0',
  });
  let at = createdAt;
  let preview = '';
  for (let turn = 0; turn < TURNS; turn++) {
    const turnId = `turn-${n}-${turn}`;
    at += 60_000;
    push({ t: 'turnStarted', at, turnId });
    const ask = w.text(w.int(60, 400));
    if (!preview) preview = ask.slice(0, 200);
    push({
      t: 'item',
      at,
      turnId,
      item: { type: 'userMessage', id: `u-${n}-${turn}`, content: [{ type: 'text', text: ask }] },
    });
    for (let c = 0, count = w.int(1, 2); c < count; c++) {
      const command = `${w.pick(['npm test --', 'rg -n', 'cat', 'git diff', 'node scripts/run.mjs', 'ls -la'])} ${w.path()}`;
      push({
        t: 'item',
        at,
        turnId,
        item: {
          type: 'commandExecution',
          id: `c-${n}-${turn}-${c}`,
          command,
          cwd,
          status: 'completed',
          commandActions: [{ type: 'unknown', command }],
          aggregatedOutput: w.lines(w.int(4, 50)).slice(0, w.int(200, 3000)),
          exitCode: 0,
          durationMs: w.int(5, 4000),
          processId: null,
          source: 'agent',
        },
      });
    }
    if (w.int(0, 2) === 0) {
      const path = `${cwd}/${w.path()}`;
      const diff = `--- a/${path}\n+++ b/${path}\n@@ -1,10 +1,12 @@\n${w.lines(w.int(5, 30), ' ')}\n${w.lines(w.int(1, 15), '-')}\n${w.lines(w.int(1, 15), '+')}\n`;
      push({
        t: 'item',
        at,
        turnId,
        item: {
          type: 'fileChange',
          id: `f-${n}-${turn}`,
          changes: [{ path, kind: { type: 'update', move_path: null }, diff }],
          status: 'completed',
        },
      });
    }
    const answer = `## ${w.text(30)}\n\n${w.text(w.int(300, 1500))}\n\n- ${w.text(40)}\n- ${w.text(40)}`;
    push({
      t: 'item',
      at,
      turnId,
      item: { type: 'agentMessage', id: `a-${n}-${turn}`, text: answer, phase: 'final_answer' },
    });
    at += 30_000;
    push({ t: 'turnCompleted', at, turnId, status: 'completed', error: null, durationMs: 30_000 });
  }
  const meta = {
    id,
    sessionId: id,
    createdAtMs: createdAt,
    updatedAtMs: at,
    cwd,
    model: 'gpt-5.5',
    modelProvider: 'openai',
    reasoningEffort: null,
    approvalPolicy: 'on-request',
    sandbox: 'workspace-write',
    forkedFromId: null,
    cliVersion: '0.1.0',
    name: null,
    archived: false,
    preview,
    ephemeral: false,
  };
  return { id, lines, meta };
}

/** Write the history into `<home>/threads`; returns its size in bytes. */
export async function writeHistory(home: string, cwd: string): Promise<number> {
  const dir = join(home, 'threads');
  await mkdir(dir, { recursive: true });
  const w = new Words(20261203);
  const index: string[] = [];
  let bytes = 0;
  const t0 = Date.UTC(2026, 0, 1);
  for (let n = 0; n < THREADS; n++) {
    const { id, lines, meta } = thread(w, n, cwd, t0);
    const text = lines.join('\n') + '\n';
    const size = Buffer.byteLength(text);
    bytes += size;
    await writeFile(join(dir, `${id}.jsonl`), text, { mode: 0o600 });
    index.push(JSON.stringify({ meta, bytes: size }));
  }
  await writeFile(join(dir, 'index.jsonl'), index.join('\n') + '\n', { mode: 0o600 });
  return bytes;
}
