/**
 * Reviewing a file change to a 10,000-line file with 200 hunks in Monaco's diff editor: the time
 * from the approval request reaching the page to the diff painted with its changes marked, and
 * the time from a click on a hunk in the list to that hunk's line painted in view.
 */
import type { Browser } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FakeModel } from '../fake-model';
import { pageNumber } from './probe';
import { startProfile } from './profile';
import { openFolder, openSession, send } from './session';

const FILE_LINES = 10_000;
const HUNKS = 200;
/** Hunk k (1-based) changes this line; the first is in view when the diff opens. */
const hunkLine = (k: number): number => (k - 1) * (FILE_LINES / HUNKS) + 5;
const original = (n: number): string => `export const v${n} = ${n};`;
const changed = (n: number): string => `export const v${n} = ${n} + 1; // changed`;
/** The hunks the bench jumps to, in order: far, middle, back to the top, and between. */
const NAVIGATION = [200, 100, 1, 150, 50, 199];

function bigFile(): string {
  return Array.from({ length: FILE_LINES }, (_, i) => original(i + 1)).join('\n') + '\n';
}

function bigPatch(): string {
  const hunks = Array.from({ length: HUNKS }, (_, i) => {
    const n = hunkLine(i + 1);
    return ['@@', ` ${original(n - 1)}`, `-${original(n)}`, `+${changed(n)}`, ` ${original(n + 1)}`].join('\n');
  });
  return ['*** Begin Patch', '*** Update File: big.ts', ...hunks, '*** End Patch', ''].join('\n');
}

export interface DiffFigures {
  /** Approval request received → diff painted with its changes marked. */
  diffFirstRenderMs: number;
  /** Click on a hunk → its line painted in view (median and worst of the jumps). */
  hunkNavigationMs: number;
  hunkNavigationMaxMs: number;
}

/** Page code: is the changed line `n` painted in view in the modified side, marked as inserted? */
const changedLineShown = (n: number): string => `(() => {
  const editor = document.querySelector('.monaco-diff-editor .editor.modified');
  if (!editor) return false;
  // Monaco renders spaces as no-break spaces.
  const line = [...editor.querySelectorAll('.view-line')].find((e) => e.textContent.replaceAll('\\u00a0', ' ') === ${JSON.stringify(changed(n))});
  return !!line && window.__bench.visibleIn(line, editor) && editor.querySelector('.line-insert, .char-insert') !== null;
})()`;

export async function measureDiffReview(browser: Browser, fake: FakeModel): Promise<DiffFigures> {
  const session = await openSession(browser, fake, (_home, workspace) =>
    writeFile(join(workspace, 'big.ts'), bigFile()),
  );
  const { page } = session;
  try {
    await openFolder(page, session.workspace, 'untrusted');
    await fake.queue([
      { outputs: [{ type: 'custom_tool_call', name: 'apply_patch', input: bigPatch(), callId: 'call_big_patch' }] },
    ]);
    const profiled = await startProfile(page, 'diff');
    await send(page, 'Bump every 50th constant');
    const renderedAt = await pageNumber(
      page,
      `window.__bench.painted(() => ${changedLineShown(hunkLine(1))})`,
      'the diff to render',
    );
    await profiled();
    const approvalAt = await pageNumber(page, 'window.__bench.approvalAt');
    if (approvalAt === 0) throw new Error('the page never saw the file-change approval request arrive');
    const diffFirstRenderMs = renderedAt - approvalAt;

    const jumps: number[] = [];
    for (const k of NAVIGATION) {
      jumps.push(
        await pageNumber(
          page,
          `(async () => {
            const button = document.querySelector('li[aria-label="Hunk ${k}"] button.link');
            const clickedAt = performance.now();
            button.click();
            return (await window.__bench.painted(() => ${changedLineShown(hunkLine(k))})) - clickedAt;
          })()`,
          `hunk ${k} to come into view`,
        ),
      );
    }
    if (session.problems.length) throw new Error(`the page reported errors: ${session.problems.join('; ')}`);
    const sorted = [...jumps].sort((a, b) => a - b);
    return {
      diffFirstRenderMs,
      hunkNavigationMs: sorted[Math.floor(sorted.length / 2)] ?? NaN,
      hunkNavigationMaxMs: sorted.at(-1) ?? NaN,
    };
  } finally {
    await session.close();
  }
}
