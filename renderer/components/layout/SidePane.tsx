/**
 * What the side pane shows (beside the thread): the thread's changes today, on Tandem's engine
 * with revert (ChangesPanel) or from the turns' diffs on another engine (TurnDiffPanel). New views
 * (the review) are new cases of `SideView` (state/layout.ts) and of the switch here.
 */
import type { EngineInfo } from '../../state/engine';
import type { SideView } from '../../state/layout';
import type { TranscriptState } from '../../state/transcript';
import { turnDiffOf } from '../../state/turn-diff';
import type { ChangesApi } from '../review/changes-api';
import { ChangesPanel } from '../review/ChangesPanel';
import { TurnDiffPanel } from '../review/TurnDiffPanel';

export function SidePane(props: {
  view: SideView;
  threadId: string;
  transcript: TranscriptState;
  engine: EngineInfo;
  /** Tandem's changes API for this thread, or null on another engine. */
  changes: ChangesApi | null;
  undone: ReadonlySet<string>;
  onClose: () => void;
}): React.JSX.Element {
  switch (props.view.kind) {
    case 'changes':
      return (
        <div className="side-pane">
          {props.engine.kind === 'tandem' && !props.changes ? (
            <p className="muted side-pane-note">Reconnecting…</p>
          ) : props.changes ? (
            <ChangesPanel
              key={props.threadId}
              turns={props.transcript.turns.map((t, i) => ({ id: t.id, label: `Turn ${i + 1}` }))}
              api={props.changes}
              undone={props.undone}
              onClose={props.onClose}
            />
          ) : (
            <TurnDiffPanel
              key={props.threadId}
              turns={props.transcript.turns.map((t, i) => ({ id: t.id, label: `Turn ${i + 1}`, diff: turnDiffOf(t) }))}
              engine={props.engine.name}
              onClose={props.onClose}
            />
          )}
        </div>
      );
  }
}
