/** Where a key event happens, read from the DOM (registry.ts decides what runs from it). */
import type { Typing } from './registry';

const TEXT_INPUTS = new Set(['text', 'search', 'url', 'email', 'password', 'number', 'tel', '']);

export function typingIn(el: Element | null): Typing {
  if (!el || !(el instanceof HTMLElement)) return 'no';
  // Monaco, and the review view, whose own keys (Ctrl/Cmd+Enter: accept the hunk) come first there.
  if (el.closest('.monaco-editor, .review-view')) return 'editor';
  if (el instanceof HTMLTextAreaElement)
    return el.getAttribute('aria-label') === 'Message' && el.value === '' ? 'emptyComposer' : 'text';
  if (el instanceof HTMLSelectElement || el.isContentEditable) return 'text';
  if (el instanceof HTMLInputElement) return TEXT_INPUTS.has(el.type) ? 'text' : 'no';
  return 'no';
}
