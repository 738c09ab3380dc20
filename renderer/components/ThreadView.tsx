/**
 * A thread's transcript, windowed: only the rows in view are in the DOM, so threads with
 * thousands of items stay smooth. It follows the bottom while the user is there ("jump to latest"
 * when they scrolled up), keeps its position over a reload, finds text (Ctrl/Cmd+F), shows the
 * item a search result asks for, and offers actions on each row (copy, edit and resend, fork).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'react';
import type { CommandDecision, FileEdit, HunkSelection } from '../../protocol/schema/approval';
import type { FileUpdateChange } from '../../protocol/schema/item';
import type { Approval } from '../state/approvals';
import type { QueuedMessage } from '../state/composer';
import type { TranscriptState } from '../state/transcript';
import type { ToolRequestUserInputResponse } from '../../protocol/schema/user-input';
import { OTHER_ITEM } from '../../protocol/schema/wire-item';
import { itemRowKey, itemText } from '../state/find';
import { reduceMessageEdit } from '../state/message-edit';
import { ApprovalCard } from './ApprovalCard';
import { UserInputCard } from './UserInputCard';
import { ItemView } from './items/ItemView';
import { TurnEnd } from './items/TurnEnd';
import { FindBar } from './thread/FindBar';
import { MessageEditor } from './thread/MessageEditor';
import { RowActions } from './thread/RowActions';
import { useThreadNav } from './thread/thread-nav-context';
import { useFind } from './thread/use-find';
import { usePaintedMatches } from './thread/use-painted-matches';
import { useReveal } from './thread/use-reveal';
import { useScrollMemory } from './thread/use-scroll-memory';
import './thread/thread.css';

type Row =
  | { kind: 'older'; key: string; itemId: null }
  | {
      kind: 'item';
      key: string;
      itemId: string;
      turn: TurnViewT;
      view: TranscriptState['turns'][number]['items'][number];
    }
  | { kind: 'turnEnd'; key: string; itemId: null; turn: TurnViewT }
  | { kind: 'approval'; key: string; itemId: null; approval: Approval }
  | { kind: 'queued'; key: string; itemId: null; message: QueuedMessage };

type TurnViewT = TranscriptState['turns'][number];

interface ThreadViewProps {
  transcript: TranscriptState;
  approvals: Approval[];
  onAnswer: (a: Approval, d: CommandDecision, hunks?: HunkSelection[], edits?: FileEdit[]) => void;
  /** Answers the agent's questions (request_user_input). */
  onUserInput?: (a: Approval, response: ToolRequestUserInputResponse) => void;
  /** Loads the turns before the first one shown (a long thread opens at its end); true when some came. */
  onLoadOlder: () => Promise<boolean>;
  /** Sent during a turn, not yet taken by the model: shown last, marked queued. */
  queued: QueuedMessage[];
  /** Sends a failed turn's input again as a new turn; absent while a turn runs. */
  onRetry?: (turn: TurnViewT) => void;
}

/** One transcript per thread: its scroll position, find and edits start afresh in another thread. */
export function ThreadView(props: ThreadViewProps): React.JSX.Element {
  return <Transcript key={props.transcript.threadId} {...props} />;
}

