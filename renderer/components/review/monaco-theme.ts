/**
 * Monaco follows the app's theme: 'tandem-light' and 'tandem-dark' are built from the design
 * tokens (renderer/theme/tokens.css) as they are on screen, and set whenever the applied theme
 * changes. Every editor, diff editor and `colorize` call (Markdown code fences) follows, since
 * Monaco's theme is global.
 */
import { appliedTheme, onThemeChange } from '../../theme/theme';

type Monaco = typeof import('monaco-editor/editor');

/** A token's value as a #rrggbb colour Monaco accepts (tokens are hex; anything else falls back). */
function token(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return /^#[0-9a-f]{6}$/i.test(v) ? v : fallback;
}

function defineCurrent(monaco: Monaco): string {
  const dark = appliedTheme() === 'dark';
  const s = getComputedStyle(document.documentElement);
  const bg = token(s, '--color-bg', dark ? '#18181b' : '#ffffff');
  const surface = token(s, '--color-surface', dark ? '#1f1f23' : '#f6f6f4');
  const fg = token(s, '--color-fg', dark ? '#ececef' : '#1c1c1e');
  const muted = token(s, '--color-fg-muted', dark ? '#a6a6ad' : '#5d5d63');
  const border = token(s, '--color-border', dark ? '#34343a' : '#dedcd8');
  const accent = token(s, '--color-accent', '#2a63c9');
  const focus = token(s, '--color-focus', '#2f6fde');
  const addedBg = token(s, '--color-diff-added-bg', dark ? '#1b3a26' : '#e6f4ea');
  const addedFg = token(s, '--color-diff-added-fg', dark ? '#6fdc8c' : '#1a7336');
  const removedBg = token(s, '--color-diff-removed-bg', dark ? '#42201e' : '#fbe9e7');
  const removedFg = token(s, '--color-diff-removed-fg', dark ? '#ff9b91' : '#b3261e');
  const name = dark ? 'tandem-dark' : 'tandem-light';
  monaco.editor.defineTheme(name, {
    base: dark ? 'vs-dark' : 'vs',
    inherit: true,
    // Monaco's own colours where they fall short of AA (4.5:1) on the app's surfaces.
    rules: dark ? DARK_RULES : LIGHT_RULES,
    colors: {
      'editor.background': bg,
      'editor.foreground': fg,
      'editorLineNumber.foreground': muted,
      'editorLineNumber.activeForeground': fg,
      'editorGutter.background': bg,
      'editor.lineHighlightBorder': '#00000000',
      'editorWidget.background': surface,
      'editorWidget.border': border,
      'editorHoverWidget.background': surface,
      'editorHoverWidget.border': border,
      focusBorder: focus,
      'editorCursor.foreground': accent,
      'editor.selectionBackground': `${accent}40`,
      'scrollbarSlider.background': `${muted}33`,
      'scrollbarSlider.hoverBackground': `${muted}55`,
      'scrollbarSlider.activeBackground': `${muted}77`,
      'diffEditor.insertedLineBackground': addedBg,
      'diffEditor.removedLineBackground': removedBg,
      'diffEditor.insertedTextBackground': `${addedFg}33`,
      'diffEditor.removedTextBackground': `${removedFg}33`,
      'diffEditorGutter.insertedLineBackground': addedBg,
      'diffEditorGutter.removedLineBackground': removedBg,
      'diffEditor.border': border,
      'diffEditor.unchangedRegionBackground': surface,
      'diffEditor.unchangedRegionForeground': muted,
    },
  });
  return name;
}

/** Light ('vs') token colours darkened to 4.5:1 on --color-surface-2. */
const LIGHT_RULES = [
  { token: 'number', foreground: '07704a' },
  { token: 'comment', foreground: '007a00' },
  { token: 'type', foreground: '1f6c82' },
  { token: 'attribute.name', foreground: 'c00000' },
  { token: 'string.escape', foreground: 'a31515' },
  { token: 'regexp', foreground: '811f3f' },
];

/** Dark ('vs-dark') token colours lightened where they fall short on --color-surface-2. */
const DARK_RULES = [{ token: 'comment', foreground: '72a85e' }];

let following = false;

/** Defines the theme on screen and sets it, then keeps Monaco following the app's theme. */
export function followTheme(monaco: Monaco): void {
  monaco.editor.setTheme(defineCurrent(monaco));
  if (following) return;
  following = true;
  onThemeChange(() => monaco.editor.setTheme(defineCurrent(monaco)));
}
