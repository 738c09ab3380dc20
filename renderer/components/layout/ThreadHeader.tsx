/**
 * The bar above the thread: the pane toggles (sidebar, inbox), the thread's title and folder, and
 * its actions (Changes opens in the side pane). Without a thread it keeps the toggles only.
 */
import type { Dispatch, ReactNode } from 'react';
import type { LayoutAction, LayoutState } from '../../state/layout';
import { Button } from '../../ui/Button';
import { IconButton } from '../../ui/IconButton';

export function ThreadHeader(props: {
  layout: LayoutState;
  dispatch: Dispatch<LayoutAction>;
  narrow: boolean;
  /** The open thread's title and folder, or null with no thread open. */
  thread: { title: string; cwd: string } | null;
  /** Approvals and questions waiting, in every thread. */
  pending: number;
  /** More per-thread actions, placed before Changes. */
  actions?: ReactNode;
}): React.JSX.Element {
  const { layout, dispatch, narrow } = props;
  const sidebarShown = narrow ? layout.overlay === 'sidebar' : layout.sidebarOpen;
  const inboxShown = narrow ? layout.overlay === 'inbox' : layout.inboxOpen;
  const changesOpen = layout.side?.kind === 'changes';
  return (
    <header className="thread-header">
      <IconButton
        icon={sidebarShown ? 'layout-sidebar-left' : 'layout-sidebar-left-off'}
        label={sidebarShown ? 'Hide sidebar' : 'Show sidebar'}
        aria-expanded={sidebarShown}
        onClick={() => dispatch({ type: 'toggleSidebar', narrow })}
      />
      {props.thread ? (
        <div className="thread-heading">
          <h1 className="thread-heading-title" title={props.thread.title}>
            {props.thread.title}
          </h1>
          <span className="thread-heading-cwd" title={props.thread.cwd}>
            {props.thread.cwd}
          </span>
        </div>
      ) : (
        <div className="thread-heading" />
      )}
      <div className="thread-actions">
        {props.actions}
        {props.thread ? (
          <Button
            variant="ghost"
            icon="diff"
            aria-pressed={changesOpen}
            onClick={() => dispatch({ type: 'toggleSide', view: { kind: 'changes' } })}
          >
            Changes
          </Button>
        ) : null}
        {props.pending > 0 ? (
          <span className="inbox-toggle">
            <IconButton
              icon={inboxShown ? 'layout-sidebar-right' : 'layout-sidebar-right-off'}
              label={`${inboxShown ? 'Hide' : 'Show'} approvals inbox (${props.pending} waiting)`}
              aria-expanded={inboxShown}
              onClick={() => dispatch({ type: 'toggleInbox', narrow })}
            />
            <span className="badge" aria-hidden="true">
              {props.pending}
            </span>
          </span>
        ) : null}
      </div>
    </header>
  );
}
