/**
 * The app's layout, and user actions turned into protocol requests. The connection (connect,
 * reconnect, notifications batched per frame, approvals into the state) is useConnection's.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Thread } from '../protocol/schema/thread';
import type { CommandDecision, FileEdit, HunkSelection } from '../protocol/schema/approval';
import type { TurnOptions } from './components/Composer';
import { OpenFolder } from './components/OpenFolder';
import { ChangesPanel } from './components/review/ChangesPanel';
import { changesApi } from './components/review/changes-api';
import { ItemActionsContext } from './components/items/item-actions';
import { useItemActions } from './components/items/use-item-actions';
import { SettingsPanel } from './components/SettingsPanel';
import { EngineContext } from './components/engine-context';
import { TurnDiffPanel } from './components/review/TurnDiffPanel';
import { engineOf, TANDEM_ENGINE, type EngineInfo } from './state/engine';
import { turnDiffOf } from './state/turn-diff';

import { warmMonaco } from './components/review/monaco';
import { loadInline, loadReviews, saveInline, saveReviews } from './state/review-storage';
import { ReviewsContext } from './components/review/reviews-context';
import { ReviewPane } from './components/review/ReviewPane';
import { DisclosuresContext } from './components/disclosures-context';
import { Sidebar } from './components/Sidebar';
import { ThreadPane } from './components/ThreadPane';
import { loadComposers, saveComposers } from './composer-storage';
import type { TandemClient } from './rpc/client';
import { useConnection } from './rpc/use-connection';
import { rememberedThread, rememberThread } from './page-address';
import { initialState, reduceApp } from './state/app';
import type { Approval } from './state/approvals';
import type { ToolRequestUserInputResponse } from '../protocol/schema/user-input';
import type { ReviewsAction } from './state/reviews';
import { composerOf, retryInputOf } from './state/composer';
import { threadSettingsOf } from './state/thread-settings';
import { sandboxPolicyOf } from '../protocol/policy';
import { activeTurn, emptyTranscript, type TurnView } from './state/transcript';
import type { UserInput } from '../protocol/schema/item';

/** Turns a thread opens with, and loads at a time as the user scrolls back. */
const TURNS_PAGE = 30;

