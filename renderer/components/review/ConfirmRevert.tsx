/**
 * The confirmation before a revert: exactly the files it will change (as the server computed in a
 * dry run), and that it can be undone. Escape, the close button or Cancel leave everything as it is.
 */
import { useRef } from 'react';
import { Dialog } from '../../ui/Dialog';
import './changes.css';

export function ConfirmRevert(props: {
  title: string;
  files: string[];
  onConfirm: () => void;
  onCancel: () => void;
}): React.JSX.Element {
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) props.onCancel();
      }}
      title={props.title}
      size="sm"
      // Focus starts on Cancel: Enter never reverts by accident.
      onOpenAutoFocus={(e) => {
        e.preventDefault();
        cancel.current?.focus();
      }}
    >
      <p>
        {props.files.length === 1 ? 'This file goes back' : `These ${props.files.length} files go back`} to how they
        were before the turn. The agent's version is kept: you can undo the revert.
      </p>
      <ul className="confirm-files" aria-label="Files that will change">
        {props.files.map((f) => (
          <li key={f}>
            <code>{f}</code>
          </li>
        ))}
      </ul>
      <div className="buttons confirm-buttons">
        <button ref={cancel} onClick={props.onCancel}>
          Cancel
        </button>
        <button className="danger" onClick={props.onConfirm}>
          Revert
        </button>
      </div>
    </Dialog>
  );
}
