/** Rate-limit headers as OpenAI sends them, read into the last-seen snapshot. */
import { describe, expect, it } from 'vitest';
import { durationMs, RateLimitLog } from '../../../../main/model/rate-limits';
import { knownModel } from '../../../../main/model/known-models';

describe('rate-limit headers', () => {
  it('reads OpenAI’s reset durations', () => {
    expect(durationMs('6m0s')).toBe(360_000);
    expect(durationMs('1.5s')).toBe(1500);
    expect(durationMs('20ms')).toBe(20);
    expect(durationMs('1h2m3s')).toBe(3_723_000);
    expect(durationMs('soon')).toBeNull();
    expect(durationMs('5x')).toBeNull();
  });

  it('keeps the last response that had them, and ignores one without', () => {
    const log = new RateLimitLog();
    expect(log.snapshot).toBeNull();
    log.observe(
      new Headers({
        'x-ratelimit-limit-requests': '100',
        'x-ratelimit-remaining-requests': '75',
        'x-ratelimit-reset-requests': '30s',
      }),
      1_000,
    );
    expect(log.snapshot).toEqual({
      requests: { limit: 100, remaining: 75, resetsAtMs: 31_000 },
      tokens: null,
      at: 1_000,
    });
    log.observe(new Headers({ 'content-type': 'text/event-stream' }), 2_000);
    expect(log.snapshot?.at).toBe(1_000);
    // A limit without its remaining count says nothing usable.
    log.observe(new Headers({ 'x-ratelimit-limit-tokens': '10' }), 3_000);
    expect(log.snapshot?.at).toBe(1_000);
  });
});

describe('known models', () => {
  it('matches families by prefix, through a router’s vendor prefix', () => {
    expect(knownModel('gpt-5.5')?.contextWindow).toBe(272_000);
    expect(knownModel('openai/gpt-4o-mini')?.inputModalities).toEqual(['text', 'image']);
    expect(knownModel('gpt-oss:20b')?.inputModalities).toEqual(['text']);
    expect(knownModel('llama3')).toBeUndefined();
  });
});
