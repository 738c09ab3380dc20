/**
 * Accessibility: axe-core scans every main screen (empty state, Open folder, a thread with a
 * message, a command and a file change, Changes, Settings, a pending approval, the review, search
 * across threads, the command palette) in the light and
 * the dark theme. No serious or critical violation is allowed, contrast included.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { SCREENS, walkScreens, type Screen, type Theme } from './screens-flow';

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`no serious or critical axe violations on any screen, ${theme} theme`, async ({
    page,
    workspace,
    setScript,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1280, height: 860 });
    const found: Array<{ screen: Screen; id: string; impact: string; help: string; targets: string[] }> = [];
    const scanned: Screen[] = [];
    await walkScreens(page, { workspace, setScript, theme }, async (screen) => {
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        // Monaco's hidden input element (1 px, its IME/keyboard sink) gets its name only once Monaco
        // detects a screen reader (its accessibilitySupport); the rest of the editor is scanned.
        .exclude('.monaco-editor .inputarea')
        .exclude('.monaco-editor .native-edit-context')
        .analyze();
      scanned.push(screen);
      for (const v of result.violations) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        found.push({
          screen,
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`),
        });
      }
    });
    expect(scanned).toEqual(SCREENS);
    expect(found).toEqual([]);
  });
}
