/** One transcript item, rendered for what it is. */
import { memo } from 'react';
import type { ThreadItem, UserInput } from '../../../protocol/schema/item';
import { OTHER_ITEM, type AnyThreadItem, type OtherItem } from '../../../protocol/schema/wire-item';
import { useDisclosure, useDisclosures } from '../disclosures-context';
import { Markdown } from '../Markdown';
import { isReadOnly, ReadItem } from './ReadItem';
import { isRevertRecord, RevertRecord } from './RevertRecord';

function countLines(diff: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+') && !line.startsWith('+++')) added++;
    else if (line.startsWith('-') && !line.startsWith('---')) removed++;
  }
  return { added, removed };
}

function FileChange({ item }: { item: Extract<ThreadItem, { type: 'fileChange' }> }): React.JSX.Element {
  // Kept in the app state: the windowed transcript unmounts a card scrolled out of view.
  const disclosures = useDisclosures();
  const key = (path: string): string => `fileChange:${item.id}:${path}`;
  return (
    <div className="item file-change" data-status={item.status}>
      <div className="item-title">File changes · {item.status}</div>
      <ul className="files">
        {item.changes.map((c) => {
          const counts =
            c.kind.type === 'add'
              ? { added: c.diff.split('\n').filter(Boolean).length, removed: 0 }
              : c.kind.type === 'delete'
                ? { added: 0, removed: c.diff.split('\n').filter(Boolean).length }
                : countLines(c.diff);
          return (
            <li key={c.path}>
              <button
                className="link"
                onClick={() => disclosures.set(key(c.path), !disclosures.state[key(c.path)])}
                aria-expanded={!!disclosures.state[key(c.path)]}
              >
                {c.kind.type === 'add' ? 'A' : c.kind.type === 'delete' ? 'D' : 'M'} {c.path}
              </button>{' '}
              <span className="added">+{counts.added}</span> <span className="removed">−{counts.removed}</span>
              {disclosures.state[key(c.path)] ? <pre className="diff">{c.diff}</pre> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

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
      <summary>Reasoning{done ? '' : '…'}</summary>
      {(item.summary ?? []).map((s, i) => (
        <p key={i}>{s}</p>
      ))}
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
        <code>{item.itemType}</code>
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
      return (
        <div className="item user">
          {item.content.map((c, i) => (
            <p key={i}>{c.type === 'text' ? c.text : inputLabel(c)}</p>
          ))}
        </div>
      );
    case 'agentMessage':
      return (
        <div className="item agent" aria-busy={!done}>
          <Markdown text={item.text} streaming={!done} />
        </div>
      );
    case 'reasoning':
      return <Reasoning item={item} done={done} />;
    case 'commandExecution':
      if (isReadOnly(item)) return <ReadItem item={item} />;
      return (
        <div className="item command" data-status={item.status}>
          <div className="item-title">
            <code>{item.command}</code> <span className="muted">in {item.cwd}</span>
          </div>
          {item.aggregatedOutput ? <pre className="output">{item.aggregatedOutput}</pre> : null}
          <div className="muted">
            {item.status === 'inProgress' ? 'running…' : item.status}
            {item.exitCode != null ? ` · exit ${item.exitCode}` : ''}
            {item.durationMs != null ? ` · ${(item.durationMs / 1000).toFixed(1)} s` : ''}
          </div>
        </div>
      );
    case 'fileChange':
      return isRevertRecord(item) ? <RevertRecord item={item} /> : <FileChange item={item} />;
    case 'plan':
      return (
        <div className="item plan">
          <div className="item-title">Plan</div>
          <pre>{item.text}</pre>
        </div>
      );
    case 'dynamicToolCall':
      // A tool the client provided: what was asked and what the client answered, as text.
      return (
        <div className="item tool-call" data-status={item.status}>
          <div className="item-title">
            <code>{item.tool}</code>{' '}
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
