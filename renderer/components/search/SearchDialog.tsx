/**
 * Search across every thread (Ctrl/Cmd+Shift+F): a dialog with one box, results grouped by
 * thread (its name and project), each hit's snippet with the match marked. Arrow keys move
 * through the hits, Enter opens the chosen one: its thread opens and the transcript is asked to
 * bring the item into view with the term highlighted (focusItem).
 */
import { Dialog } from 'radix-ui';
import { useEffect, useRef } from 'react';
import type { TandemClient } from '../../rpc/client';
import { focusItem } from '../../state/item-focus';
import { flatHits, type SearchHitView } from '../../state/search';
import { Highlight } from './Highlight';
import { isSearchShortcut, setSearchOpen, useSearchOpen } from './search-open';
import { useSearch } from './use-search';
import '@vscode/codicons/dist/codicon.css';
import './search.css';

export function SearchDialog({
  client,
  onOpenThread,
}: {
  client: TandemClient | null;
  /** Show this thread (the app resumes it). */
  onOpenThread: (threadId: string) => void;
}): React.JSX.Element {
  const open = useSearchOpen();
  const [state, dispatch] = useSearch(client);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isSearchShortcut(e)) return;
      e.preventDefault();
      setSearchOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const hits = flatHits(state.groups);
  const selectedHit = hits[state.selected];
  // The selected hit stays in view as the arrows move it.
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [state.selected, state.groups]);

  const choose = (hit: SearchHitView) => {
    setSearchOpen(false);
    onOpenThread(hit.threadId);
    focusItem(hit.threadId, hit.itemId, state.query.trim().replace(/^"|"$/g, '') || null);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      dispatch({ type: 'move', by: e.key === 'ArrowDown' ? 1 : -1 });
    } else if (e.key === 'Enter' && selectedHit) {
      e.preventDefault();
      choose(selectedHit);
    }
  };

  let index = 0;
  const optionId = (i: number) => `search-hit-${i}`;
  return (
    <Dialog.Root open={open} onOpenChange={setSearchOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="search-overlay" />
        <Dialog.Content className="search-dialog" aria-describedby={undefined}>
          <Dialog.Title className="search-title-hidden">Search all threads</Dialog.Title>
          <div className="search-box">
            <span className="codicon codicon-search" aria-hidden />
            <input
              type="search"
              role="combobox"
              aria-label="Search all threads"
              aria-expanded={hits.length > 0}
              aria-controls="search-results"
              aria-activedescendant={selectedHit ? optionId(state.selected) : undefined}
              aria-autocomplete="list"
              placeholder="Search messages, commands, output and file changes"
              value={state.query}
              autoFocus
              onChange={(e) => dispatch({ type: 'typed', query: e.target.value })}
              onKeyDown={onKeyDown}
            />
            {state.status === 'searching' ? (
              <span className="codicon codicon-loading codicon-modifier-spin" aria-label="Searching" />
            ) : null}
          </div>
          <div className="search-results" id="search-results" role="listbox" aria-label="Results" ref={list}>
            {state.groups.map((g) => (
              <div key={g.threadId} role="group" aria-label={`${g.title} — ${g.project}`} className="search-group">
                <div className="search-group-header" aria-hidden>
                  <span className="codicon codicon-comment-discussion" />
                  <span className="search-group-title">{g.title}</span>
                  <span className="search-group-project">{g.project}</span>
                </div>
                {g.hits.map((hit) => {
                  const i = index++;
                  const selected = i === state.selected;
                  return (
                    <div
                      key={`${hit.itemId ?? 'thread'}-${i}`}
                      id={optionId(i)}
                      role="option"
                      aria-selected={selected}
                      className="search-hit"
                      onMouseMove={() => (selected ? undefined : dispatch({ type: 'select', index: i }))}
                      onClick={() => choose(hit)}
                    >
                      <span className="search-hit-label">{hit.label}</span>
                      <span className="search-hit-snippet">
                        <Highlight text={hit.snippet} ranges={hit.ranges} />
                      </span>
                    </div>
                  );
                })}
                {g.more > 0 ? <div className="search-more">{g.more} more in this thread</div> : null}
              </div>
            ))}
          </div>
          <div className="search-footer" role="status">
            {state.status === 'failed'
              ? `Search failed: ${state.error ?? ''}`
              : state.status === 'done' && hits.length === 0
                ? `No thread mentions “${state.query.trim()}”.`
                : state.status === 'done'
                  ? `${state.groups.length} ${state.groups.length === 1 ? 'thread' : 'threads'} · ↑↓ to move, Enter to open, Esc to close`
                  : state.query.trim()
                    ? 'Searching…'
                    : 'Words must all occur in a thread; "quote" a phrase.'}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
