/**
 * Monaco, loaded only when a diff is first shown (the first paint never waits for it), bundled
 * locally with its worker — no CDN. Languages colour syntax without language workers.
 */
import { diffOptions } from './diff-options';
import { followTheme } from './monaco-theme';

type Monaco = typeof import('monaco-editor/editor');

let loading: Promise<Monaco> | undefined;

export function loadMonaco(): Promise<Monaco> {
  loading ??= (async () => {
    const [monaco, worker] = await Promise.all([
      import('monaco-editor/editor'),
      import('monaco-editor/editor/editor.worker?worker&url'),
      import('./monaco-features'),
      import('monaco-editor/languages/definitions/register.all'),
    ]);
    const url = (worker as { default: string }).default;
    (self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
      getWorker: () => new Worker(url, { type: 'module' }),
    };
    followTheme(monaco); // the app's light or dark theme, from the design tokens
    return monaco;
  })();
  return loading;
}

/** A language id Monaco knows, from a file name. */
export function languageOf(monaco: Monaco, path: string): string {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  return monaco.languages.getLanguages().find((l) => l.extensions?.includes(ext))?.id ?? 'plaintext';
}

/**
 * Loads Monaco and runs one tiny diff off screen, so the first real review does not pay for what
 * a first diff editor sets up: Monaco's services, its diff worker (a second large script), and the
 * first run of its rendering code. Called when the app is idle.
 */
export async function warmMonaco(): Promise<void> {
  const monaco = await loadMonaco();
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.inert = true; // nothing in it takes focus either
  host.style.cssText = 'position:fixed;left:-10000px;top:0;width:600px;height:200px;visibility:hidden';
  document.body.append(host);
  // Big enough for the diff worker's code to be optimised, not just loaded.
  const lines = Array.from({ length: 2_000 }, (_, i) => `const v${i} = ${i};`);
  const original = monaco.editor.createModel(lines.join('\n'), 'typescript');
  const modified = monaco.editor.createModel(
    lines.map((l, i) => (i % 40 === 7 ? `${l} // changed` : l)).join('\n'),
    'typescript',
  );
  const diff = monaco.editor.createDiffEditor(host, { ...diffOptions(false), automaticLayout: false });
  try {
    const computed = new Promise<void>((resolve) => diff.onDidUpdateDiff(() => resolve()));
    diff.setModel({ original, modified });
    // Bounded: a worker that never answers must not keep the warm-up's editor alive.
    await Promise.race([computed, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  } finally {
    diff.dispose();
    original.dispose();
    modified.dispose();
    host.remove();
  }
}
