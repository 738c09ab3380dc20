/** The approval-policy and sandbox pickers, shared by the composer and the settings screen. */
import type { PolicyName, SandboxName } from '../state/thread-settings';

export type { PolicyName, SandboxName };

const POLICIES: PolicyName[] = ['untrusted', 'on-failure', 'on-request', 'never'];
const SANDBOXES: SandboxName[] = ['read-only', 'workspace-write', 'danger-full-access'];

export function PolicySelect(props: { label: string; value: PolicyName; onChange: (v: PolicyName) => void }): React.JSX.Element {
  return (
    <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value as PolicyName)}>
      {POLICIES.map((p) => (
        <option key={p} value={p}>
          {p}
        </option>
      ))}
    </select>
  );
}

export function SandboxSelect(props: { label: string; value: SandboxName; onChange: (v: SandboxName) => void }): React.JSX.Element {
  return (
    <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value as SandboxName)}>
      {SANDBOXES.map((s) => (
        <option key={s} value={s}>
          {s}
        </option>
      ))}
    </select>
  );
}
