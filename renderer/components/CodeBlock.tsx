/**
 * A fenced code block from agent Markdown: its language and a copy button above it, the code
 * coloured by Monaco's tokenizer once Monaco has loaded (lazily, code-highlight.ts) — plain text
 * until then. The colours come as runs of text that React puts in: no HTML reaches the page.
 */
import { createContext, memo, useContext, useEffect, useState } from 'react';
import type { CodeRun } from '../state/item-format';
import { highlight } from './code-highlight';
import { useAppliedTheme } from '../theme/use-theme';
import { CopyButton } from './items/CopyButton';
import './markdown.css';

/** Code that changed is coloured once it has held still this long (ms). */
const SETTLE_MS = 120;

/**
 * Whether the message holding the code still streams: its code is coloured once it is done, so
 * tokenizing (and loading Monaco, the first time) never competes with the stream for frames.
 */
export const StreamingContext = createContext(false);

export const CodeBlock = memo(function CodeBlock({
  code,
  language,
}: {
  code: string;
  language: string | null;
}): React.JSX.Element {
  const [coloured, setColoured] = useState<{ code: string; lines: CodeRun[][] } | null>(null);
  // Coloured again when the theme changes: Monaco's token classes index the theme's own colour map.
  const theme = useAppliedTheme();
  const streaming = useContext(StreamingContext);
  useEffect(() => {
    if (!language || streaming) return;
    let live = true;
    const t = setTimeout(() => {
      void highlight(code, language).then(
        (lines) => {
          if (live && lines) setColoured({ code, lines });
        },
        () => {},
      );
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [code, language, streaming, theme]);
  const lines = coloured?.code === code ? coloured.lines : null;
  return (
    <figure className="code-block" data-highlighted={lines ? 'true' : 'false'}>
      {/* The language as generated content: chrome, not part of the message's text (copy, innerText). */}
      <figcaption className="code-block-head" aria-label={`${language ?? 'text'} code`}>
        <span className="code-block-lang" data-lang={language ?? 'text'} aria-hidden />
        <CopyButton text={() => code} label="Copy code" />
      </figcaption>
      <pre>
        <code>
          {lines
            ? lines.map((runs, i) => (
                <span key={i} className="code-line">
                  {runs.map((r, j) => (
                    <span key={j} className={r.cls || undefined}>
                      {r.text}
                    </span>
                  ))}
                  {i < lines.length - 1 ? '\n' : null}
                </span>
              ))
            : code}
        </code>
      </pre>
    </figure>
  );
});
