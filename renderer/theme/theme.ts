/**
 * The theme: the user's choice (system, light or dark), kept in localStorage, applied as
 * `data-theme` on <html> before the first render (main.tsx calls `initTheme` first: the CSP
 * forbids an inline script in index.html). On "system" it follows the OS as it changes.
 * Listeners (Monaco's theme, the Settings control) hear every change of the applied theme.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type AppliedTheme = 'light' | 'dark';

const KEY = 'tandem.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

const listeners = new Set<() => void>();
let choice: ThemeChoice = 'system';
let started = false;

function readChoice(): ThemeChoice {
  try {
    const saved = localStorage.getItem(KEY);
    return saved === 'light' || saved === 'dark' || saved === 'system' ? saved : 'system';
  } catch {
    return 'system'; // storage refused (private mode): the OS decides
  }
}

// Made once: the applied theme is read on every render of what follows it.
let darkQuery: MediaQueryList | null | undefined;
function osTheme(): AppliedTheme {
  if (darkQuery === undefined) darkQuery = typeof matchMedia === 'function' ? matchMedia(DARK_QUERY) : null;
  return darkQuery?.matches ? 'dark' : 'light';
}

/** The theme on screen now. */
export function appliedTheme(): AppliedTheme {
  return choice === 'system' ? osTheme() : choice;
}

function apply(): void {
  const theme = appliedTheme();
  if (document.documentElement.dataset['theme'] !== theme) document.documentElement.dataset['theme'] = theme;
  for (const l of listeners) l();
}

/** Reads the saved choice, applies it and follows the OS. Idempotent. */
export function initTheme(): void {
  if (started) return;
  started = true;
  choice = readChoice();
  apply();
  if (typeof matchMedia === 'function')
    matchMedia(DARK_QUERY).addEventListener('change', () => {
      if (choice === 'system') apply();
    });
  // Another window of the app changed it.
  addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    choice = readChoice();
    apply();
  });
}

/** The user's choice ("system" follows the OS). */
export function themeChoice(): ThemeChoice {
  return choice;
}

/** Chooses the theme (from Settings or the command palette), saves it and applies it. */
export function setThemeChoice(next: ThemeChoice): void {
  choice = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // not saved; still applied for this session
  }
  apply();
}

/** Calls `listener` whenever the choice or the applied theme changes; returns the unsubscribe. */
export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
