/** Projects (folders) and their threads, newest first, with status, rename, archive and search. */
import { useState } from 'react';
import { dotOf, projectsOf, type ThreadsState } from '../state/threads';
import { IconButton } from '../ui/IconButton';
import { Icon } from '../ui/Icon';
import { Menu } from '../ui/Menu';
import './sidebar.css';

const DOT_LABEL = { running: 'Running', waiting: 'Waiting for you', failed: 'Failed', idle: 'Idle' } as const;
import { SearchButton } from './search/SearchButton';

export function Sidebar(props: {
  threads: ThreadsState;
  selected: string | null;
  /** False while the empty state offers "Open folder" itself (one button of that name at a time). */
  showOpenFolder?: boolean;
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
      <div className="sidebar-top">
        <span className="brand">
          <Icon name="sparkle" /> Tandem
        </span>
        {props.showOpenFolder !== false ? (
          <IconButton icon="folder-opened" label="Open folder" onClick={props.onOpenFolder} />
        ) : null}
        <IconButton icon="settings-gear" label="Settings" onClick={props.onSettings} />
      </div>
      <SearchButton />
      <div className="sidebar-search">
        <Icon name="search" className="sidebar-search-icon" />
        <input
          aria-label="Search threads"
          placeholder="Filter threads"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      <label className="sidebar-archived">
        <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} /> Archived
      </label>
      <div className="sidebar-projects">
        {projects.length === 0 ? (
          <p className="sidebar-none">
            {search ? 'No thread matches.' : archived ? 'No archived threads.' : 'No threads yet.'}
          </p>
        ) : null}
        {projects.map((p) => (
          <section key={p.cwd} className="project">
            <header title={p.cwd}>
              <Icon name="folder" className="project-icon" />
              <span className="project-name">{p.cwd.split('/').pop() || p.cwd}</span>
              <IconButton
                icon="add"
                size="sm"
                label={`New thread in ${p.cwd}`}
                onClick={() => props.onNewThread(p.cwd)}
              />
            </header>
            <ul>
              {p.threads.map((t) => {
                const dot = dotOf(t);
                return (
                  <li key={t.id} className={t.id === props.selected ? 'selected' : ''}>
                    <span className={`dot ${dot}`} role="img" aria-label={DOT_LABEL[dot]} />
                    {renaming === t.id ? (
                      <input
                        className="thread-rename"
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
                        aria-current={t.id === props.selected ? 'page' : undefined}
                        onClick={() => props.onSelect(t.id)}
                        onDoubleClick={() => setRenaming(t.id)}
                      >
                        {t.name || t.preview || 'New thread'}
                      </button>
                    )}
                    <Menu
                      label="Thread actions"
                      trigger={
                        <IconButton className="thread-menu" icon="kebab-vertical" size="sm" label="Thread actions" />
                      }
                      items={[
                        { label: 'Rename', icon: 'edit', onSelect: () => setRenaming(t.id) },
                        t.archived
                          ? { label: 'Unarchive', icon: 'discard', onSelect: () => props.onArchive(t.id, false) }
                          : { label: 'Archive', icon: 'archive', onSelect: () => props.onArchive(t.id, true) },
                      ]}
                    />
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </nav>
  );
}
