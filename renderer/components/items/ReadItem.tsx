/**
 * A command that only looked at files — the read tools (read_file, list_dir, grep_files), or a
 * shell command a server parsed as reads — shown compactly as what it looked at ("Read src/a.ts",
 * "Listed src/", "Searched for `foo` in src/"), its output one click away.
 */
import type { CommandExecutionItem } from '../../../protocol/schema/item';
import './items.css';

type Action = CommandExecutionItem['commandActions'][number];

/** A path as the user knows it: relative to the command's folder when inside it. */
export function shownPath(path: string, cwd: string): string {
  const base = cwd.endsWith('/') ? cwd : `${cwd}/`;
  if (path === cwd) return '.';
  return path.startsWith(base) ? path.slice(base.length) : path;
}

const folder = (p: string): string => (p === '.' || p.endsWith('/') ? p : `${p}/`);

/** One action in words, or null for an action that is not a read. */
function describeAction(a: Action, cwd: string): string | null {
  switch (a.type) {
    case 'read':
      return `Read ${shownPath(a.path, cwd)}`;
    case 'listFiles':
      return `Listed ${a.path ? folder(shownPath(a.path, cwd)) : 'files'}`;
    case 'search': {
      const what = a.query ? `Searched for \`${a.query}\`` : 'Searched';
      return a.path ? `${what} in ${folder(shownPath(a.path, cwd))}` : what;
    }
    case 'unknown':
      return null;
  }
}

/** Whether an item is only reads, so it can be shown this way. */
export const isReadOnly = (item: CommandExecutionItem): boolean =>
  item.commandActions.length > 0 && item.commandActions.every((a) => a.type !== 'unknown');

export function ReadItem({ item }: { item: CommandExecutionItem }): React.JSX.Element {
  const lines = item.commandActions.map((a) => describeAction(a, item.cwd) ?? a.command);
  const state = item.status === 'inProgress' ? '…' : item.status === 'completed' ? '' : ` · ${item.status}`;
  return (
    <details className="item read" data-status={item.status}>
      <summary title={item.command}>
        {lines.join(' · ')}
        {state ? <span className={item.status === 'failed' ? 'error' : 'muted'}>{state}</span> : null}
      </summary>
      <code className="muted">{item.command}</code>
      {item.aggregatedOutput ? <pre className="output">{item.aggregatedOutput}</pre> : null}
    </details>
  );
}
