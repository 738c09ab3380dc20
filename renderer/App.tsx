/**
 * The app's layout, and user actions turned into protocol requests. The connection (connect,
 * reconnect, notifications batched per frame, approvals into the state) is useConnection's.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Thread } from '../protocol/schema/thread';
import type { CommandDecision, FileEdit, HunkSelection } from '../protocol/schema/approval';
import type { TurnOptions } from './components/Composer';
import { OpenFolder } from './components/OpenFolder';
import { projectsOf } from './state/threads';
import { ReviewPane, reviewOpenFor } from './components/review/ReviewPane';
import { changesApi } from './components/review/changes-api';
import { ItemActionsContext } from './components/items/item-actions';
import { useItemActions } from './components/items/use-item-actions';
import { SettingsPanel } from './components/SettingsPanel';
import { EngineContext } from './components/engine-context';
import { engineOf, TANDEM_ENGINE, type EngineInfo } from './state/engine';
import { AppLayout } from './components/layout/AppLayout';
import { EmptyState } from './components/layout/EmptyState';
import { Inbox } from './components/layout/Inbox';
import { SidePane } from './components/layout/SidePane';
import { ThreadHeader } from './components/layout/ThreadHeader';
import { useLayout, useNarrow } from './components/layout/use-layout';
import { ThemeControl } from './theme/ThemeControl';
import { Dialog } from './ui/Dialog';
import { toasts } from './state/toasts';
import { ToastProvider } from './ui/Toast';
import { TooltipProvider } from './ui/Tooltip';

/** A failure the user should see: a toast that stays until dismissed. */
const showProblem = (message: string): void => void toasts.show(message, 'error');

import { warmMonaco } from './components/review/monaco';
import { loadInline, loadReviews, saveInline, saveReviews } from './state/review-storage';
import { ReviewsContext } from './components/review/reviews-context';
import { DisclosuresContext } from './components/disclosures-context';
import { Sidebar } from './components/Sidebar';
import { SearchDialog } from './components/search/SearchDialog';
import { ThreadPane } from './components/ThreadPane';
import { useProvideThreadNav } from './components/thread/thread-nav-context';
import { useForks } from './components/thread/use-forks';
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
import { useAppCommands } from './commands/use-app-commands';
import { CommandLayer } from './components/commands/CommandLayer';

/** Turns a thread opens with, and loads at a time as the user scrolls back. */
const TURNS_PAGE = 30;