function Transcript(props: ThreadViewProps): React.JSX.Element {
  const { transcript, approvals, queued } = props;
  const { threadId } = transcript;
  const rows = useMemo<Row[]>(() => {
    const out: Row[] = transcript.olderCursor ? [{ kind: 'older', key: 'older', itemId: null }] : [];
    for (const turn of transcript.turns) {
      for (const view of turn.items)
        out.push({ kind: 'item', key: itemRowKey(turn.id, view.item.id), itemId: view.item.id, turn, view });
      for (const a of approvals.filter((x) => x.params.turnId === turn.id))
        out.push({ kind: 'approval', key: `approval:${String(a.requestId)}`, itemId: null, approval: a });
      if (turn.status !== 'completed' || turn.errors.length || turn.plan)
        out.push({ kind: 'turnEnd', key: `${turn.id}:end`, itemId: null, turn });
    }
    for (const message of queued)
      out.push({ kind: 'queued', key: `queued:${message.clientId}`, itemId: null, message });
    return out;
  }, [transcript, approvals, queued]);

  const scroller = useRef<HTMLDivElement>(null);
  // Sizes estimated from what a row holds: opening a long thread at its end then takes one
  // measuring pass or two, not a cascade of corrections.
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => estimateRow(rows[i]),
    overscan: 4,
    getItemKey: (i) => rows[i]?.key ?? i,
  });

  // Older turns, one request at a time whoever asks (scrolling back, find, a focused item, a
  // restore); resolved once the page is in the rows, so the caller sees what came.
  const latest = useRef({ transcript, onLoadOlder: props.onLoadOlder });
  const committed = useRef<Array<() => void>>([]);
  useEffect(() => {
    latest.current = { transcript, onLoadOlder: props.onLoadOlder };
    const waiting = committed.current;
    committed.current = [];
    for (const w of waiting) w();
  });
  const inflight = useRef<Promise<boolean> | null>(null);
  const fetchOlder = useCallback((): Promise<boolean> => {
    inflight.current ??= (async () => {
      const before = latest.current.transcript;
      if (!before.olderCursor) return false;
      const added = await latest.current.onLoadOlder();
      if (added && latest.current.transcript === before)
        await new Promise<void>((resolve) => {
          committed.current.push(resolve);
          setTimeout(resolve, 3_000);
        });
      return added;
    })().finally(() => {
      inflight.current = null;
    });
    return inflight.current;
  }, []);

  const memory = useScrollMemory({
    threadId,
    rows,
    lastTurnId: transcript.turns.at(-1)?.id,
    queued: queued.length,
    virtual,
    scroller,
    hasOlder: !!transcript.olderCursor,
    loadOlder: fetchOlder,
  });

  // Older turns arrive above what the user is reading: keep that row where it was.
  const anchor = useRef<string | null>(null);
  const loadOlder = (): void => {
    if (anchor.current !== null || memory.restoring()) return;
    const top = scroller.current?.scrollTop ?? 0;
    const first = virtual.getVirtualItems().find((v) => v.end > top && rows[v.index]?.kind !== 'older');
    anchor.current = (first && rows[first.index]?.key) ?? null;
    void fetchOlder().then((added) => {
      // Nothing came (an error, or nothing older): no row to keep in place, and another try may go.
      if (!added) anchor.current = null;
    });
  };
  useLayoutEffect(() => {
    const key = anchor.current;
    if (key === null) return;
    const i = rows.findIndex((r) => r.key === key);
    if (i > 1 || rows[0]?.kind !== 'older') {
      anchor.current = null;
      if (i >= 0) virtual.scrollToIndex(i, { align: 'start' });
    }
  }, [rows, virtual]);

  const find = useFind(transcript);
  const reveal = useReveal({
    threadId,
    rows,
    virtual,
    hasOlder: !!transcript.olderCursor,
    loadOlder: fetchOlder,
    hold: memory.hold,
  });
  const current = find.current >= 0 ? find.matches[find.current] : undefined;
  usePaintedMatches(scroller, {
    query: find.open ? find.query : '',
    current: find.open && current ? { key: current.key, occurrence: current.occurrence } : null,
    focus: reveal.mark?.term ? { key: reveal.mark.key, term: reveal.mark.term } : null,
    revealSeq: reveal.mark?.seq ?? 0,
  });
  const closeFind = (): void => {
    find.close();
    reveal.clearMark();
  };
  const [loadingAll, setLoadingAll] = useReducer((_: boolean, v: boolean) => v, false);
  const loadAllOlder = async (): Promise<void> => {
    setLoadingAll(true);
    for (let pages = 0; pages < 100 && latest.current.transcript.olderCursor; pages++) if (!(await fetchOlder())) break;
    setLoadingAll(false);
  };

  const nav = useThreadNav();
  const [edit, editDispatch] = useReducer(reduceMessageEdit, null);
  const resend = async (turnId: string): Promise<void> => {
    if (!edit || !nav) return;
    const { text } = edit;
    editDispatch({ type: 'sending' });
    try {
      // The fork keeps the turns before the message's: the one before it may not be loaded yet.
      const indexOf = (): number => latest.current.transcript.turns.findIndex((t) => t.id === turnId);
      while (indexOf() === 0 && latest.current.transcript.olderCursor) if (!(await fetchOlder())) break;
      const i = indexOf();
      if (i < 0 || (i === 0 && latest.current.transcript.olderCursor))
        throw new Error('the turns before this message could not be loaded');
      await nav.resend(threadId, latest.current.transcript.turns[i - 1]?.id ?? null, text);
      editDispatch({ type: 'done' });
    } catch (e) {
      editDispatch({ type: 'failed', error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div className="thread-view">
      {find.open ? (
        <FindBar
          query={find.query}
          current={find.current}
          total={find.matches.length}
          hasOlder={!!transcript.olderCursor}
          loadingOlder={loadingAll}
          focusSeq={find.focusSeq}
          onQuery={find.setQuery}
          onStep={find.step}
          onLoadOlder={() => void loadAllOlder()}
          onClose={closeFind}
        />
      ) : null}
      <div
        className="transcript"
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          memory.onScroll(el);
          if (el.scrollTop < 400 && transcript.olderCursor) loadOlder();
        }}
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            const marked = reveal.mark?.key === row.key;
            return (
              <div
                key={row.key}
                data-index={v.index}
                data-row-key={row.key}
                ref={virtual.measureElement}
                className={marked ? 'row row-marked' : 'row'}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}
              >
                {row.kind === 'older' ? (
                  <button className="link older" onClick={loadOlder}>
                    Load earlier turns
                  </button>
                ) : row.kind === 'item' && edit?.key === row.key ? (
                  <MessageEditor
                    edit={edit}
                    onText={(text) => editDispatch({ type: 'text', text })}
                    onResend={() => void resend(row.turn.id)}
                    onCancel={() => editDispatch({ type: 'done' })}
                  />
                ) : row.kind === 'item' ? (
                  <>
                    <ItemView item={row.view.item} done={row.view.done} />
                    <ItemActions
                      row={row}
                      nav={nav !== null}
                      onEdit={(text) => editDispatch({ type: 'start', key: row.key, text })}
                      onFork={() => void nav?.fork(threadId, row.turn.id)}
                    />
                  </>
                ) : row.kind === 'approval' && row.approval.method === 'item/tool/requestUserInput' ? (
                  <UserInputCard params={row.approval.params} onSubmit={(r) => props.onUserInput?.(row.approval, r)} />
                ) : row.kind === 'approval' ? (
                  <ApprovalCard
                    approval={row.approval}
                    onAnswer={(d, hunks, edits) => props.onAnswer(row.approval, d, hunks, edits)}
                    changes={changesOf(transcript, row.approval)}
                  />
                ) : row.kind === 'queued' ? (
                  <div className="item user queued" aria-label="Queued for the agent">
                    <p>{row.message.text}</p>
                    <span className="queued-mark">Queued · sent when the agent is ready</span>
                  </div>
                ) : (
                  <TurnEnd turn={row.turn} onRetry={props.onRetry} />
                )}
              </div>
            );
          })}
        </div>
      </div>
      {memory.away ? (
        <button type="button" className="jump-latest" onClick={memory.jumpToLatest}>
          <span className="codicon codicon-arrow-down" aria-hidden /> Jump to latest
          {memory.newItems > 0 ? <span className="jump-count"> · {memory.newItems} new</span> : null}
        </button>
      ) : null}
    </div>
  );
}

