/**
 * Writing to the agent: Enter sends, Shift+Enter adds a line; during a turn, sending steers it and
 * Stop interrupts. The draft lives in the app state (per thread), so switching threads keeps it.
 */
import type { TokenUsageBreakdown } from '../../protocol/schema/turn-events';
import type { PolicyName } from '../../protocol/policy';
import type { SandboxMode } from '../../protocol/schema/common';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';
import { PolicySelect, SandboxSelect } from './Pickers';
import './thread.css';

// One formatter for every render: `toLocaleString` builds a new one per call, which showed in
// profiles of a streaming turn (the composer renders with every batch of deltas).
const tokenCount = new Intl.NumberFormat();

export interface TurnOptions {
  model: string;
  approvalPolicy: PolicyName;
  sandbox: SandboxMode;
}

export function Composer(props: {
  running: boolean;
  draft: string;
  onDraft: (text: string) => void;
  /** Not connected (reconnecting): nothing can be sent, so the draft stays in the box. */
  offline?: boolean;
  options: TurnOptions;
  models: string[];
  tokens: TokenUsageBreakdown | null;
  onOptions: (o: TurnOptions) => void;
  onSend: (text: string) => void;
  onStop: () => void;
}): React.JSX.Element {
  const text = props.draft;
  const send = (): void => {
    if (!text.trim() || props.offline) return;
    props.onSend(text);
  };
  const o = props.options;
  return (
    <div className="composer">
      <div className="composer-card">
        <textarea
          aria-label="Message"
          placeholder={props.running ? 'Add to the running turn…' : 'Ask the agent…'}
          value={text}
          rows={3}
          onChange={(e) => props.onDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
        />
        <div className="composer-bar">
          <label className="picker" title="Model">
            <Icon name="hubot" />
            <span className="picker-label">Model</span>
            <input
              aria-label="Model"
              list="models"
              placeholder="default"
              value={o.model}
              onChange={(e) => props.onOptions({ ...o, model: e.target.value })}
            />
            <datalist id="models">
              {props.models.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </label>
          <label className="picker" title="Approval policy">
            <Icon name="shield" />
            <span className="picker-label">Approval</span>
            <PolicySelect
              label="Approval policy"
              value={o.approvalPolicy}
              onChange={(v) => props.onOptions({ ...o, approvalPolicy: v })}
            />
          </label>
          <label className="picker" title="Sandbox">
            <Icon name="lock" />
            <span className="picker-label">Sandbox</span>
            <SandboxSelect label="Sandbox" value={o.sandbox} onChange={(v) => props.onOptions({ ...o, sandbox: v })} />
          </label>
          <span className="tokens">{props.tokens ? `${tokenCount.format(props.tokens.totalTokens)} tokens` : ''}</span>
          {props.running ? (
            <Button variant="danger" icon="debug-stop" onClick={props.onStop}>
              Stop
            </Button>
          ) : null}
          <Button variant="primary" icon="send" onClick={send} disabled={!text.trim() || props.offline}>
            Send
          </Button>
        </div>
      </div>
    </div>
  );
}
