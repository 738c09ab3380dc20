/**
 * Keyboard shortcuts as text ("Mod+Shift+K", "Mod+Alt+ArrowDown", "?", "Escape"): parsed, matched
 * against key events and shown for the platform. `Mod` is ⌘ on macOS and Ctrl elsewhere. Letters
 * and digits match by physical key too (`code`), so Alt on macOS (which types "å" for Alt+A) and
 * other layouts still match; punctuation matches the character typed, Shift aside ("?" is Shift+/).
 * Pure (the platform is passed in).
 */

export interface Chord {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  /** Lower-case letter or digit, a punctuation character, or a KeyboardEvent `key` name (Enter, ArrowDown…). */
  key: string;
}

/** What a shortcut needs of a key event (a KeyboardEvent has all of it). */
export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function parseShortcut(text: string): Chord {
  const parts = text === '+' ? ['+'] : text.split('+');
  const key = parts.pop();
  if (!key) throw new Error(`shortcut without a key: ${JSON.stringify(text)}`);
  const chord: Chord = { mod: false, shift: false, alt: false, key: key.length === 1 ? key.toLowerCase() : key };
  for (const p of parts) {
    if (p === 'Mod') chord.mod = true;
    else if (p === 'Shift') chord.shift = true;
    else if (p === 'Alt') chord.alt = true;
    else throw new Error(`unknown modifier ${JSON.stringify(p)} in ${JSON.stringify(text)}`);
  }
  return chord;
}

const isAlnum = (k: string): boolean => /^[a-z0-9]$/.test(k);
const isPunctuation = (k: string): boolean => k.length === 1 && !isAlnum(k);

export function matchesShortcut(chord: Chord, e: KeyLike, mac: boolean): boolean {
  const mod = mac ? e.metaKey : e.ctrlKey;
  const other = mac ? e.ctrlKey : e.metaKey;
  if (mod !== chord.mod || other || e.altKey !== chord.alt) return false;
  if (isPunctuation(chord.key)) return e.key === chord.key;
  if (e.shiftKey !== chord.shift) return false;
  if (isAlnum(chord.key)) {
    const code = /^[a-z]$/.test(chord.key) ? `Key${chord.key.toUpperCase()}` : `Digit${chord.key}`;
    return e.code === code || e.key.toLowerCase() === chord.key;
  }
  return e.key === chord.key;
}

const MAC_GLYPHS: Record<string, string> = {
  Enter: '↵',
  Backspace: '⌫',
  Escape: 'Esc',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
};
const OTHER_NAMES: Record<string, string> = {
  Escape: 'Esc',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
};

/** The keys of a shortcut as the user presses them, one label per key: ["⌘", "K"] / ["Ctrl", "K"]. */
export function shortcutKeys(text: string, mac: boolean): string[] {
  const c = parseShortcut(text);
  const key = c.key.length === 1 ? c.key.toUpperCase() : ((mac ? MAC_GLYPHS : OTHER_NAMES)[c.key] ?? c.key);
  if (mac) return [...(c.alt ? ['⌥'] : []), ...(c.shift ? ['⇧'] : []), ...(c.mod ? ['⌘'] : []), key];
  return [...(c.mod ? ['Ctrl'] : []), ...(c.alt ? ['Alt'] : []), ...(c.shift ? ['Shift'] : []), key];
}

/** A shortcut as one label: "⌘K" on macOS, "Ctrl+K" elsewhere. */
export function formatShortcut(text: string, mac: boolean): string {
  return shortcutKeys(text, mac).join(mac ? '' : '+');
}

/** A shortcut in aria-keyshortcuts' syntax ("Meta+Shift+K", "Control+Enter"). */
export function ariaShortcut(text: string, mac: boolean): string {
  const c = parseShortcut(text);
  const key = c.key.length === 1 ? c.key.toUpperCase() : c.key;
  return [
    ...(c.mod ? [mac ? 'Meta' : 'Control'] : []),
    ...(c.alt ? ['Alt'] : []),
    ...(c.shift ? ['Shift'] : []),
    key,
  ].join('+');
}

/** Whether this browser runs on macOS (or iOS), where Mod is ⌘. */
export function onMac(nav: { platform?: string; userAgent?: string } = globalThis.navigator ?? {}): boolean {
  return /mac|iphone|ipad/i.test(nav.platform || nav.userAgent || '');
}