/** A row's actions: what its item allows (a finished turn's rows fork; a user message edits). */
function ItemActions(props: {
  row: Extract<Row, { kind: 'item' }>;
  nav: boolean;
  onEdit: (text: string) => void;
  onFork: () => void;
}): React.JSX.Element | null {
  const { item } = props.row.view;
  const settled = props.row.turn.status !== 'inProgress';
  if (item.type === 'userMessage') {
    const text = itemText(item);
    return <RowActions copyText={text} {...(props.nav ? { onEdit: () => props.onEdit(text) } : {})} />;
  }
  const fork = props.nav && settled ? { onFork: props.onFork } : {};
  if (item.type === 'agentMessage') return <RowActions copyText={item.text} {...fork} />;
  return settled && props.nav ? <RowActions {...fork} /> : null;
}

/** The changes of the file change an approval asks about, as the transcript has them. */
function changesOf(transcript: TranscriptState, a: Approval): FileUpdateChange[] | null {
  if (a.method !== 'item/fileChange/requestApproval') return null;
  const item = transcript.turns
    .find((t) => t.id === a.params.turnId)
    ?.items.find((v) => v.item.id === a.params.itemId)?.item;
  return item?.type === 'fileChange' ? item.changes : null;
}

/** A row's likely height in pixels (about 95 characters to a 20 px line, plus padding). */
function estimateRow(row: Row | undefined): number {
  const lines = (text: string): number =>
    text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 95)), 0);
  if (!row) return 80;
  if (row.kind === 'approval') return 420;
  if (row.kind === 'older') return 36;
  if (row.kind === 'turnEnd') return 40;
  if (row.kind === 'queued') return 60 + 20 * lines(row.message.text);
  const { item } = row.view;
  switch (item.type) {
    case 'userMessage':
      return 40 + 20 * lines(item.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n'));
    case 'agentMessage':
      return 40 + 22 * lines(item.text);
    case 'reasoning':
      return 50;
    case 'commandExecution':
      // Reads show as one line until opened (ReadItem).
      if (item.commandActions.length > 0 && item.commandActions.every((a) => a.type !== 'unknown')) return 36;
      return 90 + Math.min(320, 17 * lines(item.aggregatedOutput ?? ''));
    case 'fileChange':
      return 70 + 24 * item.changes.length;
    case 'plan':
      return 60 + 20 * lines(item.text);
    case 'dynamicToolCall':
      return 90;
    case OTHER_ITEM:
      return 44;
  }
}
