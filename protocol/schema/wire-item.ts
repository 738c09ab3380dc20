/**
 * Items as a client reads them from an engine: Tandem's own kinds (item.ts), and any other kind
 * (a newer Codex's, another engine's, or one of ours with a shape this build does not read) kept
 * whole as an `OtherItem`, so that one item never makes a whole turn or thread unreadable. Only
 * the reading side produces OtherItem; Tandem never sends one.
 */
import { z } from 'zod';
import { ThreadItem } from './item';

/** The `type` an item read as OtherItem gets; a slash keeps it apart from every Codex item type. */
export const OTHER_ITEM = 'tandem/otherItem';

/** An item this build cannot show for what it is: its own type and id, and every field it came with. */
export const OtherItem = z.object({
  type: z.literal(OTHER_ITEM),
  id: z.string(),
  /** The item's own `type` (e.g. `mcpToolCall`). */
  itemType: z.string(),
  /** The item as it came, for a generic view. */
  // Lazy: a z.record built at start-up pages 3.3 MiB of node's code into RSS (measured; npm run bench).
  fields: z.lazy(() => z.record(z.string(), z.unknown())),
});
export type OtherItem = z.infer<typeof OtherItem>;

/** An item (a type, maybe an id) that reads as none of ours, kept whole as an OtherItem. */
const AsOtherItem = z
  .looseObject({ type: z.string(), id: z.string().optional() })
  .transform((v): OtherItem => ({ type: OTHER_ITEM, id: v.id ?? '', itemType: v.type, fields: v }));

/**
 * Ours when it reads as ours, else an OtherItem. A union takes its first option that passes, so an
 * item of ours is read once (a 10,000-line file change is not parsed twice on its way to the UI).
 */
export const AnyThreadItem = z.union([ThreadItem, OtherItem, AsOtherItem]);
export type AnyThreadItem = z.infer<typeof AnyThreadItem>;

/** Whether an item read leniently is one of Tandem's own kinds (what the server ever produces). */
export const isOwnItem = (item: AnyThreadItem): item is ThreadItem => item.type !== OTHER_ITEM;
