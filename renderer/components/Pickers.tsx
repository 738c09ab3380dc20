/** The approval-policy and sandbox pickers, shared by the composer and the settings screen. */
import { POLICY_NAMES, SANDBOX_MODES, type PolicyName } from '../../protocol/policy';
import type { SandboxMode } from '../../protocol/schema/common';

export function PolicySelect(props: {
  label: string;
  value: PolicyName;
  onChange: (v: PolicyName) => void;
}): React.JSX.Element {
  return (
    <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value as PolicyName)}>
      {POLICY_NAMES.map((p) => (
        <option key={p} value={p}>
          {p}
        </option>
      ))}
    </select>
  );
}

export function SandboxSelect(props: {
  label: string;
  value: SandboxMode;
  onChange: (v: SandboxMode) => void;
}): React.JSX.Element {
  return (
    <select
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as SandboxMode)}
    >
      {SANDBOX_MODES.map((s) => (
        <option key={s} value={s}>
          {s}
        </option>
      ))}
    </select>
  );
}
