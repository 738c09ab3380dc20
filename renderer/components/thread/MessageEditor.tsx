/**
 * "Edit and resend", in place of the user message: the text (kept in state, message-edit.ts),
 * "Rerun in a fork" (Ctrl/Cmd+Enter) and Cancel (Esc). A failed resend shows why and keeps the text.
 */
import { useEffect, useRef } from 'react';
import type { MessageEdit } from '../../state/message-edit';

export function MessageEditor(props: {
  edit: MessageEdit;
  onText: (text: string) => void;
  onResend: () => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { edit } = props;
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const canSend = !edit.busy && edit.text.trim().length > 0;
  return (
    <div className="message-editor" data-owns-escape>
      <textarea
        ref={area}
        aria-label="Edited text"
        value={edit.text}
        rows={Math.min(12, Math.max(2, edit.text.split('\n').length))}
        onChange={(e) => props.onText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            if (canSend) props.onResend();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            props.onCancel();
          }
        }}
      />
      {edit.error ? (
        <p className="error" role="alert">
          Not rerun: {edit.error}
        </p>
      ) : null}
      <div className="message-editor-buttons">
        <span className="muted">
          A new thread from before this message runs the edited text; this thread stays as it is.
        </span>
        <button type="button" onClick={props.onCancel} disabled={edit.busy}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={props.onResend} disabled={!canSend}>
          {edit.busy ? 'Starting the fork…' : 'Rerun in a fork'}
        </button>
      </div>
    </div>
  );
}
