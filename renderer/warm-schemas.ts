/**
 * The protocol's method schemas are built on first use (z.lazy, for the server's start-up). The
 * page has no such start-up to protect and parses in the middle of what the user does: build
 * them just after it loads, not during the first review or turn (built there, they tripled the
 * garbage collector's time in the diff bench's profile: 45 ms against 12).
 */
import { clientRequests, serverNotifications, serverRequests } from '../protocol/methods';

export function warmSchemas(): void {
  const schemas = [
    ...Object.values(clientRequests).flatMap((m) => [m.params, m.result]),
    ...Object.values(serverRequests).flatMap((m) => [m.params, m.result]),
    ...Object.values(serverNotifications),
  ];
  // Parsing builds a lazy schema's inner schema; the result does not matter.
  for (const s of schemas) s.safeParse(undefined);
}
