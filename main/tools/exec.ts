/**
 * Running a command: `bash -lc` in its own process group (so interrupt and timeout kill the
 * whole tree), output streamed as it comes, and kept bounded in memory.
 */
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { commandEnv } from './command-env';
import { terminateInside } from './process-tree';
import { sandboxedCommand, type SandboxSpec } from './sandbox';

/** Output kept for the item and the model: this much of the start, and of the end. */
const KEEP_BYTES = 512 * 1024;
/** How long a timed-out or interrupted command has to end on SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 500;

export interface ExecOptions {
  command: string;
  cwd: string;
  timeoutMs: number;
  sandbox: SandboxSpec;
  signal: AbortSignal;
  /** Each piece of output as it arrives (stdout and stderr interleaved). */
  onOutput(text: string): void;
  /** Where the command's environment is taken from (through the allow-list, command-env.ts). */
  env?: NodeJS.ProcessEnv;
  /** More names the user lets through (settings.json `commandEnv`). */
  allowEnv?: readonly string[];
  /** Tandem's own settings for the command (git's safety settings), set after the allow-list. */
  extraEnv?: Readonly<Record<string, string>>;
}

export interface ExecResult {
  exitCode: number | null;
  /** Interleaved output; the middle is cut when it was huge. */
  output: string;
  durationMs: number;
  timedOut: boolean;
  aborted: boolean;
  /** The process could not be started at all. */
  spawnError: string | null;
}

/**
 * Collects output keeping the head and a rolling tail. The tail is a list of the chunks read
 * (dropped from the front once the rest still holds KEEP_BYTES), so a gigabyte of output costs a
 * pass over each chunk, not a copy of the whole tail per chunk.
 */
class OutputBuffer {
  private head = '';
  private readonly tail: string[] = [];
  private tailSize = 0;
  private dropped = 0;

  add(text: string): void {
    if (this.head.length < KEEP_BYTES) {
      const room = KEEP_BYTES - this.head.length;
      this.head += text.slice(0, room);
      text = text.slice(room);
    }
    if (!text) return;
    this.tail.push(text);
    this.tailSize += text.length;
    while (this.tail.length > 1 && this.tailSize - (this.tail[0] as string).length >= KEEP_BYTES) {
      const first = this.tail.shift() as string;
      this.tailSize -= first.length;
      this.dropped += first.length;
    }
  }

  toString(): string {
    let tail = this.tail.join('');
    let dropped = this.dropped;
    if (tail.length > KEEP_BYTES) {
      dropped += tail.length - KEEP_BYTES;
      tail = tail.slice(tail.length - KEEP_BYTES);
    }
    return dropped ? `${this.head}\n[… ${dropped} characters omitted …]\n${tail}` : this.head + tail;
  }
}

export async function runCommand(opts: ExecOptions): Promise<ExecResult> {
  const started = Date.now();
  const notRun: ExecResult = {
    exitCode: null,
    output: '',
    durationMs: 0,
    timedOut: false,
    aborted: true,
    spawnError: null,
  };
  if (opts.signal.aborted) return notRun;
  const sandboxed = await sandboxedCommand(opts.sandbox, opts.command, opts.cwd);
  // Interrupted while the sandbox was being prepared: nothing runs.
  if (opts.signal.aborted) {
    sandboxed.release();
    return notRun;
  }
  const [file, ...args] = sandboxed.argv;
  const out = new OutputBuffer();
  return new Promise((resolve) => {
    const child = spawn(file ?? 'bash', args, {
      cwd: opts.cwd,
      env: commandEnv(opts.env ?? process.env, {
        allow: opts.allowEnv,
        extra: opts.extraEnv,
        privateTmpRoots: sandboxed.privateTmp
          ? opts.sandbox.mode === 'workspace-write'
            ? opts.sandbox.writableRoots
            : []
          : null,
      }),
      detached: true, // its own process group: one kill reaches every descendant
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let aborted = false;
    const killGroup = (signal: NodeJS.Signals = 'SIGKILL'): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    // SIGTERM first, SIGKILL a moment later: a login shell killed outright in the middle of its
    // profile can leave a lock behind (pyenv's rehash lock stalled every later `bash -lc` 60 s).
    const stopGroup = (): void => {
      if (sandboxed.wrapped && child.pid !== undefined) terminateInside(child.pid);
      else killGroup('SIGTERM');
      setTimeout(killGroup, STOP_GRACE_MS).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup();
    }, opts.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      stopGroup();
    };
    opts.signal.addEventListener('abort', onAbort, { once: true });
    for (const stream of [child.stdout, child.stderr]) {
      const decoder = new StringDecoder('utf8');
      stream.on('data', (chunk: Buffer) => {
        const text = decoder.write(chunk);
        if (!text || aborted) return;
        out.add(text);
        opts.onOutput(text);
      });
    }
    let spawnError: string | null = null;
    child.on('error', (e) => {
      spawnError = e.message;
    });
    // A backgrounded child may hold the pipes open after the shell exits: give it a moment to
    // flush, then end the whole group so nothing outlives the command.
    child.on('exit', () => setTimeout(() => killGroup(), 200).unref());
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      sandboxed.release();
      opts.signal.removeEventListener('abort', onAbort);
      killGroup();
      resolve({
        exitCode: code ?? (signal ? 128 + (signalNumber(signal) ?? 0) : null),
        output: out.toString(),
        durationMs: Date.now() - started,
        timedOut,
        aborted,
        spawnError,
      });
    });
  });
}

function signalNumber(name: NodeJS.Signals): number | undefined {
  return (
    { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15, SIGPIPE: 13 } as Partial<
      Record<NodeJS.Signals, number>
    >
  )[name];
}
