/**
 * Issue 12's "done when": one client written against Codex's app-server (tests/helpers/
 * codex-style-client.ts) runs unchanged twice, once with the real Codex 0.169.0 first on PATH and
 * once with Tandem's `codex` shim (installed through the built CLI) first on PATH, against the same
 * scripted model. Both complete, and what the client sees matches: the command ran, the patch
 * landed, the structured answer parsed, the thread was listed, and a new process resumed it and
 * saw its turns.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codexBinary, prepareCodexHome } from '../helpers/codex-peer';
import { runCodexStyleClient, type CodexStyleOutcome } from '../helpers/codex-style-client';
import type { RecordedRequest, ScriptedCall } from '../helpers/fake-openai';
import { git as gitIn } from '../helpers/git';
import { useHarness } from '../helpers/harness';
import { CLI } from '../helpers/test-client';
import { useFakes, writeFiles } from '../helpers/turns';

const h = useHarness();
const fakeModel = useFakes();
const codex = codexBinary();

const PATCH = `*** Begin Patch
*** Update File: hello.txt
@@
 hello
-world
+tandem
*** Add File: notes/todo.md
+# Todo
+- ship it
*** End Patch
`;

const SCHEMA = {
  type: 'object',
  properties: { summary: { type: 'string' }, files: { type: 'array', items: { type: 'string' } } },
  required: ['summary', 'files'],
  additionalProperties: false,
};
const STRUCTURED = { summary: 'hello.txt greets tandem', files: ['hello.txt', 'notes/todo.md'] };

interface Body {
  input?: Array<{ type?: string; call_id?: string }>;
  text?: { format?: { type?: string } };
}

/**
 * The model, scripted by what each request holds rather than by call count, so that either
 * server's extra or missing calls show as a failed expectation, not a shifted script.
 */
function model(req: RecordedRequest): ScriptedCall {
  const body = req.body as Body;
  if (body.text?.format?.type === 'json_schema')
    return { outputs: [{ type: 'message', text: JSON.stringify(STRUCTURED) }] };
  const answered = new Set((body.input ?? []).map((i) => i.call_id).filter(Boolean));
  if (answered.has('call_patch_1')) return { outputs: [{ type: 'message', text: 'Done: both files changed.' }] };
  if (answered.has('call_exec_1'))
    return { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: PATCH, callId: 'call_patch_1' }] };
  return {
    outputs: [
      { type: 'message', text: 'Let me look first.' },
      {
        type: 'function_call',
        name: 'exec_command',
        arguments: { cmd: 'echo ran > ran.txt && cat hello.txt' },
        callId: 'call_exec_1',
      },
    ],
  };
}

const ORIGIN = 'https://example.com/team/hello.git';

/** A repository with one commit and an origin, as a client's project usually is. */
async function project(): Promise<string> {
  const dir = await h.tempDir('codex-style-');
  await writeFiles(dir, { 'hello.txt': 'hello\nworld\n' });
  const git = (...args: string[]) => gitIn(dir, ...args);
  await writeFiles(dir, {
    '.agents/skills/release-notes/SKILL.md':
      '---\nname: release-notes\ndescription: Write release notes from the git log.\n---\n\nRead the log, then write.\n',
  });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  git('remote', 'add', 'origin', ORIGIN);
  return dir;
}

const play = (env: Record<string, string>, cwd: string) =>
  runCodexStyleClient({
    env,
    cwd,
    developerInstructions: 'Always answer in English.',
    firstPrompt: 'Greet tandem and add a todo',
    structuredPrompt: 'Summarise what changed',
    outputSchema: SCHEMA,
  });

/** The approval fields a client reads to show and answer it. */
const APPROVAL_FIELDS = [
  'itemId',
  'threadId',
  'turnId',
  'startedAtMs',
  'command',
  'cwd',
  'commandActions',
  'grantRoot',
];

