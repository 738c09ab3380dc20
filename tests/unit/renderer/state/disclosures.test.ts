import { describe, expect, it } from 'vitest';
import { initialState, reduceApp } from '../../../../renderer/state/app';

describe('disclosures', () => {
  it('keep what the user opened until closed, and leave the state alone for a no-op', () => {
    let s = reduceApp(initialState, { type: 'disclosure', key: 'reasoning:r1', open: true });
    expect(s.disclosures).toEqual({ 'reasoning:r1': true });
    expect(reduceApp(s, { type: 'disclosure', key: 'reasoning:r1', open: true })).toBe(s);
    s = reduceApp(s, { type: 'notifications', at: 0, batch: [] });
    expect(s.disclosures).toEqual({ 'reasoning:r1': true }); // notifications keep it
    s = reduceApp(s, { type: 'disclosure', key: 'reasoning:r1', open: false });
    expect(s.disclosures).toEqual({});
  });
});
