/**
 * Attention (web mode, against the built UI and the fake model): a thread in the background that
 * asks for an approval or finishes raises a desktop notification, the thread in view does not;
 * clicking one opens its thread (focus on its approval); the title carries the pending count.
 * Notifications are recorded by an init script that wraps window.Notification and still creates
 * the real one. Without permission, the app offers to ask (on a click, never on load).
 */
import type { Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures';
import { openFolder, send } from './ui-actions';

/** Records every Notification the page creates, delegating to the real constructor. */
const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification;
  if (!Real) return;
  const made = [];
  const requests = [];
  class Recorded extends Real {
    constructor(title, options) {
      super(title, options);
      made.push({ title, body: (options && options.body) || '', tag: (options && options.tag) || '', n: this });
    }
    static requestPermission(...args) {
      requests.push(Date.now());
      return Real.requestPermission(...args);
    }
    static get permission() {
      return Real.permission;
    }
  }
  window.Notification = Recorded;
  window.__notifications = made;
  window.__permissionRequests = requests;
})();`;

interface Seen {
  title: string;
  body: string;
  tag: string;
}

// (Strings evaluated in the page: this file type-checks without DOM types.)
const notifications = (page: Page): Promise<Seen[]> =>
  page.evaluate('window.__notifications.map(({ title, body, tag }) => ({ title, body, tag }))');

const permissionRequests = (page: Page): Promise<number> => page.evaluate('window.__permissionRequests.length');

/** Click the n-th notification as the OS would (its onclick, through a 'click' event). */
async function clickNotification(page: Page, index: number): Promise<void> {
  const clicked = await page.evaluate(
    `(() => { const n = window.__notifications[${index}]?.n; if (!n) return false; n.dispatchEvent(new Event('click')); return true; })()`,
  );
  expect(clicked, `notification #${index}`).toBe(true);
}

/** A gate the fake model waits at mid-reply. */
function gate(): { until: Promise<void>; open: () => void } {
  let open = (): void => {};
  const until = new Promise<void>((resolve) => (open = resolve));
  return { until, open };
}

const threadButtons = (page: Page) => page.getByRole('navigation', { name: 'Threads' }).locator('.thread-title');

test.describe('notifications and the badge', () => {
  test('a background thread’s approval and its end notify, the open one’s do not; a click opens the thread', async ({
    page,
    workspace,
    setScript,
  }) => {
    await page.context().grantPermissions(['notifications']);
    await page.addInitScript(RECORD_NOTIFICATIONS);
    await page.reload();
    const gateA = gate();
    const gateB = gate();
    setScript((request) => {
      const body = JSON.stringify(request.body);
      if (body.includes('task-bravo'))
        return {
          outputs: [{ type: 'message', text: 'Bravo is done.' }],
          pauses: [{ afterEvents: 1, until: gateB.until }],
        };
      if (body.includes('call_alpha')) return { outputs: [{ type: 'message', text: 'Alpha is done.' }] };
      return {
        outputs: [
          { type: 'function_call', name: 'exec_command', arguments: { cmd: 'touch alpha.txt' }, callId: 'call_alpha' },
        ],
        pauses: [{ afterEvents: 1, until: gateA.until }],
      };
    });
    expect(await page.evaluate('document.hasFocus()')).toBe(true);
    await expect(page).toHaveTitle('Tandem');

    // Thread A asks for an approval later; meanwhile the user works in thread B.
    await openFolder(page, workspace);
    await page.getByLabel('Approval policy').selectOption('untrusted');
    await send(page, 'task-alpha please');
    await page.keyboard.press('ControlOrMeta+n');
    await expect(threadButtons(page)).toHaveCount(2);
    await send(page, 'task-bravo please');

    gateA.open();
    await expect.poll(() => notifications(page)).toHaveLength(1);
    const [approval] = await notifications(page);
    expect(approval?.title).toBe('task-alpha please needs your approval');
    expect(approval?.body).toBe('Run: touch alpha.txt');
    await expect(page).toHaveTitle('(1) Tandem');
    // The open thread (B) shows no approval: it is A's.
    await expect(page.getByRole('group', { name: 'Approval request' })).toHaveCount(0);

    // The click opens A, focus on its approval; answered there, in view: A's end does not notify.
    await clickNotification(page, 0);
    const card = page.getByRole('group', { name: 'Approval request' });
    await expect(card.getByText('touch alpha.txt')).toBeVisible();
    await expect(card.getByRole('button', { name: 'Approve', exact: true })).toBeFocused();
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(page.getByText('Alpha is done.')).toBeVisible();
    expect(existsSync(join(workspace, 'alpha.txt'))).toBe(true);
    await expect(page).toHaveTitle('Tandem');

    // B, in the background, finishes: that notifies (and A's end, seen in view, never did).
    gateB.open();
    await expect.poll(() => notifications(page)).toHaveLength(2);
    const all = await notifications(page);
    expect(all.map((n) => n.title)).toEqual(['task-alpha please needs your approval', 'task-bravo please finished']);
    expect(all[0]?.tag).not.toBe(all[1]?.tag);
    await clickNotification(page, 1);
    await expect(page.getByText('Bravo is done.')).toBeVisible();
    await expect(page.getByText('Alpha is done.')).toHaveCount(0);
  });

  test('without permission: never asked on load; offered when a background thread needs the user', async ({
    page,
    workspace,
    setScript,
  }) => {
    await page.addInitScript(RECORD_NOTIFICATIONS);
    await page.reload();
    const gateA = gate();
    setScript((request) => {
      const body = JSON.stringify(request.body);
      if (body.includes('call_alpha')) return { outputs: [{ type: 'message', text: 'Alpha is done.' }] };
      return {
        outputs: [
          { type: 'function_call', name: 'exec_command', arguments: { cmd: 'touch alpha.txt' }, callId: 'call_alpha' },
        ],
        pauses: [{ afterEvents: 1, until: gateA.until }],
      };
    });
    await openFolder(page, workspace);
    expect(await page.evaluate('Notification.permission')).toBe('default');
    await page.getByLabel('Approval policy').selectOption('untrusted');
    await send(page, 'task-alpha please');
    await page.keyboard.press('ControlOrMeta+n');
    await expect(threadButtons(page)).toHaveCount(2);
    const offer = page.getByRole('region', { name: 'Notifications' });
    await expect(offer).toHaveCount(0);
    gateA.open();
    await expect(page).toHaveTitle('(1) Tandem');
    await expect(offer.getByRole('button', { name: 'Enable notifications' })).toBeVisible();
    expect(await permissionRequests(page)).toBe(0);
    expect(await notifications(page)).toEqual([]);
    await screenshot(page, 'keys-notifications-offer-light');
    await page.evaluate(`document.documentElement.setAttribute('data-theme', 'dark')`);
    await screenshot(page, 'keys-notifications-offer-dark');
    // Asked on the click (headless Chromium answers it at once).
    await offer.getByRole('button', { name: 'Enable notifications' }).click();
    await expect.poll(() => permissionRequests(page)).toBe(1);
  });
});
