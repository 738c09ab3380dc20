/**
 * Opening a persisted thread of 5,000 items: from the click on its name in the sidebar to the
 * frame that paints its last item in view. The server has just started, so the thread is read
 * from disk (nothing cached), as when the user comes back to yesterday's work.
 */
import type { Browser } from '@playwright/test';
import type { FakeModel } from '../fake-model';
import { LAST_ITEM_TEXT, LONG_THREAD_NAME, writeLongThread } from '../../tests/helpers/long-thread';
import { pageNumber } from './probe';
import { startProfile } from './profile';
import { openSession } from './session';

export interface OpenThreadFigures {
  openThreadMs: number;
}

export async function measureOpenThread(browser: Browser, fake: FakeModel): Promise<OpenThreadFigures> {
  const session = await openSession(browser, fake, async (home, workspace) => {
    await writeLongThread(home, workspace);
  });
  const { page } = session;
  try {
    const title = page.getByRole('button', { name: LONG_THREAD_NAME });
    await title.waitFor();
    const profiled = await startProfile(page, 'open-thread');
    // The click and the clock both in the page: nothing of Playwright's round trips is counted.
    const openThreadMs = await pageNumber(
      page,
      `(async () => {
        const b = window.__bench;
        const button = [...document.querySelectorAll('.sidebar .thread-title')].find((e) => e.textContent === ${JSON.stringify(LONG_THREAD_NAME)});
        const clickedAt = performance.now();
        button.click();
        const paintedAt = await b.painted(() => {
          const scroller = document.querySelector('.transcript');
          if (!scroller) return false;
          return [...scroller.querySelectorAll('.item.agent')].some((e) => e.textContent.includes(${JSON.stringify(LAST_ITEM_TEXT)}) && b.visibleIn(e, scroller));
        });
        return paintedAt - clickedAt;
      })()`,
      'the last item of the long thread to be painted',
    );
    await profiled();
    if (session.problems.length) throw new Error(`the page reported errors: ${session.problems.join('; ')}`);
    return { openThreadMs };
  } finally {
    await session.close();
  }
}
