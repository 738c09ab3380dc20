/** The palette's "Toggle light / dark theme". */

/**
 * Flips `data-theme` on <html> between light and dark (from the OS preference when unset).
 * TODO(lead): once the shell's renderer/theme/theme.ts is merged, call its setter instead so the
 * choice persists: `setThemeChoice(appliedTheme() === 'dark' ? 'light' : 'dark')`.
 */
export function toggleTheme(): void {
  const root = document.documentElement;
  const now = root.dataset.theme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  root.dataset.theme = now === 'dark' ? 'light' : 'dark';
}
