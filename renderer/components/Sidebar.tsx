/** Projects (folders) and their threads, newest first, with status, rename, archive and search. */
import { useState } from 'react';
import { dotOf, projectsOf, type ThreadsState } from '../state/threads';
import { SearchButton } from './search/SearchButton';

export function Sidebar(props: {
  threads: ThreadsState;
  selected: string | null;
  onSelect: (id: string) => void;
  onOpenFolder: () => void;
  onNewThread: (cwd: string) => void;
  onRename: (id: string, name: string) => void;
  onArchive: (id: string, archived: boolean) => void;
  onSettings: () => void;
}): React.JSX.Element {
  const [search, setSearch] = useState('');
  const [archived, setArchived] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const projects = projectsOf(props.threads, { archived, search });
  return (
    <nav className="sidebar" aria-label="Threads">
      <button onClick={props.onOpenFolder}>Open folder</button>
      <button onClick={props.onSettings}>Settings</button>
      <SearchButton />
      <input
        aria-label="Search threads"
        placeholder="Search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <label className="muted">
        <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} /> Archived
      </label>
      {projects.map((p) => (
        <section key={p.cwd} className="project">
          <header title={p.cwd}>
            {p.cwd.split('/').pop() || p.cwd}
            <button className="link" aria-label={`New thread in ${p.cwd}`} onClick={() => props.onNewThread(p.cwd)}>
              +
            </button>
          </header>
          <ul>
            {p.threads.map((t) => (
              <li key={t.id} className={t.id === props.selected ? 'selected' : ''}>
                <span className={`dot ${dotOf(t)}`} aria-label={dotOf(t)} />
                {renaming === t.id ? (
                  <input
                    aria-label="Thread name"
                    autoFocus
                    defaultValue={t.name ?? ''}
                    onBlur={() => setRenaming(null)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        props.onRename(t.id, e.currentTarget.value);
                        setRenaming(null);
                      } else if (e.key === 'Escape') setRenaming(null);
                    }}
                  />
                ) : (
                  <button
                    className="link thread-title"
                    onClick={() => props.onSelect(t.id)}
                    onDoubleClick={() => setRenaming(t.id)}
                  >
                    {t.name || t.preview || 'New thread'}
                  </button>
                )}
                <button
                  className="link small"
                  aria-label={t.archived ? 'Unarchive' : 'Archive'}
                  onClick={() => props.onArchive(t.id, !t.archived)}
                >
                  {t.archived ? '↩' : '×'}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