export function App(): React.JSX.Element {
  const [state, dispatch] = useReducer(reduceApp, initialState, (s) => ({ ...s, composers: loadComposers() }));
  useEffect(() => saveComposers(state.composers), [state.composers]);
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
  const [layout, layoutDispatch] = useLayout();
  const narrow = useNarrow();
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
      toasts.dispatch({ type: 'cleared', kind: 'error' });
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
          showProblem(message);
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
        showProblem(e instanceof Error ? e.message : String(e));
      }
    },
    [client, resumeInto, setSelected],
  );

  // The transcript's row actions: fork from a turn, edit and resend a message.
  const cwdOf = (id: string): string | undefined => state.threads.byId[id]?.cwd;
  useProvideThreadNav(useForks({ client, open, dispatch, cwdOf, onProblem: showProblem }));

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
      showProblem(e instanceof Error ? e.message : String(e));
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
      showProblem(e instanceof Error ? e.message : String(e));
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
  const openSettings = useCallback(() => setShowSettings(true), []);
  const itemActions = useItemActions(
    changes,
    selected ? (state.threads.byId[selected]?.cwd ?? null) : null,
    transcript,
    openSettings,
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
        showProblem(
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
      showProblem(`${e instanceof Error ? e.message : String(e)} — your message is back in the composer.`);
    }
  };

  const retry = (turn: TurnView): void => {
    if (!selected) return;
    startTurn(selected, retryInputOf(turn), crypto.randomUUID())?.catch((e: unknown) =>
      showProblem(e instanceof Error ? e.message : String(e)),
    );
  };
  const stop = (): void => {
    if (running && selected) void client?.request('turn/interrupt', { threadId: selected, turnId: running.id });
  };

  const shown = selected ? state.threads.byId[selected] : undefined;
  const closeSide = (): void => layoutDispatch({ type: 'side', view: null });
  const emptyState = !transcript && !!client;
  const threadApprovals = state.approvals.pending.filter((a) => a.params.threadId === selected);
  // A pending file change under review takes the side pane: the diff gets the room.
  const reviewing = onTandem && !!client && reviewOpenFor(state.reviews, threadApprovals);
  const keys = useAppCommands({
    state,
    selected,
    connected: !!client,
    running: !!running,
    open: (id) => void open(id),
    command: (cmd) => uiCommand.current(cmd),
    stop,
    toggleSidebar: () => layoutDispatch({ type: 'toggleSidebar', narrow }),
    toggleChanges: () => layoutDispatch({ type: 'toggleSide', view: { kind: 'changes' } }),
  });

  return (
    <ReviewsContext.Provider value={reviews}>
      <DisclosuresContext.Provider value={disclosures}>
        <TooltipProvider>
          <ToastProvider>
            <AppLayout
              layout={layout}
              dispatch={layoutDispatch}
              narrow={narrow}
              sidebar={
                <Sidebar
                  threads={state.threads}
                  selected={selected}
                  showOpenFolder={!emptyState}
                  onSelect={(id) => void open(id)}
                  onOpenFolder={() => setPicking(true)}
                  onNewThread={(cwd) => void startThread(cwd)}
                  onRename={(id, name) => void client?.request('thread/name/set', { threadId: id, name })}
                  onArchive={(id, archived) =>
                    void client?.request(archived ? 'thread/archive' : 'thread/unarchive', { threadId: id })
                  }
                  onSettings={() => setShowSettings(true)}
                />
              }
              header={
                <ThreadHeader
                  layout={layout}
                  dispatch={layoutDispatch}
                  narrow={narrow}
                  thread={
                    transcript ? { title: shown?.name || shown?.preview || 'New thread', cwd: shown?.cwd ?? '' } : null
                  }
                  pending={state.approvals.pending.length}
                />
              }
              main={
                <>
                  {connection.type === 'connecting' ? <p className="muted connecting">Connecting…</p> : null}
                  {connection.type === 'reconnecting' ? (
                    <p className="reconnecting" role="status">
                      Disconnected from the Tandem server. Reconnecting…
                    </p>
                  ) : null}
                  {connection.type === 'failed' ? (
                    <p className="error connection-failed" role="alert">
                      {connection.message}
                    </p>
                  ) : null}
                  {transcript ? (
                    <ItemActionsContext.Provider value={itemActions}>
                      <EngineContext.Provider value={engine}>
                        <ThreadPane
                          transcript={transcript}
                          approvals={threadApprovals}
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
                  ) : emptyState ? (
                    <EmptyState
                      recent={projectsOf(state.threads, { archived: false, search: '' }).map((p) => p.cwd)}
                      onOpenFolder={() => setPicking(true)}
                      onNewThread={(cwd) => void startThread(cwd)}
                    />
                  ) : null}
                </>
              }
              sideIsReview={reviewing}
              side={
                reviewing ? (
                  <ReviewPane client={client} approvals={threadApprovals} onAnswer={answer} />
                ) : transcript && selected && layout.side ? (
                  <SidePane
                    view={layout.side}
                    threadId={selected}
                    transcript={transcript}
                    engine={engine}
                    changes={changes}
                    undone={itemActions.undone}
                    onClose={closeSide}
                  />
                ) : null
              }
              inbox={
                state.approvals.pending.length > 0 ? (
                  <Inbox
                    pending={state.approvals.pending}
                    selected={selected}
                    threadName={(id) => {
                      const t = state.threads.byId[id];
                      return t ? t.name || t.preview || 'New thread' : '';
                    }}
                    onOpen={(id) => void open(id)}
                  />
                ) : null
              }
            />
            <Dialog open={showSettings} onOpenChange={setShowSettings} title="Settings" size="lg">
              <ThemeControl />
              {client ? (
                <SettingsPanel
                  read={() => client.request('tandem/settings/read', {})}
                  write={(p) => client.request('tandem/settings/write', p)}
                  test={() => client.request('tandem/settings/testConnection', {})}
                  connected={engine}
                  onClose={() => setShowSettings(false)}
                />
              ) : (
                <p className="muted">Connecting…</p>
              )}
            </Dialog>
            <Dialog open={picking && !!client} onOpenChange={setPicking} title="Open folder">
              {client ? (
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
            </Dialog>
            <SearchDialog client={client} onOpenThread={(id) => void open(id)} />
            <CommandLayer commands={keys.commands} notificationsWanted={keys.notificationsWanted} />
          </ToastProvider>
        </TooltipProvider>
      </DisclosuresContext.Provider>
    </ReviewsContext.Provider>
  );
}
