/**
 * One value per trace (one client operation), kept for `ttlMs`. The gateway may call a subgraph
 * several times for one operation (first for the facts other subgraphs @require, then for the
 * fields that need them); sharing the DataLoader across those calls keeps source calls at one
 * batch per person. Without a trace id, every call gets a fresh value.
 */
export function perTrace<T>(create: () => T, ttlMs = 30_000, now: () => number = Date.now): (traceId: string | null) => T {
  const entries = new Map<string, { value: T; expires: number }>();
  return (traceId) => {
    if (!traceId) return create();
    const t = now();
    for (const [key, entry] of entries) if (entry.expires <= t) entries.delete(key);
    let entry = entries.get(traceId);
    if (!entry) entries.set(traceId, (entry = { value: create(), expires: t + ttlMs }));
    return entry.value;
  };
}
