/**
 * Agent text as Markdown. Raw HTML in model output is escaped — shown as text, never rendered
 * or run — and only http(s) links survive; they open outside the app.
 */
import ReactMarkdown from 'react-markdown';
import { CodeBlock } from './CodeBlock';

const safeUrl = (url: string): string => (/^https?:\/\//i.test(url) ? url : '');

export function Markdown({ text }: { text: string }): React.JSX.Element {
  return (
    <div className="markdown">
      <ReactMarkdown
        urlTransform={safeUrl}
        components={{
          a: ({ href, children }) => (href ? <a href={href} target="_blank" rel="noreferrer noopener">{children}</a> : <span>{children}</span>),
          // Fenced blocks (a language class, or several lines) are highlighted; inline code stays plain.
          code: ({ className, children }) => {
            const text = String(children ?? '');
            const language = /language-([\w+#-]+)/.exec(className ?? '')?.[1] ?? null;
            return language || text.includes('\n') ? <CodeBlock code={text.replace(/\n$/, '')} language={language} /> : <code>{children}</code>;
          },
          pre: ({ children }) => <>{children}</>,
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