export function App(): React.JSX.Element {
  const [state, dispatch] = useReducer(reduceApp, initialState, (s) => ({ ...s, composers: loadComposers() }));
  useEffect(() => saveComposers(state.composers), [state.composers]);
  const [problem, setProblem] = useState<string | null>(null);
  // The thread shown, remembered in the address so a reload (or a reconnect) opens it again.
  const [selected, setSelectedState] = useState<string | null>(rememberedThread);
  const selectedRef = useRef(selected);
  const setSelected = useCallback((id: string | null) => {
    selectedRef.current = id;
    rememberThread(id);
    setSelectedState(id);
  }, []);
  const [picking, setPicking] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const [showChanges, setShowChanges] = useState(false);
  const [models, setModels] = useState<string[]>([]);
  // What the open thread runs with, from the server's answers (never assumed here).
  const [options, setOptions] = useState<TurnOptions>({
    model: '',
    approvalPolicy: 'on-request',
    sandbox: 'workspace-write',
  });
  // The thread `options` were read from: a turn sends them only to that thread, never another's.
  const optionsOf = useRef<string | null>(null);
  // The desktop menu's commands; a ref so the connection's listener always calls the latest.
  const uiCommand = useRef<(command: 'openFolder' | 'newThread' | 'settings', path?: string) => void>(() => {});
  // The server's identity (its home folder), under which this tab keeps pending reviews' choices.
  const [server, setServer] = useState<string | null>(null);
  // Tandem's engine, or another Codex-compatible one (Tandem's extensions hidden or replaced then).
  const [engine, setEngine] = useState<EngineInfo>(TANDEM_ENGINE);
  const onTandem = engine.kind === 'tandem';

  /** Show a thread: resume it (following it from now on) and put its latest turns on screen. */
  const resumeInto = useCallback(async (c: TandemClient, threadId: string): Promise<void> => {
    // The latest turns only: a thread of thousands of items opens as fast as a short one, and
    // older turns load as the user scrolls back (loadOlder). In order with the notifications: a
    // running turn comes as far as it got, and its stream continues from there.
    const res = await c.requestInOrder('thread/resume', {
      threadId,
      excludeTurns: true,
      initialTurnsPage: { limit: TURNS_PAGE, itemsView: 'full' },
    });
    const page = res.initialTurnsPage;
    dispatch({
      type: 'opened',
      thread: res.thread,
      page: { turns: page?.data.toReversed() ?? res.thread.turns, olderCursor: page?.nextCursor ?? null },
    });
    // The pickers show the thread's own settings.
    setOptions(threadSettingsOf(res));
    optionsOf.current = threadId;
  }, []);

  const connection = useConnection({
    dispatch,
    onUiCommand: (command, path) => uiCommand.current(command, path),
    onOpen: async (c, reconnected, init) => {
      const { codexHome } = init;
      setEngine(engineOf(init));
      if (!reconnected) {
        // Choices made in the pending reviews before a reload, ready before any approval shows.
        dispatch({
          type: 'review',
          action: {
            type: 'reviewsRestored',
            reviews: loadReviews(sessionStorage, codexHome),
            inline: loadInline(localStorage),
          },
        });
        setServer(codexHome);
      }
      const listed: Thread[] = [];
      setProblem(null);
      for (const archived of [false, true]) {
        // The sidebar shows recent activity first (Codex's default order is by creation).
        const page = await c.request('thread/list', { limit: 200, archived, sortKey: 'updated_at' });
        dispatch({ type: 'listed', threads: page.data, archived });
        listed.push(...page.data);
      }
      const shown = selectedRef.current;
      if (shown) {
        try {
          await resumeInto(c, shown);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          if (/^Disconnected/.test(message)) throw e; // try again with the next connection
          setSelected(null); // the server refused it (gone, or not a thread id)
          setProblem(message);
        }
      }
      // Approvals waiting in other threads come back to the inbox (the server re-sends them to a client that resumes).
      const waiting = listed.filter(
        (t) =>
          t.id !== shown &&
          t.status.type === 'active' &&
          (t.status.activeFlags.includes('waitingOnApproval') || t.status.activeFlags.includes('waitingOnUserInput')),
      );
      await Promise.all(
        waiting.map((t) => c.request('thread/resume', { threadId: t.id, excludeTurns: true }).catch(() => undefined)),
      );
      if (!reconnected) {
        // Monaco (several MB of script, and a worker) gets ready while the app is idle, not when
        // the first diff must show.
        requestIdleCallback(() => void warmMonaco().catch(() => undefined), { timeout: 2_000 });
      }
      c.request('model/list', {}).then(
        (r) => setModels(r.data.map((m) => m.id)),
        () => setModels([]),
      );
    },
  });
  const client = connection.type === 'open' ? connection.client : null;

  useEffect(() => {
    if (server) saveReviews(sessionStorage, server, state.reviews);
  }, [server, state.reviews.byKey]); // choices only: view states are not kept
  useEffect(() => {
    if (server) saveInline(localStorage, state.reviews.inline);
  }, [server, state.reviews.inline]);
  const reviewDispatch = useCallback((action: ReviewsAction) => dispatch({ type: 'review', action }), []);
  const reviews = useMemo(() => ({ state: state.reviews, dispatch: reviewDispatch }), [state.reviews, reviewDispatch]);
  const disclose = useCallback((key: string, open: boolean) => dispatch({ type: 'disclosure', key, open }), []);
  const disclosures = useMemo(() => ({ state: state.disclosures, set: disclose }), [state.disclosures, disclose]);

  const open = useCallback(
    async (threadId: string) => {
      setSelected(threadId); // while reconnecting too: the reconnect then resumes it
      if (!client) return;
      try {
        await resumeInto(client, threadId);
      } catch (e) {
        setProblem(e instanceof Error ? e.message : String(e));
      }
    },
    [client, resumeInto, setSelected],
  );

  const loadingOlder = useRef(new Set<string>());
  const loadOlder = async (threadId: string): Promise<boolean> => {
    const cursor = state.transcripts[threadId]?.olderCursor;
    if (!client || !cursor || loadingOlder.current.has(threadId)) return false;
    loadingOlder.current.add(threadId);
    try {
      const res = await client.request('thread/turns/list', { threadId, cursor, limit: TURNS_PAGE, itemsView: 'full' });
      dispatch({
        type: 'olderTurns',
        threadId,
        page: { turns: res.data.toReversed(), olderCursor: res.nextCursor ?? null },
      });
      return res.data.length > 0;
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      loadingOlder.current.delete(threadId);
    }
  };

  const startThread = async (cwd: string): Promise<void> => {
    if (!client) return;
    try {
      // No policy or sandbox sent: the server gives a new thread the defaults saved in Settings,
      // and the pickers show what it answered.
      const res = await client.request('thread/start', { cwd });
      dispatch({ type: 'opened', thread: res.thread });
      setSelected(res.thread.id);
      setOptions(threadSettingsOf(res));
      optionsOf.current = res.thread.id;
      setPicking(false);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };

  uiCommand.current = (cmd, path) => {
    if (cmd === 'settings') setShowSettings(true);
    else if (cmd === 'openFolder' && path) void startThread(path);
    else if (cmd === 'openFolder') setPicking(true);
    else {
      const cwd = selected ? state.threads.byId[selected]?.cwd : undefined;
      if (cwd) void startThread(cwd);
      else setPicking(true);
    }
  };

  const answer = (a: Approval, decision: CommandDecision, hunks?: HunkSelection[], edits?: FileEdit[]): void => {
    // Hunks and edits go with a plain decision on a file change; an amendment only ever answers a command.
    const extra =
      typeof decision === 'string' ? { ...(hunks ? { hunks } : {}), ...(edits?.length ? { edits } : {}) } : {};
    client?.respond(a.requestId, { decision, ...extra });
    dispatch({ type: 'approvalAnswered', requestId: a.requestId });
  };

  const answerQuestions = (a: Approval, response: ToolRequestUserInputResponse): void => {
    client?.respond(a.requestId, response);
    dispatch({ type: 'approvalAnswered', requestId: a.requestId });
  };

  const transcript = selected ? (state.transcripts[selected] ?? emptyTranscript(selected)) : null;
  const running = transcript ? activeTurn(transcript) : undefined;
  const changes = useMemo(
    () => (client && selected && onTandem ? changesApi(client, selected) : null),
    [client, selected, onTandem],
  );
  const itemActions = useItemActions(
    changes,
    selected ? (state.threads.byId[selected]?.cwd ?? null) : null,
    transcript,
  );

  const startTurn = (threadId: string, input: UserInput[], clientId: string) =>
    client?.request('turn/start', {
      threadId,
      input,
      clientUserMessageId: clientId,
      // The pickers' values, unless they are still another thread's (its resume not answered yet).
      ...(optionsOf.current === threadId
        ? {
            approvalPolicy: options.approvalPolicy,
            sandboxPolicy: sandboxPolicyOf(options.sandbox),
            ...(options.model ? { model: options.model } : {}),
          }
        : {}),
    });

  // A message that does not get through goes back into the composer: the user's words are never lost.
  const send = async (text: string): Promise<void> => {
    if (!client || !selected) return;
    const threadId = selected;
    const input = [{ type: 'text' as const, text }];
    const clientId = crypto.randomUUID();
    if (running) {
      // Shown at once as queued; the server announces it (with this id) when the model takes it.
      dispatch({ type: 'composer/queued', threadId, message: { clientId, turnId: running.id, text } });
      try {
        await client.request('turn/steer', {
          threadId,
          expectedTurnId: running.id,
          input,
          clientUserMessageId: clientId,
        });
      } catch (e) {
        dispatch({ type: 'composer/returned', threadId, text, clientId });
        setProblem(
          `Your message did not reach the running turn (${e instanceof Error ? e.message : String(e)}); it is back in the composer.`,
        );
      }
      return;
    }
    dispatch({ type: 'composer/draft', threadId, text: '' });
    try {
      await startTurn(threadId, input, clientId);
    } catch (e) {
      dispatch({ type: 'composer/returned', threadId, text });
      setProblem(`${e instanceof Error ? e.message : String(e)} — your message is back in the composer.`);
    }
  };

  const retry = (turn: TurnView): void => {
    if (!selected) return;
    startTurn(selected, retryInputOf(turn), crypto.randomUUID())?.catch((e: unknown) =>
      setProblem(e instanceof Error ? e.message : String(e)),
    );
  };
  const stop = (): void => {
    if (running && selected) void client?.request('turn/interrupt', { threadId: selected, turnId: running.id });
  };

  return (
    <ReviewsContext.Provider value={reviews}>
      <DisclosuresContext.Provider value={disclosures}>
        <div className="app">
          <Sidebar
            threads={state.threads}
            selected={selected}
            onSelect={(id) => void open(id)}
            onOpenFolder={() => setPicking(true)}
            onNewThread={(cwd) => void startThread(cwd)}
            onRename={(id, name) => void client?.request('thread/name/set', { threadId: id, name })}
            onArchive={(id, archived) =>
              void client?.request(archived ? 'thread/archive' : 'thread/unarchive', { threadId: id })
            }
            onSettings={() => setShowSettings(true)}
          />
          <main className="main">
            {problem ? (
              <p className="error" role="alert">
                {problem}{' '}
                <button className="link" onClick={() => setProblem(null)} aria-label="Dismiss">
                  ×
                </button>
              </p>
            ) : null}
            {connection.type === 'connecting' ? <p className="muted">Connecting…</p> : null}
            {connection.type === 'reconnecting' ? (
              <p className="reconnecting" role="status">
                Disconnected from the Tandem server. Reconnecting…
              </p>
            ) : null}
            {connection.type === 'failed' ? (
              <p className="error" role="alert">
                {connection.message}
              </p>
            ) : null}
            {showSettings && client ? (
              <SettingsPanel
                read={() => client.request('tandem/settings/read', {})}
                write={(p) => client.request('tandem/settings/write', p)}
                test={() => client.request('tandem/settings/testConnection', {})}
                connected={engine}
                onClose={() => setShowSettings(false)}
              />
            ) : null}
            {picking && client ? (
              <OpenFolder
                // Folder completion is Tandem's extension: on another engine the path is typed whole.
                complete={
                  onTandem
                    ? async (prefix) => (await client.request('tandem/folders/complete', { prefix })).folders
                    : null
                }
                onOpen={(path) => void startThread(path)}
                onCancel={() => setPicking(false)}
              />
            ) : null}
            {transcript && showChanges && !onTandem ? (
              <TurnDiffPanel
                key={selected}
                turns={transcript.turns.map((t, i) => ({ id: t.id, label: `Turn ${i + 1}`, diff: turnDiffOf(t) }))}
                engine={engine.name}
                onClose={() => setShowChanges(false)}
              />
            ) : null}
            {transcript && showChanges && changes && selected ? (
              <ChangesPanel
                key={selected}
                turns={transcript.turns.map((t, i) => ({ id: t.id, label: `Turn ${i + 1}` }))}
                api={changes}
                undone={itemActions.undone}
                onClose={() => setShowChanges(false)}
              />
            ) : null}
            {transcript ? (
              <>
                <div className="thread-bar">
                  <button onClick={() => setShowChanges(!showChanges)} aria-pressed={showChanges}>
                    Changes
                  </button>
                </div>
                <ItemActionsContext.Provider value={itemActions}>
                  <EngineContext.Provider value={engine}>
                    <ThreadPane
                      transcript={transcript}
                      approvals={state.approvals.pending.filter((a) => a.params.threadId === selected)}
                      composer={composerOf(state.composers, transcript.threadId)}
                      offline={!client}
                      options={options}
                      models={models}
                      tokens={transcript.tokens?.total ?? null}
                      onAnswer={answer}
                      onUserInput={answerQuestions}
                      onLoadOlder={() => (selected ? loadOlder(selected) : Promise.resolve(false))}
                      onOptions={setOptions}
                      onDraft={(text) => dispatch({ type: 'composer/draft', threadId: transcript.threadId, text })}
                      onSend={(t) => void send(t)}
                      onStop={stop}
                      onRetry={retry}
                    />
                  </EngineContext.Provider>
                </ItemActionsContext.Provider>
              </>
            ) : client && !picking ? (
              <div className="empty">
                <h1>Tandem</h1>
                <p>Open a project folder to start working with the agent.</p>
              </div>
            ) : null}
          </main>
          {onTandem ? (
            <ReviewPane
              client={client}
              approvals={state.approvals.pending.filter((a) => a.params.threadId === selected)}
              onAnswer={answer}
            />
          ) : null}
          {state.approvals.pending.length > 0 ? (
            <aside className="inbox" aria-label="Approvals inbox">
              <h2>Waiting for you ({state.approvals.pending.length})</h2>
              <ul>
                {state.approvals.pending.map((a) => (
                  <li key={String(a.requestId)}>
                    <button className="link" onClick={() => void open(a.params.threadId)}>
                      {a.method === 'item/commandExecution/requestApproval'
                        ? `Run: ${a.params.command ?? ''}`
                        : a.method === 'item/tool/requestUserInput'
                          ? `Question: ${a.params.questions[0]?.header || a.params.questions[0]?.question || ''}`
                          : 'File changes'}
                    </button>
                  </li>
                ))}
              </ul>
            </aside>
          ) : null}
        </div>
      </DisclosuresContext.Provider>
    </ReviewsContext.Provider>
  );
}
