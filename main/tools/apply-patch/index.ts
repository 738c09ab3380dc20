/**
 * Codex's `apply_patch` format: parse a patch, plan its effect on the workspace in memory, and
 * write the result to disk all or nothing.
 */
export { parsePatch, PatchParseError } from './parser';
export type { UpdateChunk } from './parser';
export { applyChunks, PatchApplyError, seekSequence } from './apply-chunks';
export { planPatch } from './plan';
export type { FileEffect, PatchIO } from './plan';
export { writeEffects } from './write';
