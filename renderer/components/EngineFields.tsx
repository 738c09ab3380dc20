/** The engine choice in Settings: the built-in server, an installed `codex app-server`, or a server at a ws:// address. */
import type { EngineChoice } from '../../protocol/schema/engine';

export const sameEngine = (a: EngineChoice, b: EngineChoice): boolean => JSON.stringify(a) === JSON.stringify(b);

export function EngineFields(props: { value: EngineChoice; onChange: (e: EngineChoice) => void }): React.JSX.Element {
  const { value, onChange } = props;
  return (
    <fieldset className="engine">
      <legend>Engine</legend>
      <label>
        Engine{' '}
        <select
          aria-label="Engine"
          value={value.kind}
          onChange={(e) => {
            const kind = e.target.value;
            onChange(
              kind === 'codex'
                ? { kind: 'codex' }
                : kind === 'remote'
                  ? { kind: 'remote', url: '' }
                  : { kind: 'builtin' },
            );
          }}
        >
          <option value="builtin">Built-in server</option>
          <option value="codex">Codex app-server (installed)</option>
          <option value="remote">Codex-compatible server (ws://)</option>
        </select>
      </label>
      {value.kind === 'codex' ? (
        <label>
          Codex command{' '}
          <input
            aria-label="Codex command"
            placeholder="codex"
            value={value.command ?? ''}
            onChange={(e) => onChange(e.target.value ? { kind: 'codex', command: e.target.value } : { kind: 'codex' })}
          />
        </label>
      ) : null}
      {value.kind === 'remote' ? (
        <label>
          Address{' '}
          <input
            aria-label="Engine address"
            placeholder="ws://127.0.0.1:4500"
            value={value.url}
            onChange={(e) => onChange({ kind: 'remote', url: e.target.value })}
          />
        </label>
      ) : null}
      <span className="muted">
        A new engine is used from the next connection on: reload the page, or restart the app.
      </span>
    </fieldset>
  );
}
