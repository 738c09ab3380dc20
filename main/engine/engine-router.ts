/**
 * Where a new UI connection goes: the engine settings.json chooses, read as the connection
 * arrives (a change applies from the next connection on). The built-in server takes it
 * directly; another engine gets an EngineProxy. Web mode (`tandem serve`) and the desktop app
 * both hand their UI connections here.
 */
import { codexCommandOf, type EngineChoice } from '../../protocol/schema/engine';
import { createLinkedChannels } from '../../protocol/rpc/memory';
import { frameTransport, type MessageTransport } from '../../protocol/rpc/frames';
import type { ServerConnection } from '../server/connection';
import type { Logger } from '../server/log';
import { engineOf, readSettings } from '../settings';
import { connectRemoteEngine, spawnCodexEngine, type EngineLink } from '../transports/engine-links';
import { EngineProxy } from './engine-proxy';

/** What the shell uses of a UI connection (the desktop menu's commands go through it). */
export type UiConnection = Pick<ServerConnection, 'notify' | 'onInitialized' | 'onDispose'>;

export interface EngineRouterOptions {
  /** The home folder whose settings.json chooses the engine. */
  home: string;
  /** The built-in server. */
  builtin: { connect(transport: MessageTransport): ServerConnection };
  /** The environment a spawned engine gets. */
  env: NodeJS.ProcessEnv;
  /** The folder a spawned engine starts in. */
  cwd: string;
  log: Logger;
}

/** The engine choice in words, for errors and the log. */
function engineName(choice: EngineChoice): string {
  switch (choice.kind) {
    case 'builtin':
      return 'the built-in server';
    case 'codex':
      return `Codex (\`${codexCommandOf(choice)} app-server\`)`;
    case 'remote':
      return `the server at ${choice.url.replace(/([?&]token=)[^&]*/i, '$1…')}`;
  }
}

function startLink(choice: Exclude<EngineChoice, { kind: 'builtin' }>, o: EngineRouterOptions): Promise<EngineLink> {
  return choice.kind === 'codex'
    ? spawnCodexEngine(codexCommandOf(choice), o.env, o.cwd)
    : connectRemoteEngine(choice.url);
}

/** A function taking each new UI connection to the chosen engine. */
export function engineRouter(o: EngineRouterOptions): (transport: MessageTransport) => UiConnection {
  const local = (): MessageTransport => {
    const [ours, theirs] = createLinkedChannels();
    o.builtin.connect(frameTransport(theirs, { stampNotifications: true }));
    return frameTransport(ours);
  };
  return (transport) => {
    let choice: EngineChoice;
    try {
      choice = engineOf(readSettings(o.home));
    } catch (e) {
      // A broken settings.json: the built-in server, whose Settings screen says what is wrong.
      o.log.warn(`${e instanceof Error ? e.message : String(e)}; using the built-in server`);
      choice = { kind: 'builtin' };
    }
    if (choice.kind === 'builtin') return o.builtin.connect(transport);
    return new EngineProxy({
      ui: transport,
      link: startLink(choice, o),
      local,
      engineName: engineName(choice),
      log: o.log,
    });
  };
}
