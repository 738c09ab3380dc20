/** Web mode smoke: the built renderer loads from `tandem serve`, connects, and breaks no rule. */
import { expect, screenshot, test } from './fixtures';

test('web mode loads the app with no console errors and no CSP violations', async ({ page, browserProblems }) => {
  await expect(page.getByRole('heading', { name: 'Tandem' })).toBeVisible();
  await screenshot(page, 'web-smoke');
  expect(browserProblems.pageErrors, 'uncaught page errors').toEqual([]);
  expect(browserProblems.consoleErrors, 'console errors').toEqual([]);
  expect(browserProblems.cspViolations, 'CSP violations').toEqual([]);
});
