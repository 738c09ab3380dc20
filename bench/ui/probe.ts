/**
 * What the UI bench measures inside the page. PROBE runs before the app's own scripts (Playwright
 * `addInitScript`) and keeps, on `window.__bench`:
 *
 * - every animation frame's timestamp while `recording` is on (frames per second);
 * - every long task (> 50 ms, the browser's own `longtask` entries);
 * - when agent-message deltas and file-change approval requests arrive on the WebSocket, read
 *   from the raw frames before the app parses them (a `message` listener added ahead of the app's);
 * - `painted(test)`: resolves with the time just after the first frame painted where `test()`
 *   holds — checked in requestAnimationFrame, so a change the frame shows is already in the DOM,
 *   and a message posted from there runs after that frame's paint.
 *
 * Strings, because this code runs in the page (bench/ type-checks with node's types, not the DOM's).
 */
import { z } from 'zod';
import type { Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROBE = `(() => {
  const b = { recording: false, frames: [], longTasks: [], deltas: 0, firstDeltaAt: 0, lastDeltaAt: 0, approvalAt: 0 };
  window.__bench = b;
  const frame = (t) => { if (b.recording) b.frames.push(t); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const Native = window.WebSocket;
  const DELTA = '"item/agentMessage/delta"';
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string') return;
        const t = performance.now();
        // A frame may carry many messages (the tandem.jsonl subprotocol): count each.
        let n = 0;
        for (let i = e.data.indexOf(DELTA); i !== -1; i = e.data.indexOf(DELTA, i + DELTA.length)) n++;
        if (n > 0) {
          b.deltas += n;
          if (!b.firstDeltaAt) b.firstDeltaAt = t;
          b.lastDeltaAt = t;
        }
        if (e.data.includes('"item/fileChange/requestApproval"')) b.approvalAt = t;
      });
    }
  };
  b.painted = (test) => new Promise((resolve) => {
    const tick = () => {
      if (!test()) return requestAnimationFrame(tick);
      const c = new MessageChannel();
      c.port1.onmessage = () => resolve(performance.now());
      c.port2.postMessage(0);
    };
    requestAnimationFrame(tick);
  });
  b.visibleIn = (el, scroller) => {
    const r = el.getBoundingClientRect();
    const s = scroller.getBoundingClientRect();
    return r.height > 0 && r.bottom > s.top && r.top < s.bottom;
  };
})();`;

const LongTask = z.object({ start: z.number(), duration: z.number() });
export type LongTask = z.infer<typeof LongTask>;

const Stream = z.object({
  frames: z.array(z.number()),
  longTasks: z.array(LongTask),
  deltas: z.number(),
  firstDeltaAt: z.number(),
  lastDeltaAt: z.number(),
});
export type StreamProbe = z.infer<typeof Stream>;

/** Starts (or stops) recording frame times, clearing what was kept. */
export async function record(page: Page, on: boolean): Promise<void> {
  await page.evaluate(
    `(() => { const b = window.__bench; b.recording = ${on}; if (${on}) { b.frames = []; b.longTasks = []; b.deltas = 0; b.firstDeltaAt = 0; b.lastDeltaAt = 0; } })()`,
  );
}

export async function readStream(page: Page): Promise<StreamProbe> {
  return Stream.parse(
    await page.evaluate(
      '(() => { const b = window.__bench; return { frames: b.frames, longTasks: b.longTasks, deltas: b.deltas, firstDeltaAt: b.firstDeltaAt, lastDeltaAt: b.lastDeltaAt }; })()',
    ),
  );
}

/**
 * Evaluates page code that resolves to a number (a time or a duration in ms). A wait that never
 * ends is a broken run: after `timeoutMs` it fails, naming `what`, with a screenshot of the page.
 */
export async function pageNumber(page: Page, code: string, what = 'page code', timeoutMs = 60_000): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const shot = join(tmpdir(), `tandem-bench-ui-${Date.now()}.png`);
      void page
        .screenshot({ path: shot, fullPage: true })
        .finally(() =>
          reject(new Error(`bench:ui: timed out after ${timeoutMs} ms waiting for ${what} (screenshot: ${shot})`)),
        );
    }, timeoutMs);
  });
  try {
    return z.number().parse(await Promise.race([page.evaluate(code), timeout]));
  } finally {
    clearTimeout(timer);
  }
}

/** Frames per second over [from, to], from the recorded frame times. */
export function fps(frames: number[], from: number, to: number): number {
  const inside = frames.filter((t) => t >= from && t <= to);
  const first = inside[0];
  const last = inside.at(-1);
  if (first === undefined || last === undefined || last === first) return 0;
  return (inside.length - 1) / ((last - first) / 1000);
}

/** Long tasks that overlap [from, to]. */
export const longTasksIn = (tasks: LongTask[], from: number, to: number): LongTask[] =>
  tasks.filter((t) => t.start + t.duration > from && t.start < to);
