/**
 * The confirmation before a revert: exactly the files it will change (as the server computed in a
 * dry run), and that it can be undone. Escape or Cancel leaves everything as it is.
 */
import { useEffect, useRef } from 'react';
import './changes.css';

export function ConfirmRevert(props: {
  title: string;
  files: string[];
  onConfirm: () => void;
  onCancel: () => void;
}): React.JSX.Element {
  const cancel = useRef<HTMLButtonElement>(null);
  // Focus starts on Cancel: Enter never reverts by accident.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="confirm-backdrop">
      <div
        className="confirm"
        role="dialog"
        aria-modal="true"
        aria-labelledby="confirm-revert-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') props.onCancel();
        }}
      >
        <h2 id="confirm-revert-title">{props.title}</h2>
        <p>
          {props.files.length === 1 ? 'This file goes back' : `These ${props.files.length} files go back`} to how they
          were before the turn. The agent's version is kept: you can undo the revert.
        </p>
        <ul aria-label="Files that will change">
          {props.files.map((f) => (
            <li key={f}>
              <code>{f}</code>
            </li>
          ))}
        </ul>
        <div className="buttons">
          <button ref={cancel} onClick={props.onCancel}>
            Cancel
          </button>
          <button className="danger" onClick={props.onConfirm}>
            Revert
          </button>
        </div>
      </div>
    </div>
  );
}
