/**
 * Accept / Reject on each hunk in the editor itself, as Cursor and VS Code place them: a bar
 * above the hunk's first change in the modified editor (a Monaco view zone, which the diff editor
 * aligns the other side to), with real buttons "Accept hunk" and "Reject hunk" and the hunk's
 * state (pending / accepted / rejected). Plain DOM, made once per set of hunks and then only
 * updated: 200 zones cost one layout, not one per decision.
 */
import type { HunkMark } from './hunk-decorations';
import { REVIEW_SHORTCUTS } from './review-keys';

type Monaco = typeof import('monaco-editor/editor');
type CodeEditor = import('monaco-editor/editor').editor.ICodeEditor;

/** A hunk as its bar shows it: its decision (null: not decided yet) and where its first change is. */
export interface ZoneMark extends HunkMark {
  choice: boolean | null;
}

interface Bar {
  node: HTMLDivElement;
  state: HTMLSpanElement;
  accept: HTMLButtonElement;
  reject: HTMLButtonElement;
}

function button(text: string, icon: string, cls: string, keys: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `tandem-hunk-button ${cls}`;
  b.setAttribute('aria-keyshortcuts', keys);
  const i = document.createElement('span');
  i.className = `codicon ${icon}`;
  i.setAttribute('aria-hidden', 'true');
  b.append(i, document.createTextNode(text));
  return b;
}

/**
 * Returns a function that shows `marks` as bars in `editor` (current: the hunk keyboard
 * navigation is at), and one that removes them.
 */
export function hunkZones(
  monaco: Monaco,
  editor: CodeEditor,
  onChoose: (index: number, accepted: boolean) => void,
): { show: (marks: ZoneMark[], current: number) => void; dispose: () => void } {
  let ids: string[] = [];
  let bars: Bar[] = [];
  let anchors = '';

  const clear = (): void => {
    if (ids.length === 0) return;
    editor.changeViewZones((zones) => ids.forEach((id) => zones.removeZone(id)));
    ids = [];
    bars = [];
    anchors = '';
  };

  const build = (marks: ZoneMark[]): void => {
    clear();
    const lineHeight = editor.getOption(monaco.editor.EditorOption.lineHeight);
    editor.changeViewZones((zones) => {
      marks.forEach((m, i) => {
        const node = document.createElement('div');
        node.className = 'tandem-hunk-bar';
        node.setAttribute('role', 'group');
        node.setAttribute('aria-label', `Hunk ${i + 1} of ${marks.length}`);
        const label = document.createElement('span');
        label.className = 'tandem-hunk-label';
        // Short: a bar in a side-by-side half must still show its state (the group's name says it whole).
        label.textContent = `${i + 1}/${marks.length} ·`;
        const state = document.createElement('span');
        state.className = 'tandem-hunk-state';
        const accept = button('Accept hunk', 'codicon-check', 'accept', REVIEW_SHORTCUTS.acceptHunk.aria);
        const reject = button('Reject hunk', 'codicon-close', 'reject', REVIEW_SHORTCUTS.rejectHunk.aria);
        accept.title = `Accept this hunk (${REVIEW_SHORTCUTS.acceptHunk.shown})`;
        reject.title = `Reject this hunk (${REVIEW_SHORTCUTS.rejectHunk.shown})`;
        accept.addEventListener('click', () => onChoose(i, true));
        reject.addEventListener('click', () => onChoose(i, false));
        // Monaco would otherwise take the mouse down for a selection in the text.
        for (const b of [accept, reject]) b.addEventListener('mousedown', (e) => e.stopPropagation());
        node.append(accept, reject, label, state);
        bars.push({ node, state, accept, reject });
        // Monaco sizes the zone's own node; the bar inside keeps its width whatever the text's.
        const zone = document.createElement('div');
        zone.append(node);
        ids.push(
          zones.addZone({
            afterLineNumber: Math.max(0, m.lines.anchor - 1),
            heightInPx: Math.max(26, Math.round(lineHeight * 1.5)),
            domNode: zone,
            ordinal: 0,
          }),
        );
      });
    });
    // Monaco hides its zones' layer from assistive technology (its own zones are decoration);
    // these hold real buttons, so the layer is shown to it (only zones in view are displayed).
    const layer = editor.getDomNode()?.querySelector('.view-zones');
    layer?.removeAttribute('aria-hidden');
    layer?.removeAttribute('role');
    anchors = marks.map((m) => m.lines.anchor).join(',');
  };

  return {
    show(marks, current) {
      if (marks.length === 0) return clear();
      if (marks.map((m) => m.lines.anchor).join(',') !== anchors) build(marks);
      marks.forEach((m, i) => {
        const bar = bars[i];
        if (!bar) return;
        const state = m.choice === null ? 'pending' : m.choice ? 'accepted' : 'rejected';
        if (bar.node.dataset.state !== state) {
          bar.node.dataset.state = state;
          bar.state.textContent = state;
          bar.accept.setAttribute('aria-pressed', String(m.choice === true));
          bar.reject.setAttribute('aria-pressed', String(m.choice === false));
        }
        bar.node.classList.toggle('current', i === current);
      });
    },
    dispose: clear,
  };
}
