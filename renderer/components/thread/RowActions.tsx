/**
 * The actions on a transcript row, shown on hover or when focus is in the row: Copy and
 * "Edit and resend" on a user message, Copy on an agent message, "Fork from here" on any turn's row.
 */
import { useEffect, useState } from 'react';

export function RowActions(props: {
  /** The text Copy copies; absent: no Copy. */
  copyText?: string;
  onEdit?: () => void;
  onFork?: () => void;
}): React.JSX.Element {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(t);
  }, [copied]);
  const { copyText } = props;
  return (
    <div className="row-actions" role="toolbar" aria-label="Actions" data-find-skip>
      {copyText !== undefined ? (
        <button
          type="button"
          className="icon-button"
          aria-label={copied ? 'Copied' : 'Copy text'}
          title="Copy the message"
          onClick={() => void navigator.clipboard.writeText(copyText).then(() => setCopied(true))}
        >
          <span className={`codicon ${copied ? 'codicon-check' : 'codicon-copy'}`} aria-hidden />
        </button>
      ) : null}
      {props.onEdit ? (
        <button
          type="button"
          className="icon-button"
          aria-label="Edit"
          title="Edit and resend (in a fork of the thread from before this message)"
          onClick={props.onEdit}
        >
          <span className="codicon codicon-edit" aria-hidden />
        </button>
      ) : null}
      {props.onFork ? (
        <button
          type="button"
          className="icon-button"
          aria-label="Fork from here"
          title="Fork from here: a new thread with the turns up to this one"
          onClick={props.onFork}
        >
          <span className="codicon codicon-repo-forked" aria-hidden />
        </button>
      ) : null}
    </div>
  );
}
