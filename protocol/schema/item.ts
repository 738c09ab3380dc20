/**
 * Thread items: what a turn is made of. A union keyed on `type`, shaped as Codex's
 * `ThreadItem`. Item kinds that tools produce (commandExecution, fileChange) join this union
 * with the agent.
 */
import { z } from 'zod';
import { DynamicToolCallItem } from './dynamic-tools';

/** A span inside a text input that a UI rendered specially (a mention, a pasted image…). */
const TextElement = z.object({
  byteRange: z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }),
  placeholder: z.string().nullable().optional(),
});

/** How closely the model looks at an image (Codex's ImageDetail). */
const ImageDetail = z.enum(['auto', 'low', 'high', 'original']);

/**
 * One piece of user input, as Codex's UserInput: text, images (a URL, or a file in the
 * workspace), a skill to follow, a file mentioned. Kept on the userMessage item as sent.
 */
export const UserInput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    /** What the user typed. */
    text: z.string(),
    text_elements: z.array(TextElement).optional(),
  }),
  z.object({
    type: z.literal('image'),
    /** An image URL passed to the model as is (`data:` or http(s)). */
    url: z.string().min(1),
    detail: ImageDetail.nullable().optional(),
  }),
  z.object({
    type: z.literal('localImage'),
    /** Path of an image in the workspace; read and sent to the model inline. */
    path: z.string().min(1),
    detail: ImageDetail.nullable().optional(),
  }),
  z.object({
    type: z.literal('skill'),
    name: z.string(),
    /** The skill's SKILL.md, as `skills/list` reported it; its instructions reach the model. */
    path: z.string().min(1),
  }),
  z.object({
    type: z.literal('mention'),
    name: z.string(),
    /** A file in the workspace; its content reaches the model. */
    path: z.string().min(1),
  }),
]);
export type UserInput = z.infer<typeof UserInput>;

/** What the user sent in a turn. */
const UserMessageItem = z.object({
  type: z.literal('userMessage'),
  id: z.string(),
  content: z.array(UserInput),
  /** An id the client chose, echoed back so it can match its optimistic copy. */
  clientId: z.string().nullable().optional(),
});

/** Text the model wrote for the user (Markdown). */
const AgentMessageItem = z.object({
  type: z.literal('agentMessage'),
  id: z.string(),
  text: z.string(),
  /** commentary | partial_answer | final_answer, when the provider says. */
  phase: z.enum(['commentary', 'partial_answer', 'final_answer']).nullable().optional(),
});

/** The model's reasoning: its summary parts and, where the provider gives it, raw content. */
const ReasoningItem = z.object({
  type: z.literal('reasoning'),
  id: z.string(),
  summary: z.array(z.string()).optional(),
  content: z.array(z.string()).optional(),
});

/** A plan the agent announced, as text. */
export const PlanItem = z.object({
  type: z.literal('plan'),
  id: z.string(),
  text: z.string(),
});
export type PlanItem = z.infer<typeof PlanItem>;

/** Where a command or a file change stands. `declined`: the user said no. */
const ExecutionStatus = z.enum(['inProgress', 'completed', 'failed', 'declined']);
type ExecutionStatus = z.infer<typeof ExecutionStatus>;

/**
 * What a command does, when known (Codex parses `cat`, `ls`, `rg`…; so does Tandem, conservatively,
 * and its read_file / list_dir / grep_files calls are reported as read / listFiles / search).
 */
export const CommandAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('read'), command: z.string(), name: z.string(), path: z.string() }),
  z.object({ type: z.literal('listFiles'), command: z.string(), path: z.string().nullable().optional() }),
  z.object({
    type: z.literal('search'),
    command: z.string(),
    path: z.string().nullable().optional(),
    query: z.string().nullable().optional(),
  }),
  z.object({ type: z.literal('unknown'), command: z.string() }),
]);

/** A shell command the agent ran (or wanted to run). */
export const CommandExecutionItem = z.object({
  type: z.literal('commandExecution'),
  /** The model's tool call id. */
  id: z.string(),
  /** The command line, as run with `bash -lc`. */
  command: z.string(),
  /** Absolute folder it ran in. */
  cwd: z.string(),
  status: ExecutionStatus,
  commandActions: z.array(CommandAction),
  /** stdout and stderr, interleaved as they came. */
  aggregatedOutput: z.string().nullable().optional(),
  exitCode: z.number().int().nullable().optional(),
  durationMs: z.number().int().nullable().optional(),
  processId: z.string().nullable().optional(),
  source: z.enum(['agent', 'userShell', 'unifiedExecStartup', 'unifiedExecInteraction']).optional(),
});
export type CommandExecutionItem = z.infer<typeof CommandExecutionItem>;

/** How a file changes. `move_path` (Codex's spelling) names the new path of a moved file. */
const PatchChangeKind = z.discriminatedUnion('type', [
  z.object({ type: z.literal('add') }),
  z.object({ type: z.literal('delete') }),
  z.object({ type: z.literal('update'), move_path: z.string().nullable().optional() }),
]);

/** One file of a file change, with its unified diff. */
export const FileUpdateChange = z.object({
  path: z.string(),
  kind: PatchChangeKind,
  diff: z.string(),
});
export type FileUpdateChange = z.infer<typeof FileUpdateChange>;

/** Edits to files the agent made (or proposed). */
export const FileChangeItem = z.object({
  type: z.literal('fileChange'),
  id: z.string(),
  changes: z.array(FileUpdateChange),
  status: ExecutionStatus,
});
export type FileChangeItem = z.infer<typeof FileChangeItem>;

/** Every item kind Tandem produces. */
export const ThreadItem = z.discriminatedUnion('type', [
  UserMessageItem,
  AgentMessageItem,
  ReasoningItem,
  PlanItem,
  CommandExecutionItem,
  FileChangeItem,
  DynamicToolCallItem,
]);
export type ThreadItem = z.infer<typeof ThreadItem>;
