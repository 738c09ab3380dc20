/** The long stream both benchmarks play: 20,000 deltas of 3 characters, "t0 t1 … t9 t0 …". */
export const STREAM_DELTAS = 20_000;
// 3 characters a delta, so the fake splits it into exactly STREAM_DELTAS pieces.
export const STREAM_TEXT = Array.from({ length: STREAM_DELTAS }, (_, i) => `t${i % 10} `).join('');
