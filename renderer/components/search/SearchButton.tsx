/** The sidebar header's way into search across every thread (also Ctrl/Cmd+Shift+F). */
import { setSearchOpen } from './search-open';
import './search.css';

const SHORTCUT = /Mac/.test(navigator.platform) ? '⌘⇧F' : 'Ctrl+Shift+F';

export function SearchButton(): React.JSX.Element {
  return (
    <button
      type="button"
      className="search-button"
      aria-label="Search all threads"
      aria-keyshortcuts="Control+Shift+F Meta+Shift+F"
      title={`Search all threads (${SHORTCUT})`}
      onClick={() => setSearchOpen(true)}
    >
      <span className="codicon codicon-search" aria-hidden />
      <span className="search-button-label">Search all threads</span>
      <kbd>{SHORTCUT}</kbd>
    </button>
  );
}
