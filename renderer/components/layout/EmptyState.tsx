/** No thread open: a welcome, "Open folder" first, and the recent projects to continue in. */
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';

export function EmptyState(props: {
  /** Recent project folders, most recent first. */
  recent: string[];
  onOpenFolder: () => void;
  onNewThread: (cwd: string) => void;
}): React.JSX.Element {
  return (
    <div className="empty">
      <div className="empty-card">
        <Icon name="sparkle" className="empty-mark" />
        <h1>Tandem</h1>
        <p className="muted">Open a project folder to start working with the agent.</p>
        <Button variant="primary" size="lg" icon="folder-opened" onClick={props.onOpenFolder}>
          Open folder
        </Button>
        {props.recent.length > 0 ? (
          <section className="recent" aria-label="Recent projects">
            <h2>Recent projects</h2>
            <ul>
              {props.recent.slice(0, 6).map((cwd) => (
                <li key={cwd}>
                  <button
                    className="recent-project"
                    aria-label={`Start a thread in ${cwd}`}
                    onClick={() => props.onNewThread(cwd)}
                  >
                    <Icon name="folder" />
                    <span className="recent-name">{cwd.split('/').pop() || cwd}</span>
                    <span className="recent-path">{cwd}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
}
