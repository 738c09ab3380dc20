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
      // The models start as plain text and get their language once the diff is shown: colouring
      // two large files competes with the diff worker for the main thread, and the changes are
      // what a review needs first (bench:ui, a 10,000-line diff: ~150 ms sooner).
      const original = monaco.editor.createModel(before, 'plaintext');
      const modified = monaco.editor.createModel(after, 'plaintext');
      models.push(original, modified);
      const language = languageOf(monaco, path);
      let coloured = false;
      const colour = (): void => {
        if (coloured || disposed) return;
        coloured = true;
        for (const m of [original, modified]) monaco.editor.setModelLanguage(m, language);
      };
      const diff = monaco.editor.createDiffEditor(host.current, {
        readOnly: true,
        automaticLayout: true,
        renderSideBySide: !inline,
        originalEditable: false,
        scrollBeyondLastLine: false,
        minimap: { enabled: false },
      });
      diff.onDidUpdateDiff(() => setTimeout(colour, 0));
      setTimeout(colour, 1_000); // should the diff never come
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
