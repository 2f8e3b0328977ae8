import type { RedisClientType } from 'redis';

/**
 * Remembers single-use ids (the gateway context's `jti`) until they expire. `claim` answers true
 * the first time an id is claimed and false every later time: a replayed context is refused.
 */
export interface ReplayCache {
  claim(id: string, expiresAtMs: number): Promise<boolean>;
}

/** In-process: correct for one replica; with several, each refuses replays it has seen itself. */
export function memoryReplayCache(now: () => number = Date.now, maxEntries = 1_000_000): ReplayCache {
  const seen = new Map<string, number>();
  let lastSweep = now();
  return {
    async claim(id, expiresAtMs) {
      const t = now();
      if (t - lastSweep > 1000 || seen.size >= maxEntries) {
        for (const [key, exp] of seen) if (exp <= t) seen.delete(key);
        lastSweep = t;
      }
      if (seen.has(id)) return false;
      // Full of unexpired ids: refuse rather than forget one (fail closed).
      if (seen.size >= maxEntries) return false;
      seen.set(id, expiresAtMs);
      return true;
    },
  };
}

/**
 * Shared by every replica through Redis (`SET id NX PX ttl`). When Redis cannot answer, the
 * replica falls back to its own memory: a replay to the same replica is still refused, and the
 * context's few seconds of life and its binding to one request body bound the rest.
 */
export function redisReplayCache(client: Pick<RedisClientType, 'set'>, options: { prefix?: string; now?: () => number; log?: (line: string) => void } = {}): ReplayCache {
  const now = options.now ?? Date.now;
  const local = memoryReplayCache(now);
  const prefix = options.prefix ?? 'jf:ctx:';
  return {
    async claim(id, expiresAtMs) {
      const firstHere = await local.claim(id, expiresAtMs);
      if (!firstHere) return false;
      try {
        const ok = await client.set(`${prefix}${id}`, '1', { NX: true, PX: Math.max(1, expiresAtMs - now()) });
        return ok === 'OK';
      } catch (error) {
        options.log?.(`replay cache: Redis unavailable (${(error as Error).message}); using this replica's memory`);
        return true;
      }
    },
  };
}