/** `gitInfo` with the commit told apart only as "the project's HEAD" (each run commits anew). */
function gitFacts(info: unknown, cwd: string) {
  if (!info || typeof info !== 'object') return info;
  const g = info as { sha?: unknown; branch?: unknown; originUrl?: unknown };
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
  return { sha: g.sha === head ? 'HEAD' : g.sha, branch: g.branch, originUrl: g.originUrl };
}

/** What must be the same whichever server answered (`cwd`: the project the run worked in). */
function visible(o: CodexStyleOutcome, cwd: string) {
  const listed = o.listedThread ?? {};
  return {
    approvalFields: o.approvalParams.map((p) => APPROVAL_FIELDS.filter((f) => f in p)),
    approvalIds: o.approvalParams.map((p) => p.itemId),
    approvalCwd: o.approvalParams.map((p) => (p.cwd === undefined ? undefined : p.cwd === cwd)),
    commandActions: o.approvalParams.map((p) => p.commandActions),
    completedItems: o.completedItems,
    listedThread: {
      preview: listed.preview,
      status: listed.status,
      cwd: listed.cwd === cwd,
      ephemeral: listed.ephemeral,
      gitInfo: gitFacts(listed.gitInfo, cwd),
    },
    readGitInfo: gitFacts(o.readGitInfo, cwd),
    turnsListItems: o.turnsListItems,
    readItems: o.readItems,
    loaded: o.loaded,
    itemsList: o.itemsList,
    skills: o.skills.filter((name) => name === 'release-notes'),
    hasProviders: o.providers > 0,
    resumeTurns: o.resumeTurns,
    resumeUsage: o.resumeUsage,
    cliVersion: o.cliVersion,
    userAgentVersion: o.userAgentVersion,
    approvals: o.approvals,
    firstTurn: o.firstTurn.status,
    commandItems: o.firstTurn.items.filter((i) => i.type === 'commandExecution'),
    fileChangeItems: o.firstTurn.items.filter((i) => i.type === 'fileChange'),
    commandOutput: o.commandOutput.trim(),
    changedPaths: o.changedPaths.map((p) => p.replace(/^.*\/(?=hello\.txt|notes\/)/, '')).sort(),
    structured: o.structured,
    structuredTurnStatus: o.structuredTurnStatus,
    listed: o.listed,
    resumed: o.resumedThreadId === o.threadId,
    turnsAfterResume: o.turnsAfterResume.length,
    resumeSeesLiveTurns: o.turnsLive.every((id) => o.turnsAfterResume.includes(id)),
    readTurns: o.readTurns,
    hasModels: o.models.length > 0,
    schemaProblems: o.schemaProblems,
  };
}

async function files(cwd: string) {
  const read = (p: string) => readFile(join(cwd, p), 'utf8').catch(() => null);
  return { ran: await read('ran.txt'), hello: await read('hello.txt'), todo: await read('notes/todo.md') };
}

/** What the model was sent that a client controls: developer instructions, and the schema. */
function modelSaw(calls: RecordedRequest[]) {
  const bodies = calls.map((c) => JSON.stringify(c.body));
  return {
    developer: bodies.every((b) => /"role":"developer".*Always answer in English\./.test(b)),
    schemaCalls: calls.filter((c) => (c.body as Body).text?.format?.type === 'json_schema').length,
  };
}

