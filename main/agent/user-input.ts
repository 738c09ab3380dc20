/**
 * A turn's user input as the model receives it: typed text, a mentioned file's content, a
 * skill's instructions, images. Files are read when the input arrives (turn/start, turn/steer),
 * so a missing file, one outside the workspace or one too big is refused there, with the reason,
 * before anything is recorded — and the message the model gets is fixed from then on.
 */
import { open } from 'node:fs/promises';
import type { UserInput } from '../../protocol/schema/item';
import type { SandboxMode } from '../../protocol/schema/common';
import type { ConversationItem, UserContentPart } from '../model/types';
import { confine, confinementFor, PathRefused } from '../tools/paths';
import { readSkill, SkillRefused } from '../tools/skills';

/** A mentioned file's content is cut here (with a note saying so); the model can read on with read_file. */
const MENTION_MAX_BYTES = 256 * 1024;
/** An image file bigger than this is refused (downscaling is not done yet). */
const IMAGE_MAX_BYTES = 5 * 1024 * 1024;

export type UserTurnItem = Extract<ConversationItem, { type: 'user' }>;

/** Input that cannot be sent, with the reason in words the user can act on. */
export class InputRefused extends Error {}

export interface InputContext {
  /** The thread's folder: relative paths start here, and files must be inside it. */
  cwd: string;
  sandbox: SandboxMode;
  /** Folders never read (Tandem's home), as for tools. */
  protectedPaths: readonly string[];
  /** Tandem's home, whose `skills/` folder holds the user's skills. */
  home: string;
}

/** The image formats models take, by their first bytes. */
function imageType(head: Buffer): string | null {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 6).toString('latin1') === 'GIF87a' || head.subarray(0, 6).toString('latin1') === 'GIF89a')
    return 'image/gif';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  return null;
}

/** A regular file's bytes, at most `max` of them, and its whole size. */
async function readFileHead(path: string, max: number): Promise<{ bytes: Buffer; size: number }> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new InputRefused(`${path} is a folder, not a file`);
    if (!info.isFile()) throw new InputRefused(`${path} is not a regular file`);
    const bytes = Buffer.alloc(Math.min(info.size, max));
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    return { bytes: bytes.subarray(0, bytesRead), size: info.size };
  } finally {
    await handle.close();
  }
}

const attr = (s: string): string => JSON.stringify(s);

async function mentionPart(
  path: string,
  name: string,
  resolvePath: (p: string) => Promise<string>,
): Promise<UserContentPart> {
  const real = await resolvePath(path);
  const { bytes, size } = await readFileHead(real, MENTION_MAX_BYTES);
  if (bytes.includes(0)) throw new InputRefused(`The mentioned file ${path} is not a text file`);
  // A cut may split a UTF-8 sequence: decoding replaces the broken tail, which is then dropped.
  let text = bytes.toString('utf8');
  if (size > bytes.length) {
    text = text.replace(/\uFFFD+$/, '');
    text += `\n[… cut: the first ${bytes.length} of ${size} bytes; read the rest with read_file]`;
  }
  return { type: 'text', text: `<file name=${attr(name)} path=${attr(real)}>\n${text}\n</file>` };
}

async function localImageParts(
  path: string,
  detail: Extract<UserContentPart, { type: 'image' }>['detail'],
  resolvePath: (p: string) => Promise<string>,
): Promise<UserContentPart[]> {
  const real = await resolvePath(path);
  const { bytes, size } = await readFileHead(real, IMAGE_MAX_BYTES + 1);
  if (size > IMAGE_MAX_BYTES)
    throw new InputRefused(
      `The image ${path} is ${(size / 1024 / 1024).toFixed(1)} MiB; images of up to ${IMAGE_MAX_BYTES / 1024 / 1024} MiB can be sent`,
    );
  const mime = imageType(bytes);
  if (!mime) throw new InputRefused(`${path} is not a PNG, JPEG, GIF or WebP image`);
  return [
    { type: 'text', text: `<image path=${attr(real)}>` },
    { type: 'image', url: `data:${mime};base64,${bytes.toString('base64')}`, detail },
    { type: 'text', text: '</image>' },
  ];
}

/** The user message for the model, from a turn's input; throws InputRefused when a part cannot be used. */
export async function resolveUserInput(input: UserInput[], ctx: InputContext): Promise<UserTurnItem> {
  const text = input.flatMap((i) => (i.type === 'text' ? [i.text] : [])).join('\n');
  if (input.every((i) => i.type === 'text')) return { type: 'user', text };
  const confinement = await confinementFor(
    ctx.cwd,
    ctx.sandbox === 'danger-full-access' ? ['/'] : [],
    ctx.protectedPaths,
  );
  const resolvePath = async (p: string): Promise<string> => {
    try {
      return await confine(confinement, p);
    } catch (e) {
      if (e instanceof PathRefused) throw new InputRefused(e.message);
      throw e;
    }
  };
  const content: UserContentPart[] = [];
  for (const item of input) {
    try {
      switch (item.type) {
        case 'text':
          content.push({ type: 'text', text: item.text });
          break;
        case 'mention':
          content.push(await mentionPart(item.path, item.name, resolvePath));
          break;
        case 'skill': {
          const skill = await readSkill(item.path, ctx.cwd, ctx.home);
          // Codex's wrapping, so a model tuned on it recognises a skill's instructions.
          content.push({
            type: 'text',
            text: `<skill>\n<name>${skill.name}</name>\n<path>${skill.path}</path>\n${skill.text}\n</skill>`,
          });
          break;
        }
        case 'localImage':
          content.push(...(await localImageParts(item.path, item.detail ?? 'auto', resolvePath)));
          break;
        case 'image':
          if (!/^(data:image\/|https?:\/\/)/i.test(item.url))
            throw new InputRefused('An image URL must be a data:image/… URL or an http(s) URL');
          content.push({ type: 'image', url: item.url, detail: item.detail ?? 'auto' });
          break;
      }
    } catch (e) {
      if (e instanceof InputRefused) throw e;
      if (e instanceof SkillRefused) throw new InputRefused(e.message);
      const code = (e as { code?: unknown }).code;
      const path = 'path' in item ? item.path : '';
      if (code === 'ENOENT') throw new InputRefused(`The file ${path} (${item.type}) does not exist`);
      throw new InputRefused(`The file ${path} (${item.type}) cannot be read: ${(e as Error).message}`);
    }
  }
  return { type: 'user', text, content };
}

/** Whether a model request carries an image (an endpoint's refusal may then be about images). */
export const hasImages = (items: readonly ConversationItem[]): boolean =>
  items.some((i) => i.type === 'user' && !!i.content?.some((p) => p.type === 'image'));
