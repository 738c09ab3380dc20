/**
 * Code coloured by Monaco's tokenizers (every language Monaco knows), for fenced code in agent
 * Markdown. Monaco loads lazily, the first time a fence with a language is shown: until then, and
 * for text too long to colour, code shows plain. The colours are Monaco's token classes (`mtkN`),
 * so they follow Monaco's current theme; the theme follows `data-theme` on <html>.
 */
import { parseColorized, type CodeRun } from '../state/item-format';
import { loadMonaco } from './review/monaco';

type Monaco = typeof import('monaco-editor/editor');

/** Longer code is shown plain: colouring it would hold up the page. */
const MAX_HIGHLIGHT_CHARS = 40_000;

/**
 * The Monaco themes for the app's light and dark themes. MERGE NOTE: the "shell" part of issue 13
 * defines 'tandem-light' / 'tandem-dark' and keeps Monaco on them; with it merged, use its names
 * here (or drop followTheme if it already follows data-theme).
 */
const MONACO_THEME = { light: 'vs', dark: 'vs-dark' } as const;

const isDark = (): boolean =>
  document.documentElement.dataset.theme === 'dark' ||
  (!document.documentElement.dataset.theme && matchMedia('(prefers-color-scheme: dark)').matches);

let following = false;

/** Keeps Monaco's theme (and so the colours of coloured code) on the app's light or dark theme. */
function followTheme(monaco: Monaco): void {
  if (following) return;
  following = true;
  const apply = (): void => monaco.editor.setTheme(isDark() ? MONACO_THEME.dark : MONACO_THEME.light);
  apply();
  new MutationObserver(apply).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
}

/** Monaco's id for a fence's language word ("ts", "Python", "sh"), or null when Monaco has none. */
function languageId(monaco: Monaco, word: string): string | null {
  const w = word.toLowerCase();
  const known = monaco.languages
    .getLanguages()
    .find(
      (l) =>
        l.id === w ||
        l.aliases?.some((a) => a.toLowerCase() === w) ||
        l.extensions?.some((e) => e.toLowerCase() === `.${w}`),
    );
  return known?.id ?? null;
}

const cache = new Map<string, CodeRun[][]>();

/** The code's lines as coloured runs, or null (no language Monaco knows, too long, or Monaco failed). */
export async function highlight(code: string, word: string): Promise<CodeRun[][] | null> {
  if (code.length > MAX_HIGHLIGHT_CHARS) return null;
  const key = `${word}\u0000${code}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const monaco = await loadMonaco();
  followTheme(monaco);
  const id = languageId(monaco, word);
  if (!id) return null;
  const lines = parseColorized(await monaco.editor.colorize(code, id, { tabSize: 4 }));
  // Shown only when it is the same text (tabs become spaces; nothing else may differ).
  const strip = (s: string): string => s.replace(/\s+/g, '');
  if (strip(lines.map((l) => l.map((r) => r.text).join('')).join('')) !== strip(code)) return null;
  if (cache.size > 200) cache.clear();
  cache.set(key, lines);
  return lines;
}
