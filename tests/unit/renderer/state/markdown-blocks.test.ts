import { describe, expect, it } from 'vitest';
import { markdownBlocks, textPieces } from '../../../../renderer/state/markdown-blocks';

describe('markdownBlocks', () => {
  it('cuts at blank lines between top-level blocks', () => {
    expect(markdownBlocks('# Title\n\nFirst paragraph\nstill first.\n\n- a\n- b')).toEqual([
      '# Title',
      'First paragraph\nstill first.',
      '- a\n- b',
    ]);
  });

  it('never cuts inside a fenced code block, blank lines and all', () => {
    const code = '```ts\nconst a = 1;\n\n\nconst b = 2;\n```';
    expect(markdownBlocks(`Before\n\n${code}\n\nAfter`)).toEqual(['Before', code, 'After']);
    // Still open (streaming): everything from the fence on is one block.
    expect(markdownBlocks('Intro\n\n~~~\nx\n\ny')).toEqual(['Intro', '~~~\nx\n\ny']);
    // A shorter or different fence does not close it.
    expect(markdownBlocks('````\na\n```\n\nb\n````\n\nc')).toEqual(['````\na\n```\n\nb\n````', 'c']);
  });

  it('keeps indented continuations (a list item’s paragraph or nested code) with the block above', () => {
    const list = '1. Install:\n\n    ```bash\n    npm install\n    ```\n\n   Then run it.';
    expect(markdownBlocks(`${list}\n\nDone.`)).toEqual([list, 'Done.']);
  });

  it('gives the same Markdown back when joined, and grows only its last block as text streams in', () => {
    const text = 'One.\n\nTwo **bold**.\n\n```js\nx()\n```\n\nThree';
    expect(markdownBlocks(text).join('\n\n')).toBe(text);
    const partial = markdownBlocks(text.slice(0, text.indexOf('Three') + 2));
    expect(partial.slice(0, -1)).toEqual(markdownBlocks(text).slice(0, -1));
    expect(markdownBlocks('')).toEqual(['']);
  });
});

describe('textPieces', () => {
  it('cuts long text after spaces into pieces that stay fixed as it grows', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' ');
    const pieces = textPieces(text, 100);
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(100);
    for (const p of pieces.slice(0, -1)) expect(p.endsWith(' ')).toBe(true);
    const longer = textPieces(`${text} more words`, 100);
    expect(longer.slice(0, pieces.length - 1)).toEqual(pieces.slice(0, -1));
  });

  it('leaves text without a place to cut whole', () => {
    expect(textPieces('x'.repeat(5000), 100)).toEqual(['x'.repeat(5000)]);
  });
});
