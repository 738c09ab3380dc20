/**
 * The 20,000-delta agent message in web mode: frames per second and long tasks from the first
 * delta the page receives until the whole text is painted, and the painted text checked exact.
 * Played twice: as fast as the fake can send, and paced (see measureStream).
 */
import type { Browser } from '@playwright/test';
import type { FakeModel } from '../fake-model';
import { STREAM_DELTAS, STREAM_TEXT } from '../stream-text';
import { fps, longTasksIn, pageNumber, readStream, record } from './probe';
import { startProfile } from './profile';
import { openFolder, openSession, send } from './session';

export interface StreamFigures {
  streamFps: number;
  streamLongTasks: number;
  streamLongestTaskMs: number;
  /** First delta received → final text painted. */
  streamPaintedMs: number;
  /** Last delta received → final text painted: how far the screen trails the wire. */
  streamLagMs: number;
}

const EXPECTED = STREAM_TEXT.trim();

/**
 * `eventDelayMs` 0: the fake sends as fast as it can, and the server forwards some 20,000 deltas a
 * second — the worst case. 1: about 800 a second, still ten times a fast real model.
 */
export async function measureStream(browser: Browser, fake: FakeModel, eventDelayMs = 0): Promise<StreamFigures> {
  const session = await openSession(browser, fake);
  const { page } = session;
  try {
    await openFolder(page, session.workspace);
    await fake.queue([{ outputs: [{ type: 'message', text: STREAM_TEXT, chunks: STREAM_DELTAS }], eventDelayMs }]);
    await record(page, true);
    const profiled = await startProfile(page, 'stream');
    await send(page, 'Stream a long answer');
    // Done: the last agent message has stopped streaming and holds the whole text.
    const paintedAt = await pageNumber(
      page,
      `window.__bench.painted(() => {
        const all = document.querySelectorAll('.item.agent');
        const last = all[all.length - 1];
        return !!last && last.getAttribute('aria-busy') === 'false' && last.textContent.length >= ${EXPECTED.length};
      })`,
      'the whole streamed text to be painted',
    );
    await profiled();
    await record(page, false);
    const probe = await readStream(page);
    const text = await page.locator('.item.agent').last().textContent();
    if (text?.trim() !== EXPECTED)
      throw new Error(`the painted text is not exact: ${text?.length ?? 0} characters, expected ${EXPECTED.length}`);
    if (probe.deltas !== STREAM_DELTAS)
      throw new Error(`the page received ${probe.deltas} deltas, expected ${STREAM_DELTAS}`);
    if (session.problems.length) throw new Error(`the page reported errors: ${session.problems.join('; ')}`);
    const tasks = longTasksIn(probe.longTasks, probe.firstDeltaAt, paintedAt);
    return {
      streamFps: fps(probe.frames, probe.firstDeltaAt, paintedAt),
      streamLongTasks: tasks.length,
      streamLongestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
      streamPaintedMs: paintedAt - probe.firstDeltaAt,
      streamLagMs: paintedAt - probe.lastDeltaAt,
    };
  } finally {
    await session.close();
  }
}
