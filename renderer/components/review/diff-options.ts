/**
 * The diff editor's options, one copy for every diff and for the warm-up (monaco.ts), so the
 * warm-up runs the same code a review does.
 */
type DiffEditorOptions = import('monaco-editor/editor').editor.IDiffEditorConstructionOptions;

/** Narrower than this (px), side by side leaves too little of each file: Monaco shows inline. */
export const SIDE_BY_SIDE_MIN_WIDTH = 640;

export function diffOptions(inline: boolean): DiffEditorOptions {
  return {
    readOnly: true,
    automaticLayout: true,
    renderSideBySide: !inline,
    // Monaco's default breakpoint (900 px) is wider than a review in the app at most window
    // sizes, so the toggle did nothing; below this one, the toggle says why it is inline.
    useInlineViewWhenSpaceIsLimited: true,
    renderSideBySideInlineBreakpoint: SIDE_BY_SIDE_MIN_WIDTH,
    // A long file opens at its changes, the rest folded away (Monaco's own "N hidden lines").
    hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 3, revealLineCount: 20 },
    // Room for 5-digit line numbers beside the +/- signs (the defaults run them together; the
    // signs are centred in their column by styles.css).
    lineNumbersMinChars: 6,
    lineDecorationsWidth: 18,
    // The hunk glyphs (hunk-decorations.ts): each hunk's decision, and a click toggles it.
    glyphMargin: true,
    renderMarginRevertIcon: false,
    originalEditable: false,
    scrollBeyondLastLine: false,
    minimap: { enabled: false },
    // Names for the two sides' editors, read out once a screen reader is detected.
    originalAriaLabel: 'Original version',
    modifiedAriaLabel: 'New version',
  };
}
