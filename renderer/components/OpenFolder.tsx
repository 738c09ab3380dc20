/**
 * Choosing a project folder in web mode: a path field completed by the server (no native dialog
 * in a browser), or typed whole on an engine without Tandem's folder completion (`complete` null).
 */
import './forms.css';
import { useEffect, useState } from 'react';

export function OpenFolder(props: {
  complete: ((prefix: string) => Promise<string[]>) | null;
  onOpen: (path: string) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const [path, setPath] = useState('');
  const [options, setOptions] = useState<string[]>([]);
  const { complete } = props;
  useEffect(() => {
    if (!complete) return;
    let live = true;
    const timer = setTimeout(() => {
      complete(path).then(
        (folders) => live && setOptions(folders),
        () => live && setOptions([]),
      );
    }, 80);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [path, complete]);
  return (
    <form
      className="open-folder"
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim()) props.onOpen(path.trim().replace(/\/+$/, '') || '/');
      }}
    >
      <label>
        Folder{' '}
        <input
          aria-label="Folder path"
          autoFocus
          value={path}
          placeholder="/home/you/project"
          onChange={(e) => setPath(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Tab' && options[0]) {
              e.preventDefault();
              setPath(`${options[0]}/`);
            } else if (e.key === 'Escape') props.onCancel();
          }}
        />
      </label>
      {/* The buttons come before the completions, so suggestions arriving never move them. */}
      <div className="buttons">
        <button type="submit">Open</button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      <ul className="completions" aria-label="Matching folders">
        {options.map((o) => (
          <li key={o}>
            <button type="button" className="link" onClick={() => setPath(`${o}/`)}>
              {o}
            </button>
          </li>
        ))}
      </ul>
    </form>
  );
}
