/**
 * BENCH_UI_PROFILE=1: a CPU profile of the page while a scenario runs (Chrome DevTools Protocol),
 * written to bench/results/ui-<name>.cpuprofile, to open in Chrome DevTools' Performance panel or
 * summarise with `node scripts/profile-top.mjs FILE`. Off by default: profiling slows the page.
 */
import type { Page } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../peers';

export async function startProfile(page: Page, name: string): Promise<() => Promise<void>> {
  if (process.env.BENCH_UI_TRACE) {
    // A DevTools trace (layout, paint, scripts…): open it in Chrome's Performance panel.
    const browser = page.context().browser();
    const path = join(ROOT, 'bench', 'results', `ui-${name}.trace.json`);
    await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
    await browser?.startTracing(page, { path, screenshots: false });
    return async () => {
      await browser?.stopTracing();
      console.log(`trace written to ${path}`);
    };
  }
  if (!process.env.BENCH_UI_PROFILE) return async () => {};
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const dir = join(ROOT, 'bench', 'results');
    await mkdir(dir, { recursive: true });
    const file = join(dir, `ui-${name}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.log(`profile written to ${file}`);
    await cdp.detach();
  };
}
