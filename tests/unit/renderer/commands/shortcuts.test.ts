/** Shortcut text: parsed, matched against key events (by platform) and shown (renderer/commands/shortcuts.ts). */
import { describe, expect, it } from 'vitest';
import {
  ariaShortcut,
  formatShortcut,
  matchesShortcut,
  onMac,
  parseShortcut,
  type KeyLike,
} from '../../../../renderer/commands/shortcuts';

const key = (k: Partial<KeyLike> & { key: string }): KeyLike => ({
  code: '',
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...k,
});
const matches = (text: string, e: KeyLike, mac = false): boolean => matchesShortcut(parseShortcut(text), e, mac);

describe('shortcuts', () => {
  it('parses modifiers and keys, and refuses what it does not know', () => {
    expect(parseShortcut('Mod+Shift+K')).toEqual({ mod: true, shift: true, alt: false, key: 'k' });
    expect(parseShortcut('Mod+Alt+ArrowDown')).toEqual({ mod: true, shift: false, alt: true, key: 'ArrowDown' });
    expect(parseShortcut('?')).toEqual({ mod: false, shift: false, alt: false, key: '?' });
    expect(() => parseShortcut('Hyper+K')).toThrow(/unknown modifier/);
    expect(() => parseShortcut('Mod+')).toThrow(/without a key/);
  });

  it('Mod is Ctrl off macOS and ⌘ on it, never both, and the other modifiers must match exactly', () => {
    expect(matches('Mod+K', key({ key: 'k', code: 'KeyK', ctrlKey: true }))).toBe(true);
    expect(matches('Mod+K', key({ key: 'k', code: 'KeyK', metaKey: true }))).toBe(false);
    expect(matches('Mod+K', key({ key: 'k', code: 'KeyK', metaKey: true }), true)).toBe(true);
    expect(matches('Mod+K', key({ key: 'k', code: 'KeyK', ctrlKey: true }), true)).toBe(false);
    expect(matches('Mod+K', key({ key: 'k', code: 'KeyK', ctrlKey: true, metaKey: true }))).toBe(false);
    expect(matches('Mod+K', key({ key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matches('Mod+K', key({ key: 'k', code: 'KeyK', ctrlKey: true, altKey: true }))).toBe(false);
    expect(matches('Mod+K', key({ key: 'k', code: 'KeyK' }))).toBe(false);
    expect(matches('Mod+Shift+Enter', key({ key: 'Enter', ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matches('Mod+Shift+Enter', key({ key: 'Enter', ctrlKey: true }))).toBe(false);
  });

  it('letters match by physical key too (Option on macOS types another character; other layouts)', () => {
    expect(matches('Mod+Alt+T', key({ key: '†', code: 'KeyT', metaKey: true, altKey: true }), true)).toBe(true);
    expect(matches('Mod+K', key({ key: 'л', code: 'KeyK', ctrlKey: true }))).toBe(true);
    expect(matches('Mod+1', key({ key: '1', code: 'Digit1', ctrlKey: true }))).toBe(true);
  });

  it('punctuation matches the character typed, whatever Shift it took', () => {
    expect(matches('?', key({ key: '?', code: 'Slash', shiftKey: true }))).toBe(true);
    expect(matches('?', key({ key: '/', code: 'Slash' }))).toBe(false);
    expect(matches('Mod+/', key({ key: '/', code: 'Slash', ctrlKey: true }))).toBe(true);
    expect(matches('Mod+,', key({ key: ',', code: 'Comma', ctrlKey: true }))).toBe(true);
    expect(matches('?', key({ key: '?', ctrlKey: true, shiftKey: true }))).toBe(false);
  });

  it('shows the keys for the platform, and in aria-keyshortcuts syntax', () => {
    expect(formatShortcut('Mod+K', false)).toBe('Ctrl+K');
    expect(formatShortcut('Mod+K', true)).toBe('⌘K');
    expect(formatShortcut('Mod+Shift+Enter', true)).toBe('⇧⌘↵');
    expect(formatShortcut('Mod+Alt+ArrowDown', false)).toBe('Ctrl+Alt+↓');
    expect(formatShortcut('Escape', false)).toBe('Esc');
    expect(ariaShortcut('Mod+Enter', false)).toBe('Control+Enter');
    expect(ariaShortcut('Mod+Shift+Enter', true)).toBe('Meta+Shift+Enter');
    expect(ariaShortcut('Mod+Alt+ArrowUp', false)).toBe('Control+Alt+ArrowUp');
  });

  it('knows macOS from the platform', () => {
    expect(onMac({ platform: 'MacIntel' })).toBe(true);
    expect(onMac({ platform: 'Linux x86_64' })).toBe(false);
    expect(onMac({ platform: 'Win32' })).toBe(false);
    expect(onMac({ userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_0)' })).toBe(true);
  });
});
