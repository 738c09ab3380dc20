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
      <span className="copy-state" aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Failed' : ''}
      </span>
    </button>
  );
}
