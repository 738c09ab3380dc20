/**
 * A thread's transcript, windowed: only the rows in view are in the DOM, so threads with
 * thousands of items stay smooth. It follows the bottom while the user is there.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { CommandDecision, FileEdit, HunkSelection } from '../../protocol/schema/approval';
import type { FileUpdateChange } from '../../protocol/schema/item';
import type { Approval } from '../state/approvals';
import type { QueuedMessage } from '../state/composer';
import type { TranscriptState } from '../state/transcript';
import type { ToolRequestUserInputResponse } from '../../protocol/schema/user-input';
import { OTHER_ITEM } from '../../protocol/schema/wire-item';
import { ApprovalCard } from './ApprovalCard';
import { UserInputCard } from './UserInputCard';
import { ItemView } from './items/ItemView';

type Row =
  | { kind: 'older'; key: string }
  | { kind: 'item'; key: string; view: TranscriptState['turns'][number]['items'][number] }
  | { kind: 'turnEnd'; key: string; turn: TranscriptState['turns'][number] }
  | { kind: 'approval'; key: string; approval: Approval }
  | { kind: 'queued'; key: string; message: QueuedMessage };

type TurnViewT = TranscriptState['turns'][number];

export function ThreadView(props: {
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
}): React.JSX.Element {
  const { transcript, approvals, onLoadOlder, queued } = props;
  const rows = useMemo<Row[]>(() => {
    const out: Row[] = transcript.olderCursor ? [{ kind: 'older', key: 'older' }] : [];
    for (const turn of transcript.turns) {
      for (const view of turn.items) out.push({ kind: 'item', key: `${turn.id}:${view.item.id}`, view });
      for (const a of approvals.filter((x) => x.params.turnId === turn.id))
        out.push({ kind: 'approval', key: `approval:${String(a.requestId)}`, approval: a });
      if (turn.status !== 'completed' || turn.errors.length || turn.plan)
        out.push({ kind: 'turnEnd', key: `${turn.id}:end`, turn });
    }
    for (const message of queued) out.push({ kind: 'queued', key: `queued:${message.clientId}`, message });
    return out;
  }, [transcript, approvals, queued]);

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // Sizes estimated from what a row holds: opening a long thread at its end then takes one
  // measuring pass or two, not a cascade of corrections.
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => estimateRow(rows[i]),
    overscan: 4,
    getItemKey: (i) => rows[i]?.key ?? i,
  });
  // Older turns arrive above what the user is reading: keep that row where it was.
  const anchor = useRef<string | null>(null);
  const loadOlder = (): void => {
    if (anchor.current !== null) return;
    const top = scroller.current?.scrollTop ?? 0;
    const first = virtual.getVirtualItems().find((v) => v.end > top && rows[v.index]?.kind !== 'older');
    anchor.current = (first && rows[first.index]?.key) ?? null;
    void onLoadOlder().then((added) => {
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

  useEffect(() => {
    if (atBottom.current && rows.length > 0) virtual.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows, virtual]);

  return (
    <div
      className="transcript"
      ref={scroller}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        if (el.scrollTop < 400 && transcript.olderCursor) loadOlder();
      }}
    >
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((v) => {
          const row = rows[v.index];
          if (!row) return null;
          return (
            <div
              key={row.key}
              data-index={v.index}
              ref={virtual.measureElement}
              className="row"
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}
            >
              {row.kind === 'older' ? (
                <button className="link older" onClick={loadOlder}>
                  Load earlier turns
                </button>
              ) : row.kind === 'item' ? (
                <ItemView item={row.view.item} done={row.view.done} />
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
  );
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

function TurnEnd({
  turn,
  onRetry,
}: {
  turn: TurnViewT;
  onRetry: ((turn: TurnViewT) => void) | undefined;
}): React.JSX.Element {
  return (
    <div className="turn-end">
      {turn.plan ? (
        <ul className="checklist" aria-label="Plan">
          {turn.plan.steps.map((s, i) => (
            <li key={i} data-status={s.status}>
              {s.status === 'completed' ? '☑' : s.status === 'inProgress' ? '◐' : '☐'} {s.step}
            </li>
          ))}
        </ul>
      ) : null}
      {turn.errors
        .filter((e) => e.willRetry)
        .map((e, i) => (
          <p key={i} className="muted">
            {e.message} — retrying…
          </p>
        ))}
      {turn.status === 'failed' ? (
        <div className="turn-failed">
          <p className="error" role="alert">
            The turn failed: {turn.error?.message ?? 'unknown error'}
          </p>
          <button
            type="button"
            onClick={() => onRetry?.(turn)}
            disabled={!onRetry}
            title={onRetry ? 'Send the same message again as a new turn' : 'Wait for the running turn to end'}
          >
            Retry
          </button>
        </div>
      ) : null}
      {turn.status === 'interrupted' ? <p className="muted">Stopped.</p> : null}
    </div>
  );
}
