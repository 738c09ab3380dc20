/**
 * Agent text as Markdown. Raw HTML in model output is escaped — shown as text, never rendered
 * or run — and only http(s) links survive; they open outside the app.
 */
import ReactMarkdown from 'react-markdown';

const safeUrl = (url: string): string => (/^https?:\/\//i.test(url) ? url : '');

export function Markdown({ text }: { text: string }): React.JSX.Element {
  return (
    <div className="markdown">
      <ReactMarkdown
        urlTransform={safeUrl}
        components={{ a: ({ href, children }) => (href ? <a href={href} target="_blank" rel="noreferrer noopener">{children}</a> : <span>{children}</span>) }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