async function runWithTandem() {
  const fake = await fakeModel(model as (req: never) => ScriptedCall);
  const shimDir = await h.tempDir('codex-shim-');
  const PATH = `${shimDir}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  const install = spawnSync(process.execPath, [CLI, 'install-codex-shim', '--dir', shimDir], {
    encoding: 'utf8',
    env: { ...process.env, PATH },
  });
  expect(install.status, install.stderr).toBe(0);
  const cwd = await project();
  const env = {
    PATH,
    HOME: await h.tempDir('home-'),
    TANDEM_HOME: await h.tempDir('tandem-home-'),
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_API_KEY: 'sk-codex-style',
  };
  const outcome = await play(env, cwd);
  return { outcome, cwd, files: await files(cwd), model: modelSaw(fake.modelCalls) };
}

describe('a Codex-style client, unchanged', () => {
  it('completes threads, approvals, structured output and resume against Tandem as `codex`', async () => {
    const tandem = await runWithTandem();
    const v = visible(tandem.outcome, tandem.cwd);
    expect(v.schemaProblems).toEqual([]);
    expect(v.approvals).toEqual(['item/commandExecution/requestApproval', 'item/fileChange/requestApproval']);
    expect(v.commandItems).toEqual([{ type: 'commandExecution', status: 'completed', exitCode: 0 }]);
    expect(v.commandOutput).toBe('hello\nworld');
    expect(v.fileChangeItems).toEqual([{ type: 'fileChange', status: 'completed', exitCode: undefined }]);
    expect(tandem.files).toEqual({ ran: 'ran\n', hello: 'hello\ntandem\n', todo: '# Todo\n- ship it\n' });
    expect(v.structured).toEqual(STRUCTURED);
    expect(v.listed).toBe(true);
    expect(v.resumed).toBe(true);
    expect(v.turnsAfterResume).toBe(2);
    expect(v.resumeSeesLiveTurns).toBe(true);
    expect(v.readTurns).toBe(2);
    expect(v.readItems).toEqual([
      ['userMessage', 'agentMessage', 'commandExecution', 'fileChange', 'agentMessage'],
      ['userMessage', 'agentMessage'],
    ]);
    const repo = { sha: 'HEAD', branch: 'main', originUrl: ORIGIN };
    expect(v.listedThread).toEqual({
      preview: 'Greet tandem and add a todo',
      status: { type: 'idle' },
      cwd: true,
      ephemeral: false,
      gitInfo: repo,
    });
    expect(v.readGitInfo).toEqual(repo);
    expect(v.loaded).toBe(true);
    expect(v.itemsList).toEqual(v.readItems.flat());
    expect(v.skills).toEqual(['release-notes']);
    expect(v.resumeTurns).toBe(2);
    // A restarted server still knows the thread's token usage, and tells the resuming client.
    expect(v.resumeUsage).toEqual({ lastTurn: true, sameTotal: true });
    expect(tandem.model).toEqual({ developer: true, schemaCalls: 1 });
    expect(tandem.outcome.account).toEqual({ type: 'apiKey' });
  });

  it('refuses a `codex` older than 0.169.0, as Codex clients do', async () => {
    const dir = await h.tempDir('old-codex-');
    await writeFile(join(dir, 'codex'), '#!/bin/sh\necho "codex-cli 0.168.2"\n');
    await chmod(join(dir, 'codex'), 0o755);
    const env = { PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}` };
    await expect(play(env, await project())).rejects.toThrow('Codex 0.168.2 is older than 0.169.0');
  });

  it.skipIf(!codex)('sees the same outcomes from the real Codex 0.169.0 as from Tandem', async () => {
    const fake = await fakeModel(model as (req: never) => ScriptedCall);
    const { home, env } = await prepareCodexHome(fake.baseURL, 'codex-style');
    try {
      const cwd = await project();
      const codexEnv = { ...env, PATH: `${dirname(codex ?? '')}:${env.PATH}` };
      const real = await play(codexEnv, cwd);
      const realFiles = await files(cwd);
      const realModel = modelSaw(fake.modelCalls);
      const tandem = await runWithTandem();
      if (process.env.SHOW_OUTCOMES) console.log(JSON.stringify({ real, tandem: tandem.outcome }, null, 1));
      expect(visible(tandem.outcome, tandem.cwd)).toEqual(visible(real, cwd));
      expect(tandem.files).toEqual(realFiles);
      expect(tandem.model).toEqual(realModel);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});

if (!codex) {
  describe('a Codex-style client, unchanged, on the real Codex', () => {
    it.skip('skipped: the Codex CLI is not installed here (run `npm run codex-peer`, or set CODEX_BIN)', () => {});
  });
}
