/**
 * The thread the page shows, kept in the address's fragment beside web mode's token
 * (`#token=…&thread=…`): a reload, or a server restart the page reconnects after, opens it
 * again; the token stays where `connectChannel` reads it.
 */
const KEY = 'thread';

export function rememberedThread(): string | null {
  return new URLSearchParams(location.hash.slice(1)).get(KEY);
}

export function rememberThread(threadId: string | null): void {
  const params = new URLSearchParams(location.hash.slice(1));
  if ((params.get(KEY) ?? null) === threadId) return;
  if (threadId) params.set(KEY, threadId);
  else params.delete(KEY);
  const hash = params.toString();
  try {
    // replaceState: no navigation, no history entry, no hashchange.
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash ? `#${hash}` : ''}`);
  } catch {
    // A page whose address cannot change (an unusual embedding) just forgets the thread.
  }
}
