/**
 * Code coloured by Monaco's tokenizers (every language Monaco knows), for fenced code in agent
 * Markdown. Monaco loads lazily, the first time a fence with a language is shown: until then, and
 * for text too long to colour, code shows plain. The colours are Monaco's token classes (`mtkN`),
 * so they follow Monaco's current theme, which follows the app's (review/monaco-theme.ts).
 */
import { parseColorized, type CodeRun } from '../state/item-format';
import { loadMonaco } from './review/monaco';
import { appliedTheme } from '../theme/theme';

type Monaco = typeof import('monaco-editor/editor');

/** Longer code is shown plain: colouring it would hold up the page. */
const MAX_HIGHLIGHT_CHARS = 40_000;

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
  // Per theme: the token classes (`mtkN`) index the current theme's colour map.
  const key = `${appliedTheme()}\u0000${word}\u0000${code}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const monaco = await loadMonaco();
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
