/**
 * File contents kept out of line: `<home>/blobs/<sha256>`, written once per content. Baselines
 * and reverts hold whole files; inline, a 200 MB file made a 400 MB thread file that every load
 * parses. Above a small size they are stored here and the record names the blob instead.
 * A blob is removed only with the last thread that names it (thread/delete).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAll } from '../../tools/safe-fs';
import { updateInSlices } from '../../tools/text-slices';
import type { ChangeRecord } from './records';

const sha256 = (text: string): string => updateInSlices(createHash('sha256'), text).digest('hex');

/** Contents up to this many UTF-16 units stay in the thread file (most source files). */
const INLINE_MAX = 64 * 1024;

/** A blob's name: a sha256 in hex, and nothing else (a thread file edited elsewhere cannot name a path). */
const BLOB_ID = /^[0-9a-f]{64}$/;

export class BlobStore {
  readonly dir: string;

  constructor(home: string) {
    this.dir = join(home, 'blobs');
  }

  private pathOf(id: string): string {
    if (!BLOB_ID.test(id)) throw new Error(`Not a blob id: ${id.slice(0, 80)}`);
    return join(this.dir, id);
  }

  /** Store `text` (fsynced) unless a blob of that content exists; its id. */
  async put(text: string): Promise<string> {
    const id = sha256(text);
    const path = this.pathOf(id);
    const size = await stat(path).then(
      (s) => s.size,
      () => -1,
    );
    if (size === Buffer.byteLength(text, 'utf8')) return id;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temp = join(this.dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await writeAll(handle, text);
      await handle.sync();
      await handle.close();
      await rename(temp, path);
      // The record naming the blob is fsynced next: the blob's name must be durable before it.
      const dir = await open(this.dir, 'r');
      await dir.sync().finally(() => dir.close());
    } catch (e) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw e;
    }
    return id;
  }

  /** Remove a blob no thread names any more. */
  async remove(id: string): Promise<void> {
    await unlink(this.pathOf(id)).catch((e: unknown) => {
      if ((e as { code?: unknown }).code !== 'ENOENT') throw e;
    });
  }

  text(id: string): Promise<string> {
    return readFile(this.pathOf(id), 'utf8');
  }

  /** Its size in bytes, without reading it. */
  async size(id: string): Promise<number> {
    return (await stat(this.pathOf(id))).size;
  }

  /** A stored content: inline text, or the blob's. */
  async resolve(text: string | null, blob: string | undefined): Promise<string | null> {
    return blob === undefined ? text : this.text(blob);
  }

  /** Move the large contents of baseline and revert records out of line. */
  async outOfLine(records: ChangeRecord[]): Promise<ChangeRecord[]> {
    const big = (t: string | null): t is string => t !== null && t.length > INLINE_MAX;
    const out: ChangeRecord[] = [];
    for (const r of records) {
      if (r.t === 'baseline' && big(r.before)) {
        out.push({ ...r, before: null, blob: await this.put(r.before) });
      } else if (r.t === 'revert' && r.files.some((f) => big(f.agent) || big(f.restored))) {
        const files = [];
        for (const f of r.files) {
          const agentBlob = big(f.agent) ? await this.put(f.agent) : f.agentBlob;
          const restoredBlob = big(f.restored) ? await this.put(f.restored) : f.restoredBlob;
          files.push({
            ...f,
            agent: big(f.agent) ? null : f.agent,
            restored: big(f.restored) ? null : f.restored,
            agentBlob,
            restoredBlob,
          });
        }
        out.push({ ...r, files });
      } else {
        out.push(r);
      }
    }
    return out;
  }
}
