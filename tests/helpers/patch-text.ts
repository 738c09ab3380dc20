/** Patch text and parsed chunks the apply-patch unit tests build their cases from. */
import { applyChunks, parsePatch, type UpdateChunk } from '../../main/tools/apply-patch';

export const patch = (...body: string[]): string => ['*** Begin Patch', ...body, '*** End Patch'].join('\n');

/** The chunk the parser should make of `lines` (each starting with ' ', '+' or '-'). */
export function chunk(lines: string[], changeContext: string | null = null, isEndOfFile = false): UpdateChunk {
  const c: UpdateChunk = { changeContext, oldLines: [], newLines: [], contextOf: [], isEndOfFile };
  for (const l of lines) {
    if (l[0] !== '+') c.oldLines.push(l.slice(1));
    if (l[0] !== '-') {
      c.contextOf.push(l[0] === ' ' ? c.oldLines.length - 1 : null);
      c.newLines.push(l.slice(1));
    }
  }
  return c;
}

/** Apply a one-file update patch to `original` in memory. */
export function update(original: string, ...body: string[]): string {
  const [op] = parsePatch(patch('*** Update File: f.txt', ...body));
  if (op?.type !== 'update') throw new Error('expected an update');
  return applyChunks(original, op.chunks, 'f.txt');
}
