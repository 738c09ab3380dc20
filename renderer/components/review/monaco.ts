/**
 * Monaco, loaded only when a diff is first shown (the first paint never waits for it), bundled
 * locally with its worker — no CDN. Languages colour syntax without language workers.
 */
type Monaco = typeof import('monaco-editor/editor');

let loading: Promise<Monaco> | undefined;

export function loadMonaco(): Promise<Monaco> {
  loading ??= (async () => {
    const [monaco, worker] = await Promise.all([
      import('monaco-editor/editor'),
      import('monaco-editor/editor/editor.worker?worker&url'),
      import('monaco-editor/features/register.all'),
      import('monaco-editor/languages/definitions/register.all'),
    ]);
    const url = (worker as { default: string }).default;
    (self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = { getWorker: () => new Worker(url, { type: 'module' }) };
    return monaco;
  })();
  return loading;
}

/** A language id Monaco knows, from a file name. */
export function languageOf(monaco: Monaco, path: string): string {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  return monaco.languages.getLanguages().find((l) => l.extensions?.includes(ext))?.id ?? 'plaintext';
}
