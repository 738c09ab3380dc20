/** One file in Monaco's diff editor (side by side or inline), revealing the hunk asked for. */
import { useEffect, useRef } from 'react';
import { languageOf, loadMonaco } from './monaco';

export function DiffEditor(props: { path: string; before: string; after: string; inline: boolean; reveal: number | null }): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<import('monaco-editor/editor').editor.IStandaloneDiffEditor | null>(null);
  const { path, before, after, inline, reveal } = props;

  useEffect(() => {
    let disposed = false;
    const models: Array<{ dispose(): void }> = [];
    void loadMonaco().then((monaco) => {
      if (disposed || !host.current) return;
      const language = languageOf(monaco, path);
      const original = monaco.editor.createModel(before, language);
      const modified = monaco.editor.createModel(after, language);
      models.push(original, modified);
      const diff = monaco.editor.createDiffEditor(host.current, {
        readOnly: true,
        automaticLayout: true,
        renderSideBySide: !inline,
        originalEditable: false,
        scrollBeyondLastLine: false,
        minimap: { enabled: false },
      });
      diff.setModel({ original, modified });
      editor.current = diff;
    });
    return () => {
      disposed = true;
      editor.current?.dispose();
      editor.current = null;
      for (const m of models) m.dispose();
    };
  }, [path, before, after, inline]);

  useEffect(() => {
    if (reveal !== null) editor.current?.getModifiedEditor().revealLineInCenter(Math.max(1, reveal));
  }, [reveal]);

  return <div className="diff-editor" ref={host} data-testid={`diff:${path}`} />;
}
