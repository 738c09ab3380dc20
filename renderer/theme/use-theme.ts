/** The theme choice and the applied theme, for components (re-rendering when either changes). */
import { useSyncExternalStore } from 'react';
import { appliedTheme, onThemeChange, themeChoice, type AppliedTheme, type ThemeChoice } from './theme';

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(onThemeChange, themeChoice);
}

export function useAppliedTheme(): AppliedTheme {
  return useSyncExternalStore(onThemeChange, appliedTheme);
}
