/**
 * A fenced code block from agent Markdown, coloured by Monaco's tokenizer once Monaco has loaded
 * (lazily). React puts the code in as text; Monaco re-renders that text as escaped, coloured spans.
 */
import { useEffect, useRef } from 'react';
import { loadMonaco } from './review/monaco';
import { monacoThemeName } from './review/monaco-theme';
import { useAppliedTheme } from '../theme/use-theme';

export function CodeBlock({ code, language }: { code: string; language: string | null }): React.JSX.Element {
  const ref = useRef<HTMLElement>(null);
  // Coloured again when the theme changes: Monaco's classes index the theme's own colour map.
  const theme = useAppliedTheme();
  useEffect(() => {
    const el = ref.current;
    if (!el || !language) return;
    let live = true;
    void loadMonaco().then((monaco) => {
      if (!live || !ref.current) return;
      const known = monaco.languages
        .getLanguages()
        .find((l) => l.id === language || l.aliases?.some((a) => a.toLowerCase() === language.toLowerCase()));
      if (!known) return;
      el.textContent = code;
      el.setAttribute('data-lang', known.id);
      // The app's theme: colorizeElement sets Monaco's (global) theme, to 'vs' when given none.
      void monaco.editor.colorizeElement(el, { theme: monacoThemeName() });
    });
    return () => {
      live = false;
    };
  }, [code, language, theme]);
  return (
    <pre className="code-block">
      <code ref={ref}>{code}</code>
    </pre>
  );
}
