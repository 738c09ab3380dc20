/**
 * Settings: the engine, and (on Tandem's engine) endpoint, key, model, wire format and the
 * defaults for new threads; Test connection says what the endpoint answered. On another engine
 * only the engine choice shows: the rest is that engine's own configuration.
 */
import './forms.css';
import { useEffect, useState } from 'react';
import type { EngineChoice } from '../../protocol/schema/engine';
import type { ConnectionTestResponse, Settings, SettingsWriteParams } from '../../protocol/schema/tandem';
import type { EngineInfo } from '../state/engine';
import { EngineFields, sameEngine } from './EngineFields';
import { PolicySelect, SandboxSelect } from './Pickers';

export function SettingsPanel(props: {
  read: () => Promise<Settings>;
  write: (p: SettingsWriteParams) => Promise<Settings>;
  test: () => Promise<ConnectionTestResponse>;
  /** The engine this page is connected to now. */
  connected: EngineInfo;
  onClose: () => void;
}): React.JSX.Element {
  const [settings, setSettings] = useState<Settings | null>(null);
  /** The engine as saved when the panel opened: changing it takes effect on the next connection. */
  const [savedEngine, setSavedEngine] = useState<EngineChoice | null>(null);
  const [key, setKey] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [read] = useState(() => props.read);
  useEffect(() => {
    read().then(
      (s) => {
        setSettings(s);
        setSavedEngine(s.engine ?? { kind: 'builtin' });
      },
      (e: unknown) => setStatus(e instanceof Error ? e.message : String(e)),
    );
  }, [read]);
  if (!settings) return <p className="muted">{status ?? 'Loading settings…'}</p>;
  const full = props.connected.kind === 'tandem';
  const engine = settings.engine ?? { kind: 'builtin' };
  const save = async (): Promise<void> => {
    try {
      const next = await props.write({
        ...(full
          ? {
              baseUrl: settings.baseUrl || null,
              model: settings.model || null,
              wireApi: settings.wireApi,
              approvalPolicy: settings.approvalPolicy,
              sandbox: settings.sandbox,
              ...(key ? { apiKey: key } : {}),
            }
          : {}),
        engine,
      });
      setSettings(next);
      setKey('');
      const changed = savedEngine !== null && !sameEngine(savedEngine, next.engine ?? { kind: 'builtin' });
      setStatus(
        changed
          ? 'Saved. The new engine is used once the page reconnects: reload the page, or restart the app.'
          : 'Saved.',
      );
    } catch (e) {
      setStatus(e instanceof Error ? e.message : String(e));
    }
  };
  const keyNote = {
    stored: 'A key is saved.',
    encrypted: 'A key is saved, encrypted by the OS keychain.',
    environment: 'Using OPENAI_API_KEY from the environment.',
    missing: 'No key yet.',
  }[settings.apiKey];
  return (
    <form
      className="settings"
      aria-label="Settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {settings.engineProblem ? (
        <p className="error" role="alert">
          {settings.engineProblem}. This page uses the built-in server until the engine works.
        </p>
      ) : null}
      <EngineFields value={engine} onChange={(e) => setSettings({ ...settings, engine: e })} />
      {full ? null : (
        <p className="muted">
          This page is connected to {props.connected.name}: its model, endpoint, key and approval defaults are its own
          configuration (Codex: config.toml in its home).
        </p>
      )}
      {full ? (
        <>
          <label>
            Base URL{' '}
            <input
              aria-label="Base URL"
              placeholder="https://api.openai.com/v1"
              value={settings.baseUrl ?? ''}
              onChange={(e) => setSettings({ ...settings, baseUrl: e.target.value })}
            />
          </label>
          <label>
            API key{' '}
            <input
              aria-label="API key"
              type="password"
              autoComplete="off"
              placeholder={keyNote}
              value={key}
              onChange={(e) => setKey(e.target.value)}
            />
          </label>
          <span className="muted">{keyNote}</span>
          <label>
            Model{' '}
            <input
              aria-label="Default model"
              value={settings.model ?? ''}
              placeholder="gpt-5.5"
              onChange={(e) => setSettings({ ...settings, model: e.target.value })}
            />
          </label>
          <label>
            Wire format{' '}
            <select
              aria-label="Wire format"
              value={settings.wireApi}
              onChange={(e) => setSettings({ ...settings, wireApi: e.target.value as Settings['wireApi'] })}
            >
              <option value="responses">Responses API</option>
              <option value="chat">Chat Completions</option>
            </select>
          </label>
          <label>
            Default approval policy{' '}
            <PolicySelect
              label="Default approval policy"
              value={settings.approvalPolicy}
              onChange={(v) => setSettings({ ...settings, approvalPolicy: v })}
            />
          </label>
          <label>
            Default sandbox{' '}
            <SandboxSelect
              label="Default sandbox"
              value={settings.sandbox}
              onChange={(v) => setSettings({ ...settings, sandbox: v })}
            />
          </label>
        </>
      ) : null}
      <div className="buttons">
        <button type="submit">Save</button>
        {full ? (
          <button
            type="button"
            onClick={() => {
              setStatus('Testing…');
              props.test().then(
                (r) => setStatus(r.message),
                (e: unknown) => setStatus(e instanceof Error ? e.message : String(e)),
              );
            }}
          >
            Test connection
          </button>
        ) : null}
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
      {status ? <p role="status">{status}</p> : null}
    </form>
  );
}
