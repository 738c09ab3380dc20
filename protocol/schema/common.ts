/**
 * Shapes shared by several protocol families. Names and values follow the JSON Schema that
 * Codex 0.169.0 generates (`codex app-server generate-json-schema`), which is the arbiter.
 */
import { z } from 'zod';

/** An absolute, normalised filesystem path (Codex `AbsolutePathBuf`). */
export const AbsolutePath = z.string().min(1);
export type AbsolutePath = z.infer<typeof AbsolutePath>;

/** A JSON-RPC request id: a string or an integer. */
export const RequestId = z.union([z.string(), z.number().int()]);
export type RequestId = z.infer<typeof RequestId>;

/**
 * When the agent must ask the client before acting.
 * `untrusted`: ask for anything not known to be safe; `on-request`: the model decides when to
 * ask; `never`: never ask (failures go back to the model). The granular form is Codex's.
 */
export const AskForApproval = z.union([
  z.enum(['untrusted', 'on-failure', 'on-request', 'never']),
  z.strictObject({
    granular: z.object({
      mcp_elicitations: z.boolean(),
      rules: z.boolean(),
      sandbox_approval: z.boolean(),
      request_permissions: z.boolean().optional(),
      skill_approval: z.boolean().optional(),
    }),
  }),
]);
export type AskForApproval = z.infer<typeof AskForApproval>;

/** Who reviews approval requests. Tandem always routes them to the user. */
export const ApprovalsReviewer = z.enum(['user', 'auto_review', 'guardian_subagent']);
export type ApprovalsReviewer = z.infer<typeof ApprovalsReviewer>;

/** The sandbox mode a client asks for when it starts or resumes a thread. */
export const SandboxMode = z.enum(['read-only', 'workspace-write', 'danger-full-access']);
export type SandboxMode = z.infer<typeof SandboxMode>;

/** The effective sandbox policy the server reports (tagged on `type`). */
export const SandboxPolicy = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dangerFullAccess') }),
  z.object({
    type: z.literal('readOnly'),
    /** Whether commands may reach the network. */
    networkAccess: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('externalSandbox'),
    networkAccess: z.enum(['restricted', 'enabled']).optional(),
  }),
  z.object({
    type: z.literal('workspaceWrite'),
    /** Extra folders, besides the workspace, that may be written. */
    writableRoots: z.array(AbsolutePath).optional(),
    networkAccess: z.boolean().optional(),
    excludeTmpdirEnvVar: z.boolean().optional(),
    excludeSlashTmp: z.boolean().optional(),
  }),
]);
export type SandboxPolicy = z.infer<typeof SandboxPolicy>;

/** Reasoning effort requested from the model (`low`, `medium`, `high`, …). */
export const ReasoningEffort = z.string().min(1);
export type ReasoningEffort = z.infer<typeof ReasoningEffort>;

/** A response with no fields (Codex sends `{}`). */
export const EmptyResponse = z.object({});
export type EmptyResponse = z.infer<typeof EmptyResponse>;
