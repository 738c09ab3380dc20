/** A button that copies a text to the clipboard, and says so for a moment. */
import { useEffect, useState } from 'react';
import '@vscode/codicons/dist/codicon.css';

export function CopyButton({ text, label }: { text: () => string; label: string }): React.JSX.Element {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1_500);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      className="icon-button copy-button"
      aria-label={label}
      title={state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : label}
      data-state={state}
      onClick={() => {
        navigator.clipboard.writeText(text()).then(
          () => setState('copied'),
          () => setState('failed'),
        );
      }}
    >
      <span
        className={`codicon ${state === 'copied' ? 'codicon-check' : state === 'failed' ? 'codicon-error' : 'codicon-copy'}`}
        aria-hidden
      />
      {/* Said as generated content, so "Copied" never joins the message's text (innerText, a selection). */}
      <span
        className="copy-state"
        data-text={state === 'copied' ? 'Copied' : state === 'failed' ? 'Failed' : ''}
        aria-hidden
      />
      <span className="visually-hidden" aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : ''}
      </span>
    </button>
  );
}
