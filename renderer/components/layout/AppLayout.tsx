/**
 * The window's panes: sidebar | thread | side pane | approvals inbox, resizable
 * (react-resizable-panels) with widths kept across reloads. In a narrow window the sidebar and
 * the inbox leave the row and open over the thread (toggled from the thread header), so the
 * thread and the side pane keep the room.
 */
import { useEffect, useRef, type Dispatch, type ReactNode } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { PANES, reviewWidth, type LayoutAction, type LayoutState, type PaneSizes } from '../../state/layout';
import './layout.css';

export function AppLayout(props: {
  layout: LayoutState;
  dispatch: Dispatch<LayoutAction>;
  narrow: boolean;
  sidebar: ReactNode;
  header: ReactNode;
  main: ReactNode;
  /** The side pane's content, or null when it is closed. */
  side: ReactNode;
  /** The side pane holds a review: its own (wider) width is kept apart from the changes'. */
  sideIsReview?: boolean;
  /** The inbox, or null when nothing waits. */
  inbox: ReactNode;
}): React.JSX.Element {
  const { layout, dispatch, narrow } = props;
  const group = useRef<HTMLDivElement>(null);
  const showSidebar = !narrow && layout.sidebarOpen;
  // While a change is under review the inbox steps aside (the header's badge still counts it).
  const showInbox = !narrow && layout.inboxOpen && props.inbox != null && !props.sideIsReview;
  const overlay = narrow ? layout.overlay : null;
  const overlayShown = overlay === 'sidebar' || (overlay === 'inbox' && props.inbox != null);
  useEffect(() => {
    if (!overlayShown) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') dispatch({ type: 'closeOverlay' });
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [overlayShown, dispatch]);
  useEffect(() => {
    if (!narrow) dispatch({ type: 'closeOverlay' });
  }, [narrow, dispatch]);
  const sizes = layout.sizes;
  const sideId = props.sideIsReview ? 'review' : 'side';
  return (
    <div className={`app${narrow ? ' narrow' : ''}`}>
      <Group
        id="tandem-panes"
        orientation="horizontal"
        className="panes"
        elementRef={group}
        onLayoutChanged={(l, meta) => {
          const width = group.current?.offsetWidth;
          if (!meta.isUserInteraction || !width) return;
          const next: Partial<PaneSizes> = {};
          for (const id of PANES) {
            const pct = l[id];
            if (pct !== undefined) next[id] = (pct / 100) * width;
          }
          dispatch({ type: 'resized', sizes: next });
        }}
      >
        {showSidebar ? (
          <Panel
            id="sidebar"
            className="pane pane-sidebar"
            defaultSize={sizes.sidebar}
            minSize={200}
            maxSize={480}
            groupResizeBehavior="preserve-pixel-size"
          >
            {props.sidebar}
          </Panel>
        ) : null}
        {showSidebar ? <Separator className="pane-separator" /> : null}
        <Panel id="thread" className="pane pane-thread" minSize={340}>
          <div className="main">
            {props.header}
            {props.main}
          </div>
        </Panel>
        {props.side ? <Separator className="pane-separator" /> : null}
        {props.side ? (
          <Panel
            key={sideId}
            id={sideId}
            className="pane pane-side"
            defaultSize={sideId === 'review' ? reviewWidth(sizes, innerWidth) : sizes.side}
            minSize={sideId === 'review' ? 420 : 300}
            groupResizeBehavior="preserve-pixel-size"
          >
            {props.side}
          </Panel>
        ) : null}
        {showInbox ? <Separator className="pane-separator" /> : null}
        {showInbox ? (
          <Panel
            id="inbox"
            className="pane pane-inbox"
            defaultSize={sizes.inbox}
            minSize={200}
            maxSize={420}
            groupResizeBehavior="preserve-pixel-size"
          >
            {props.inbox}
          </Panel>
        ) : null}
      </Group>
      {overlayShown ? (
        <>
          <div className="overlay-backdrop" aria-hidden="true" onClick={() => dispatch({ type: 'closeOverlay' })} />
          <div
            className={`drawer drawer-${overlay === 'sidebar' ? 'left' : 'right'}`}
            onClick={(e) => {
              // Choosing a thread (or an inbox entry) closes the overlay.
              if (e.target instanceof Element && e.target.closest('.thread-title, .inbox button')) {
                dispatch({ type: 'closeOverlay' });
              }
            }}
          >
            {overlay === 'sidebar' ? props.sidebar : props.inbox}
          </div>
        </>
      ) : null}
    </div>
  );
}
