/** Settings: endpoint, key, model, wire format and the defaults for new threads; Test connection says what the endpoint answered. */
import { useEffect, useState } from 'react';
import type { ConnectionTestResponse, Settings, SettingsWriteParams } from '../../protocol/schema/tandem';
import { PolicySelect, SandboxSelect } from './Pickers';

export function SettingsPanel(props: {
  read: () => Promise<Settings>;
  write: (p: SettingsWriteParams) => Promise<Settings>;
  test: () => Promise<ConnectionTestResponse>;
  onClose: () => void;
}): React.JSX.Element {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [key, setKey] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [read] = useState(() => props.read);
  useEffect(() => {
    read().then(setSettings, (e: unknown) => setStatus(e instanceof Error ? e.message : String(e)));
  }, [read]);
  if (!settings) return <p className="muted">{status ?? 'Loading settings…'}</p>;
  const save = async (): Promise<void> => {
    try {
      const next = await props.write({
        baseUrl: settings.baseUrl || null,
        model: settings.model || null,
        wireApi: settings.wireApi,
        approvalPolicy: settings.approvalPolicy,
        sandbox: settings.sandbox,
        ...(key ? { apiKey: key } : {}),
      });
      setSettings(next);
      setKey('');
      setStatus('Saved.');
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
      <h2>Settings</h2>
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
      <div className="buttons">
        <button type="submit">Save</button>
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
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
      {status ? <p role="status">{status}</p> : null}
    </form>
  );
}
