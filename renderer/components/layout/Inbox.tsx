/** The approvals inbox: every approval and question waiting, in any thread; a click opens its thread. */
import type { Approval } from '../../state/approvals';
import { Icon } from '../../ui/Icon';

function labelOf(a: Approval): string {
  if (a.method === 'item/commandExecution/requestApproval') return `Run: ${a.params.command ?? ''}`;
  if (a.method === 'item/tool/requestUserInput')
    return `Question: ${a.params.questions[0]?.header || a.params.questions[0]?.question || ''}`;
  return 'File changes';
}

function iconOf(a: Approval): string {
  if (a.method === 'item/commandExecution/requestApproval') return 'terminal';
  if (a.method === 'item/tool/requestUserInput') return 'question';
  return 'diff';
}

export function Inbox(props: {
  pending: Approval[];
  threadName: (threadId: string) => string;
  selected: string | null;
  onOpen: (threadId: string) => void;
}): React.JSX.Element {
  return (
    <aside className="inbox" aria-label="Approvals inbox">
      <h2 className="pane-title">
        Waiting for you <span className="count">{props.pending.length}</span>
      </h2>
      <ul>
        {props.pending.map((a) => (
          <li key={String(a.requestId)} className={a.params.threadId === props.selected ? 'current' : ''}>
            <Icon name={iconOf(a)} className="inbox-icon" />
            <div className="inbox-entry">
              <button className="link" onClick={() => props.onOpen(a.params.threadId)}>
                {labelOf(a)}
              </button>
              <span className="inbox-thread">{props.threadName(a.params.threadId)}</span>
            </div>
          </li>
        ))}
      </ul>
    </aside>
  );
}
