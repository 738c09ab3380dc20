/**
 * `npm run bench:ui`: the renderer in Debian's Chromium (Playwright), in web mode against a real
 * `tandem serve` and the fake model: a 20,000-delta stream, opening a 5,000-item thread, and a
 * 200-hunk diff of a 10,000-line file in Monaco. Each scenario runs in a fresh server and browser
 * context, RUNS times after a warm-up; prints medians with min–max against the targets and writes
 * the figures to bench/results/. Figures only: nothing here passes or fails on speed.
 */
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { FakeModel } from './fake-model';
import { run, writeResults } from './results';
import { cell, renderTable, summarize, type Summary } from './stats';
import { measureDiffReview, type DiffFigures } from './ui/diff-review';
import { measureOpenThread, type OpenThreadFigures } from './ui/open-thread';
import { measureStream, type StreamFigures } from './ui/stream';

const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 5));

interface PacedStreamFigures {
  pacedFps: number;
  pacedLongestTaskMs: number;
}
type UiFigures = StreamFigures & PacedStreamFigures & OpenThreadFigures & DiffFigures;
type UiFigure = keyof UiFigures;

/** Each figure, its target and whether a median meets it. */
export const UI_FIGURES: Record<
  UiFigure,
  { label: string; target: string; met: (median: number, max: number) => boolean }
> = {
  streamFps: { label: '20,000-delta stream: frames per second', target: '≥ 50', met: (m) => m >= 50 },
  streamLongTasks: { label: '… long tasks (> 50 ms) while it streams', target: '', met: () => true },
  streamLongestTaskMs: { label: '… longest task (ms)', target: '≤ 100 in every run', met: (_m, max) => max <= 100 },
  streamPaintedMs: { label: '… first delta → whole text painted (ms)', target: '', met: () => true },
  streamLagMs: { label: '… last delta received → painted (ms)', target: '', met: () => true },
  pacedFps: { label: 'the same stream paced, 1 ms between deltas (~800/s): fps', target: '≥ 50', met: (m) => m >= 50 },
  pacedLongestTaskMs: { label: '… longest task (ms)', target: '≤ 100 in every run', met: (_m, max) => max <= 100 },
  openThreadMs: {
    label: 'open a 5,000-item thread: click → last item painted (ms)',
    target: '< 300',
    met: (m) => m < 300,
  },
  diffFirstRenderMs: {
    label: '10,000-line, 200-hunk diff: request → first render (ms)',
    target: '< 500',
    met: (m) => m < 500,
  },
  hunkNavigationMs: { label: '… click a hunk → its line painted (ms)', target: '< 500', met: (m) => m < 500 },
  hunkNavigationMaxMs: { label: '… slowest jump of a run (ms)', target: '< 500', met: (m) => m < 500 },
};

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is missing at ${CHROMIUM}; install it with: sudo apt-get install -y chromium`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const version = browser.version();
  const fake = await FakeModel.start();
  const runs: UiFigures[] = [];
  try {
    const paced = async (): Promise<PacedStreamFigures> => {
      const f = await measureStream(browser, fake, 1);
      return { pacedFps: f.streamFps, pacedLongestTaskMs: f.streamLongestTaskMs };
    };
    const once = async (): Promise<UiFigures> => ({
      ...(await measureStream(browser, fake)),
      ...(await paced()),
      ...(await measureOpenThread(browser, fake)),
      ...(await measureDiffReview(browser, fake)),
    });
    if (process.env.BENCH_UI_ONLY) {
      // Debugging one scenario: BENCH_UI_ONLY=stream|open|diff prints its figures once.
      const only = { stream: measureStream, paced, open: measureOpenThread, diff: measureDiffReview }[
        process.env.BENCH_UI_ONLY
      ];
      if (!only) throw new Error('BENCH_UI_ONLY is one of stream, paced, open, diff');
      console.log(await only(browser, fake));
      return;
    }
    await once(); // warm-up: disk caches, the browser's code caches for the bundle and Monaco
    for (let i = 0; i < RUNS; i++) {
      runs.push(await once());
      process.stdout.write('.');
    }
    process.stdout.write('\n');
  } finally {
    await fake.close();
    await browser.close();
  }

  const figures = Object.keys(UI_FIGURES) as UiFigure[];
  const summary = summarize(runs, figures);
  console.log(`\n${RUNS} runs each after a warm-up; Chromium ${version} headless, ${availableParallelism()} cores\n`);
  const rows = [['figure', 'median (min–max)', 'target', 'met']];
  for (const f of figures) {
    const { label, target, met } = UI_FIGURES[f];
    const s: Summary = summary[f];
    rows.push([label, cell(s), target, target ? (met(s.median, s.max) ? 'yes' : 'NO') : '']);
  }
  console.log(renderTable(rows));

  await writeResults('ui', RUNS, { chromium: version, figures: summary });
}

run(main);
