/**
 * Agent text as Markdown, with GitHub's extensions (tables, task lists, strikethrough, autolinks;
 * remark-gfm). Raw HTML in model output is escaped — shown as text, never rendered or run — and
 * only http(s) links survive; they open outside the app (Electron: main/web-contents-guard.ts hands
 * a new window's https URL to main/external-links.ts, which asks first).
 *
 * Rendered block by block (renderer/state/markdown-blocks.ts), each block memoised: while a reply
 * streams, only its last block is parsed again. A last block too long to re-parse every frame
 * shows as plain text until the reply completes.
 */
import { memo, useMemo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { markdownBlocks, mayUseGfm, textPieces } from '../state/markdown-blocks';
import { CodeBlock, StreamingContext } from './CodeBlock';
import './markdown.css';

/** The longest growing block parsed on every frame (a few ms of parsing at most). */
const LIVE_BLOCK_CHARS = 2_000;

const safeUrl = (url: string): string => (/^https?:\/\//i.test(url) ? url : '');

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noreferrer noopener" title={href}>
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // Fenced blocks (a language class, or several lines) are highlighted; inline code stays plain.
  code: ({ className, children }) => {
    const text = String(children ?? '');
    const language = /language-([\w+#-]+)/.exec(className ?? '')?.[1] ?? null;
    return language || text.includes('\n') ? (
      <CodeBlock code={text.replace(/\n$/, '')} language={language} />
    ) : (
      <code>{children}</code>
    );
  },
  pre: ({ children }) => <>{children}</>,
  // A wide table scrolls sideways on its own; the prose around it keeps its measure.
  table: ({ children }) => (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Table">
      <table>{children}</table>
    </div>
  ),
  // Task list boxes show the state the model wrote; they are not a form.
  input: ({ type, checked }) =>
    type === 'checkbox' ? <input type="checkbox" checked={!!checked} disabled readOnly /> : <span />,
};

const gfm = [remarkGfm];
const plain: typeof gfm = [];

const Block = memo(function Block({ text }: { text: string }): React.JSX.Element {
  return (
    <ReactMarkdown urlTransform={safeUrl} components={components} remarkPlugins={mayUseGfm(text) ? gfm : plain}>
      {text}
    </ReactMarkdown>
  );
});

export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }): React.JSX.Element {
  const blocks = useMemo(() => markdownBlocks(text), [text]);
  return (
    <StreamingContext.Provider value={streaming}>
      <div className="markdown">
        {blocks.map((block, i) =>
          streaming && i === blocks.length - 1 && block.length > LIVE_BLOCK_CHARS ? (
            <div key={i} className="streaming-text">
              {textPieces(block).map((piece, j) => (
                <div key={j}>{piece}</div>
              ))}
            </div>
          ) : (
            <Block key={i} text={block} />
          ),
        )}
      </div>
    </StreamingContext.Provider>
  );
}
