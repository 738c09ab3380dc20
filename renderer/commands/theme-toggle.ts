/** The palette's "Toggle light / dark theme": the opposite of what shows, kept as the user's choice. */
import { appliedTheme, setThemeChoice } from '../theme/theme';

export function toggleTheme(): void {
  setThemeChoice(appliedTheme() === 'dark' ? 'light' : 'dark');
}
