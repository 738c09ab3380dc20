/**
 * The error factories give, as JSON on the wire, exactly what the inline errors they replaced
 * gave: code, message and data, the data's keys in the same order, an absent field absent.
 */
import { describe, expect, it } from 'vitest';
import * as E from '../../../../protocol/rpc/errors';

const wire = (e: { code: number; message: string; data?: unknown }): string =>
  JSON.stringify({ code: e.code, message: e.message, data: e.data });

describe('error factories', () => {
  it.each([
    [E.invalidCwd('/x'), -32005, 'cwd is not an existing folder: /x', { reason: 'invalidCwd', cwd: '/x' }],
    [E.turnNotFound('This thread has no turn'), -32009, 'This thread has no turn', { reason: 'turnNotFound' }],
    [
      E.turnNotFound('No turn t in this thread', 't'),
      -32009,
      'No turn t in this thread',
      { reason: 'turnNotFound', turnId: 't' },
    ],
    [E.turnBusy('busy', 't'), -32007, 'busy', { reason: 'turnBusy', turnId: 't' }],
    [E.noActiveTurn('none'), -32005, 'none', { reason: 'noActiveTurn' }],
    [
      E.noActiveTurn('Turn t is not running', 't'),
      -32005,
      'Turn t is not running',
      { reason: 'noActiveTurn', turnId: 't' },
    ],
    [E.turnMismatch('a', 'b'), -32005, 'The running turn is a, not b', { reason: 'turnMismatch', turnId: 'a' }],
    [
      E.invalidParams('bad', { field: 'f', limit: 3 }),
      -32602,
      'bad',
      { reason: 'invalidParams', field: 'f', limit: 3 },
    ],
    [
      E.experimentalRequired('thread/turns/list'),
      -32602,
      'thread/turns/list is experimental: initialize with capabilities.experimentalApi = true to use it',
      { reason: 'invalidParams' },
    ],
    [E.invalidCursor('Invalid cursor'), -32602, 'Invalid cursor', { reason: 'invalidCursor' }],
    [E.storageFailed('Thread storage failed: x'), -32006, 'Thread storage failed: x', { reason: 'storageFailed' }],
    [E.modelUnavailable('no key', 'auth'), -32008, 'no key', { reason: 'auth' }],
    [E.modelUnavailable('down'), -32008, 'down', { reason: 'modelUnavailable' }],
    [E.configUnreadable('bad json'), -32005, 'bad json', { reason: 'config' }],
    [
      E.noPendingChange('i'),
      -32005,
      'No file change i is awaiting approval in this thread',
      { reason: 'noPendingChange', itemId: 'i' },
    ],
    [
      E.nothingToRevert(),
      -32005,
      'Nothing to revert: these files are already as they were before the turn',
      { reason: 'nothingToRevert' },
    ],
    [
      E.revertChanged([]),
      -32005,
      'The files changed since you confirmed; a revert now would change: nothing',
      { reason: 'revertChanged', files: [] },
    ],
    [E.revertNotFound('r', true), -32005, 'This revert was already undone', { reason: 'revertNotFound', itemId: 'r' }],
    [E.revertNotFound('r', false), -32005, 'No revert r in this thread', { reason: 'revertNotFound', itemId: 'r' }],
    [
      E.revertConflict(['a', 'b']),
      -32005,
      'Cannot undo the revert: changed since then: a, b',
      { reason: 'revertConflict', files: ['a', 'b'] },
    ],
    [E.pathRefused('refused'), -32005, 'refused', { reason: 'pathRefused' }],
    [E.pathRefused('refused', ['a']), -32005, 'refused', { reason: 'pathRefused', files: ['a'] }],
  ])('%#: %s', (error, code, message, data) => {
    expect(wire(error)).toBe(JSON.stringify({ code, message, data }));
    // Handlers tell application errors from disk or programming faults by class.
    expect(error).toBeInstanceOf(E.AppError);
  });

  it('keeps JSON-RPC method-not-found without application data', () => {
    expect(wire(E.methodNotFound('x/y'))).toBe(JSON.stringify({ code: -32601, message: 'Unknown method: x/y' }));
  });
});
