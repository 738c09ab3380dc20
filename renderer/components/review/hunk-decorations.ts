/**
 * Each hunk's decision, drawn in the diff editor: a glyph at the hunk's first change (✓ accepted,
 * ✕ rejected; clicking it toggles, see DiffEditor), and for a rejected hunk its added lines struck
 * out over a red hatch and the lines it would have removed shown as kept. Accepted hunks keep
 * Monaco's own colours. One decoration per hunk and per run of lines, none per line of the file.
 */
import type { HunkLines } from '../../state/hunk-lines';

/** A hunk as the editor marks it: its decision and where it sits. */
export interface HunkMark {
  accepted: boolean;
  lines: HunkLines;
}

type Monaco = typeof import('monaco-editor/editor');
type DiffEditorWidget = import('monaco-editor/editor').editor.IStandaloneDiffEditor;
type Decoration = import('monaco-editor/editor').editor.IModelDeltaDecoration;

/** Returns a function that replaces the editor's hunk decorations with those for `marks`. */
export function decorateHunks(monaco: Monaco, diff: DiffEditorWidget): (marks: HunkMark[]) => void {
  const modifiedEditor = diff.getModifiedEditor();
  const originalEditor = diff.getOriginalEditor();
  const onModified = modifiedEditor.createDecorationsCollection();
  const onOriginal = originalEditor.createDecorationsCollection();
  /** Whole lines `start`..`end`, to the end of the last (an inline class must cover the text). */
  const lines = (editor: typeof modifiedEditor, start: number, end: number): InstanceType<Monaco['Range']> | null => {
    const model = editor.getModel();
    if (!model || start > model.getLineCount()) return null;
    const last = Math.min(end, model.getLineCount());
    return new monaco.Range(start, 1, last, model.getLineMaxColumn(last));
  };
  return (marks) => {
    const modified: Decoration[] = [];
    const original: Decoration[] = [];
    marks.forEach((m, i) => {
      const anchor = lines(modifiedEditor, m.lines.anchor, m.lines.anchor);
      if (anchor)
        modified.push({
          range: anchor.collapseToStart(),
          options: {
            glyphMarginClassName: `tandem-hunk-glyph codicon ${m.accepted ? 'codicon-check accepted' : 'codicon-close rejected'} hunk-${i + 1}`,
          },
        });
      if (m.accepted) return;
      for (const r of m.lines.added) {
        const range = lines(modifiedEditor, r.start, r.end);
        if (range)
          modified.push({
            range,
            options: {
              isWholeLine: true,
              className: 'tandem-hunk-rejected',
              inlineClassName: 'tandem-hunk-rejected-text',
              linesDecorationsClassName: 'tandem-hunk-rejected-margin',
            },
          });
      }
      for (const r of m.lines.removed) {
        const range = lines(originalEditor, r.start, r.end);
        if (range)
          original.push({
            range,
            options: {
              isWholeLine: true,
              className: 'tandem-hunk-kept',
              linesDecorationsClassName: 'tandem-hunk-kept-margin',
            },
          });
      }
    });
    onModified.set(modified);
    onOriginal.set(original);
  };
}
