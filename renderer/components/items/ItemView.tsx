/** One transcript item, rendered for what it is. */
import { memo, useContext } from 'react';
import type { ThreadItem, UserInput } from '../../../protocol/schema/item';
import { OTHER_ITEM, type AnyThreadItem, type OtherItem } from '../../../protocol/schema/wire-item';
import { useDisclosure } from '../disclosures-context';
import { Markdown } from '../Markdown';
import { CommandItem } from './CommandItem';
import { CopyButton } from './CopyButton';
import { FileChangeItem } from './FileChangeItem';
import { ItemActionsContext } from './item-actions';
import { PlanItemView } from './PlanChecklist';
import { isReadOnly, ReadItem } from './ReadItem';
import { RelativeTime } from './RelativeTime';
import { isRevertRecord, RevertRecord } from './RevertRecord';
import '@vscode/codicons/dist/codicon.css';
import './item-kinds.css';

function Reasoning({
  item,
  done,
}: {
  item: Extract<ThreadItem, { type: 'reasoning' }>;
  done: boolean;
}): React.JSX.Element {
  // Open or closed as the user left it, after the windowed transcript unmounts it.
  const [open, setOpen] = useDisclosure(`reasoning:${item.id}`);
  return (
    <details
      className="item reasoning"
      open={open}
      onToggle={(e) => e.currentTarget.open !== open && setOpen(e.currentTarget.open)}
    >
      <summary>
        <span
          className={`codicon ${done ? 'codicon-lightbulb' : 'codicon-loading codicon-modifier-spin'}`}
          aria-hidden
        />{' '}
        Reasoning{done ? '' : '…'}
      </summary>
      {open ? (
        <div className="reasoning-body">
          {(item.summary ?? []).map((s, i) => (
            <Markdown key={i} text={s} streaming={!done} />
          ))}
        </div>
      ) : null}
    </details>
  );
}

/** A non-text input as a short label: what was attached, and from where. */
function inputLabel(c: Exclude<UserInput, { type: 'text' }>): string {
  switch (c.type) {
    case 'image':
      return `[image ${c.url.startsWith('data:') ? '(inline)' : c.url}]`;
    case 'localImage':
      return `[image ${c.path}]`;
    case 'skill':
      return `[skill ${c.name}]`;
    case 'mention':
      return `[file ${c.path}]`;
  }
}

/** Icons for the kinds of other engines' items (Codex's web search, MCP tool calls, …). */
const OTHER_ICON: Record<string, string> = {
  webSearch: 'codicon-globe',
  mcpToolCall: 'codicon-plug',
  imageView: 'codicon-file-media',
  collabAgentToolCall: 'codicon-organization',
  enteredReviewMode: 'codicon-eye',
  exitedReviewMode: 'codicon-eye-closed',
  contextCompaction: 'codicon-fold',
};

/** The one field that says what an other item did: a search's query, an MCP call's server/tool. */
function otherDetail(item: OtherItem): string | null {
  const f = item.fields;
  if (typeof f.query === 'string') return f.query;
  if (typeof f.server === 'string' && typeof f.tool === 'string') return `${f.server} / ${f.tool}`;
  if (typeof f.path === 'string') return f.path;
  return null;
}

/** A user's message: its text as written, attachments as labels, when it was sent, a copy button. */
function UserMessage({ item }: { item: Extract<ThreadItem, { type: 'userMessage' }> }): React.JSX.Element {
  const at = useContext(ItemActionsContext).times.get(item.id);
  const text = (): string => item.content.map((c) => (c.type === 'text' ? c.text : inputLabel(c))).join('\n');
  // The foot sits beside the item, not in it: the item's text stays the message's text.
  return (
    <div className="message user-message">
      <div className="item user">
        {item.content.map((c, i) => (
          <p key={i}>{c.type === 'text' ? c.text : inputLabel(c)}</p>
        ))}
      </div>
      <div className="message-foot">
        {at != null ? <RelativeTime at={at} /> : null}
        <CopyButton text={text} label="Copy prompt" />
      </div>
    </div>
  );
}

/** The agent's reply as Markdown, with a copy button (its Markdown source) and when it ended. */
function AgentMessage({
  item,
  done,
}: {
  item: Extract<ThreadItem, { type: 'agentMessage' }>;
  done: boolean;
}): React.JSX.Element {
  const at = useContext(ItemActionsContext).times.get(item.id);
  return (
    <div className="message agent-message">
      <div className="item agent" aria-busy={!done}>
        <Markdown text={item.text} streaming={!done} />
      </div>
      {done && item.text ? (
        <div className="message-foot">
          {at != null ? <RelativeTime at={at} /> : null}
          <CopyButton text={() => item.text} label="Copy reply" />
        </div>
      ) : null}
    </div>
  );
}

/**
 * An item of a kind this build does not know (another engine's, a newer Codex's): its type and
 * status, and its fields as JSON when opened. Shown, never dropped: the rest of the thread reads on.
 */
function OtherItemView({ item }: { item: OtherItem }): React.JSX.Element {
  const [open, setOpen] = useDisclosure(`other:${item.id}`);
  const status = typeof item.fields.status === 'string' ? item.fields.status : null;
  return (
    <details
      className="item other"
      data-item-type={item.itemType}
      open={open}
      onToggle={(e) => e.currentTarget.open !== open && setOpen(e.currentTarget.open)}
    >
      <summary>
        <span className={`codicon ${OTHER_ICON[item.itemType] ?? 'codicon-symbol-misc'}`} aria-hidden />{' '}
        <code>{item.itemType}</code>
        {otherDetail(item) ? <span className="other-detail"> {otherDetail(item)}</span> : null}
        {status ? <span className="muted"> · {status}</span> : null}
      </summary>
      {open ? <pre className="output">{JSON.stringify(item.fields, null, 2)}</pre> : null}
    </details>
  );
}

/** Memoised: while one item streams, the others in view are not rendered again each frame. */
export const ItemView = memo(function ItemView({
  item,
  done,
}: {
  item: AnyThreadItem;
  done: boolean;
}): React.JSX.Element {
  switch (item.type) {
    case 'userMessage':
      return <UserMessage item={item} />;
    case 'agentMessage':
      return <AgentMessage item={item} done={done} />;
    case 'reasoning':
      return <Reasoning item={item} done={done} />;
    case 'commandExecution':
      return isReadOnly(item) ? <ReadItem item={item} /> : <CommandItem item={item} />;
    case 'fileChange':
      return isRevertRecord(item) ? <RevertRecord item={item} /> : <FileChangeItem item={item} />;
    case 'plan':
      return <PlanItemView item={item} />;
    case 'dynamicToolCall':
      // A tool the client provided: what was asked and what the client answered, as text.
      return (
        <div className="item tool-call" data-status={item.status}>
          <div className="item-head">
            <span
              className={`codicon ${item.status === 'inProgress' ? 'codicon-loading codicon-modifier-spin' : 'codicon-tools'}`}
              aria-hidden
            />
            <code className="item-title">{item.tool}</code>
            <span className="muted">· {item.status === 'inProgress' ? 'running…' : item.status}</span>
          </div>
          <pre className="output">{JSON.stringify(item.arguments, null, 2)}</pre>
          {(item.contentItems ?? []).map((c, i) =>
            c.type === 'inputText' ? (
              <pre className="output" key={i}>
                {c.text}
              </pre>
            ) : (
              <p className="muted" key={i}>
                [{c.type === 'inputImage' ? 'image' : 'audio'}]
              </p>
            ),
          )}
        </div>
      );
    case OTHER_ITEM:
      return <OtherItemView item={item} />;
  }
});
