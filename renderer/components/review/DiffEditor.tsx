/**
 * One file in Monaco's diff editor, side by side or inline. It opens at the changes (unchanged
 * regions collapsed), marks each hunk's decision in the editor (a glyph that toggles it; a
 * rejected hunk's lines struck out, the lines it would remove kept), reveals the line asked for,
 * and hands back its scroll position when it goes so a remount can return there.
 */
import { useEffect, useRef, useState } from 'react';
import { diffOptions, SIDE_BY_SIDE_MIN_WIDTH } from './diff-options';
import { decorateHunks } from './hunk-decorations';
import { hunkZones, type ZoneMark } from './hunk-zones';
import { languageOf, loadMonaco } from './monaco';

type DiffEditorWidget = import('monaco-editor/editor').editor.IStandaloneDiffEditor;

/** A line to bring into view; `n` tells a second request for the same line from the first. */
export interface Reveal {
  line: number;
  n: number;
  /** Move the keyboard focus into the editor there too (keyboard navigation). */
  focus?: boolean;
}

export function DiffEditor(props: {
  path: string;
  before: string;
  after: string;
  inline: boolean;
  reveal: Reveal | null;
  /** Each hunk's decision, to show in the editor; none: the diff alone. */
  hunks?: ZoneMark[];
  onToggleHunk?: (index: number) => void;
  /** Accept / Reject bars above each hunk in the editor (hunk-zones.ts), and the hunk navigation is at. */
  onChooseHunk?: (index: number, accepted: boolean) => void;
  currentHunk?: number;
  /** The proposed text may be edited: the text to start from (the user's earlier edit), and where edits go (null: the proposal again). */
  editable?: boolean;
  edited?: string;
  onEdit?: (content: string | null) => void;
  /** Where the editor was (Monaco's view state), to return to; and where to keep it when it goes. */
  view?: unknown;
  onSaveView?: (path: string, view: unknown) => void;
  /** Whether the width leaves room for side by side, whenever that changes. */
  onSideBySideFits?: (fits: boolean) => void;
}): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<{
    diff: DiffEditorWidget;
    decorate: ReturnType<typeof decorateHunks>;
    zones: ReturnType<typeof hunkZones> | null;
  } | null>(null);
  // The first diff computed: what decorations and a restored scroll position wait for.
  const [shown, setShown] = useState(false);
  const { path, before, after, inline, reveal, hunks, currentHunk } = props;
  // Read when the editor is made or goes, without making a new editor when they change.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    let disposed = false;
    let diff: DiffEditorWidget | undefined;
    const models: Array<{ dispose(): void }> = [];
    let flush = (): void => {};
    setShown(false);
    void loadMonaco().then((monaco) => {
      if (disposed || !host.current) return;
      // The models start as plain text and get their language once the diff is shown: colouring
      // two large files competes with the diff worker for the main thread, and the changes are
      // what a review needs first (bench:ui, a 10,000-line diff: ~150 ms sooner).
      const original = monaco.editor.createModel(before, 'plaintext');
      const modified = monaco.editor.createModel(latest.current.edited ?? after, 'plaintext');
      models.push(original, modified);
      const language = languageOf(monaco, path);
      let coloured = false;
      const colour = (): void => {
        if (coloured || disposed) return;
        coloured = true;
        for (const m of [original, modified]) monaco.editor.setModelLanguage(m, language);
      };
      const widget = monaco.editor.createDiffEditor(host.current, {
        ...diffOptions(latest.current.inline),
        // Editable: no gutter menu of Monaco's own (its revert arrows would bypass the review's choices).
        ...(latest.current.editable ? { readOnly: false, renderGutterMenu: false } : {}),
      });
      diff = widget;
      const zones = latest.current.onChooseHunk
        ? hunkZones(monaco, widget.getModifiedEditor(), (i, accepted) => latest.current.onChooseHunk?.(i, accepted))
        : null;
      let first = true;
      widget.onDidUpdateDiff(() => {
        setTimeout(colour, 0);
        if (!first) return;
        first = false;
        // The hunk bars first: a restored scroll position counts the space they take.
        if (latest.current.view) zones?.show(latest.current.hunks ?? [], latest.current.currentHunk ?? -1);
        if (latest.current.view)
          widget.restoreViewState(latest.current.view as Parameters<DiffEditorWidget['restoreViewState']>[0]);
        setShown(true);
      });
      setTimeout(colour, 1_000); // should the diff never come
      widget.setModel({ original, modified });
      // The hunk glyphs are the editor's own Accept / Reject.
      widget.getModifiedEditor().onMouseDown((e) => {
        if (e.target.type !== monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN) return;
        const line = e.target.position?.lineNumber;
        const i = latest.current.hunks?.findIndex((h) => h.lines.anchor === line) ?? -1;
        if (i >= 0) latest.current.onToggleHunk?.(i);
      });
      // Edits to the proposal, a moment after typing stops (and at once when the editor goes).
      let timer: ReturnType<typeof setTimeout> | undefined;
      const report = (): void => {
        timer = undefined;
        const text = modified.getValue();
        latest.current.onEdit?.(text === after ? null : text);
      };
      if (latest.current.editable)
        widget.getModifiedEditor().onDidChangeModelContent(() => {
          clearTimeout(timer);
          timer = setTimeout(report, 200);
        });
      flush = () => {
        if (timer !== undefined) {
          clearTimeout(timer);
          report();
        }
      };
      setEditor({ diff: widget, decorate: decorateHunks(monaco, widget), zones });
    });
    return () => {
      disposed = true;
      flush();
      if (diff) {
        latest.current.onSaveView?.(path, diff.saveViewState());
        diff.dispose();
      }
      setEditor(null);
      for (const m of models) m.dispose();
    };
  }, [path, before, after]);

  useEffect(() => {
    editor?.diff.updateOptions({ renderSideBySide: !inline });
  }, [editor, inline]);

  useEffect(() => {
    // After the first diff, not before: Monaco's first paint of the changes comes first.
    if (editor && shown) editor.decorate(hunks ?? []);
  }, [editor, shown, hunks]);

  // The bars, after the diff's first paint (unless a restored scroll position already needed them).
  const [barsDue, setBarsDue] = useState(false);
  useEffect(() => {
    if (!shown) return setBarsDue(false);
    let frame = requestAnimationFrame(() => {
      frame = 0;
      timer = setTimeout(() => setBarsDue(true), 0);
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [shown]);
  useEffect(() => {
    if (editor?.zones && barsDue) editor.zones.show(hunks ?? [], currentHunk ?? -1);
  }, [editor, barsDue, hunks, currentHunk]);

  useEffect(() => {
    if (!editor || !reveal) return;
    const modified = editor.diff.getModifiedEditor();
    const line = Math.max(1, reveal.line);
    // The cursor there first: Monaco unfolds a collapsed region that holds the cursor.
    modified.setPosition({ lineNumber: line, column: 1 });
    modified.revealLineInCenter(line);
    if (reveal.focus) modified.focus();
  }, [editor, reveal]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let fits: boolean | null = null;
    const observer = new ResizeObserver(() => {
      const now = el.clientWidth > SIDE_BY_SIDE_MIN_WIDTH;
      if (now !== fits) latest.current.onSideBySideFits?.((fits = now));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return <div className="diff-editor" ref={host} data-testid={`diff:${path}`} />;
}
