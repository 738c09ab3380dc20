/**
 * The open thread: its transcript (with messages queued for the running turn), the working
 * indicator while a turn runs, and the composer. Esc anywhere in it stops the running turn.
 */
import { useRef } from 'react';
import type { CommandDecision, FileEdit, HunkSelection } from '../../protocol/schema/approval';
import type { ToolRequestUserInputResponse } from '../../protocol/schema/user-input';
import type { TokenUsageBreakdown } from '../../protocol/schema/turn-events';
import type { Approval } from '../state/approvals';
import type { ComposerState } from '../state/composer';
import { activeTurn, type TranscriptState, type TurnView } from '../state/transcript';
import { workingLabel } from '../state/working';
import { Composer, type TurnOptions } from './Composer';
import './forms.css';
import { ThreadView } from './ThreadView';
import { useEscToStop } from './useEscToStop';
import { WorkingIndicator } from './WorkingIndicator';

/** What the running turn waits for from the user: an approval, an answer to the agent's questions, or nothing. */
function waitingOn(approvals: Approval[], turnId: string): 'approval' | 'answer' | false {
  const mine = approvals.filter((a) => a.params.turnId === turnId);
  if (mine.some((a) => a.method !== 'item/tool/requestUserInput')) return 'approval';
  return mine.length > 0 ? 'answer' : false;
}

export function ThreadPane(props: {
  transcript: TranscriptState;
  approvals: Approval[];
  composer: ComposerState;
  /** Not connected (reconnecting): nothing can be sent. */
  offline: boolean;
  options: TurnOptions;
  models: string[];
  tokens: TokenUsageBreakdown | null;
  onAnswer: (a: Approval, d: CommandDecision, hunks?: HunkSelection[], edits?: FileEdit[]) => void;
  onUserInput?: (a: Approval, response: ToolRequestUserInputResponse) => void;
  onLoadOlder: () => Promise<boolean>;
  onOptions: (o: TurnOptions) => void;
  onDraft: (text: string) => void;
  onSend: (text: string) => void;
  onStop: () => void;
  onRetry: (turn: TurnView) => void;
}): React.JSX.Element {
  const running = activeTurn(props.transcript);
  const pane = useRef<HTMLDivElement>(null);
  useEscToStop(!!running, props.onStop, pane);
  return (
    <div className="thread-pane" ref={pane}>
      <ThreadView
        transcript={props.transcript}
        approvals={props.approvals}
        onAnswer={props.onAnswer}
        {...(props.onUserInput ? { onUserInput: props.onUserInput } : {})}
        onLoadOlder={props.onLoadOlder}
        queued={props.composer.queued}
        {...(running ? {} : { onRetry: props.onRetry })}
      />
      {running ? (
        <WorkingIndicator
          key={running.id}
          startedAt={running.startedAt}
          label={workingLabel(running, waitingOn(props.approvals, running.id))}
        />
      ) : null}
      <Composer
        running={!!running}
        offline={props.offline}
        draft={props.composer.draft}
        onDraft={props.onDraft}
        options={props.options}
        models={props.models}
        tokens={props.tokens}
        onOptions={props.onOptions}
        onSend={props.onSend}
        onStop={props.onStop}
      />
    </div>
  );
}
