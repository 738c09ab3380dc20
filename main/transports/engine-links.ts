/**
 * Links to an engine the UI's connections are proxied to (main/engine): a spawned
 * `codex app-server` child over its stdio (JSONL), or a WebSocket client to a Codex-compatible
 * server. Each is a frame channel of whole JSON texts; what they carry is the proxy's business.
 */
import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import type { FrameChannel } from '../../protocol/rpc/frames';
import { streamChannel } from './stdio';
import { socketChannel } from './websocket';

/** An engine link once it is up, and how to stop what it started. */
export interface EngineLink {
  channel: FrameChannel;
  /** What the engine printed on stderr lately (for saying why it stopped). */
  stderrTail(): string;
  /** Stop the engine (the child is killed; the socket closed). */
  stop(): void;
  /** Stop reading what the engine sends (the page is behind), and go on. */
  pause(): void;
  resume(): void;
}

const STDERR_TAIL = 2_000;

/**
 * Spawn `command app-server` with `env`. Resolves once the process started; rejects when it
 * could not be (no such command, not executable), saying which command.
 */
export function spawnCodexEngine(command: string, env: NodeJS.ProcessEnv, cwd: string): Promise<EngineLink> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['app-server'], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let tail = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-STDERR_TAIL);
    });
    // A write after the child died must not take the server down.
    child.stdin.on('error', () => undefined);
    child.once('error', (e) => reject(new Error(`could not start \`${command} app-server\`: ${e.message}`)));
    child.once('spawn', () => {
      const channel = streamChannel(child.stdout, child.stdin);
      // Its output ends when it exits; the channel's close is what the proxy watches.
      child.once('exit', () => channel.close());
      resolve({
        channel,
        stderrTail: () => tail.trim(),
        // A paused stdout fills the pipe, and Codex waits to write: the backlog stays bounded.
        pause: () => child.stdout.pause(),
        resume: () => child.stdout.resume(),
        stop: () => {
          channel.close();
          child.stdin.end();
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        },
      });
    });
  });
}

/** How long connecting to a remote engine may take. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Connect to a Codex-compatible server at `url` (ws:// or wss://). */
export function connectRemoteEngine(url: string): Promise<EngineLink> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { handshakeTimeout: CONNECT_TIMEOUT_MS });
    ws.once('error', (e) => reject(new Error(`could not connect to ${url}: ${e.message}`)));
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`could not connect to ${url}: HTTP ${res.statusCode ?? '?'}`));
      ws.terminate();
    });
    ws.once('open', () => {
      const channel = socketChannel(ws);
      resolve({
        channel,
        stderrTail: () => '',
        stop: () => ws.close(),
        pause: () => ws.pause(),
        resume: () => ws.resume(),
      });
    });
  });
}
