import type { Readiness } from './http-ops';

/** Runs named checks (each resolves when fine) with a timeout each; ready when all pass. */
export async function readiness(checks: Record<string, () => Promise<void>>, timeoutMs = 2000): Promise<Readiness> {
  const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([check(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs); })]);
      return [name, { ok: true }] as const;
    } catch (error) {
      return [name, { ok: false, reason: (error as Error).message }] as const;
    } finally {
      clearTimeout(timer);
    }
  }));
  return { ready: entries.every(([, r]) => r.ok), checks: Object.fromEntries(entries) };
}

/** Reachable when the address answers HTTP at all (any status): a cheap check that works for any vendor's API. */
export function reachable(url: string, fetchImpl: typeof fetch = fetch): () => Promise<void> {
  return async () => {
    try {
      await fetchImpl(url, { method: 'HEAD', signal: AbortSignal.timeout(1500) });
    } catch (error) {
      throw new Error(`${new URL(url).host} cannot be reached (${(error as Error).name})`);
    }
  };
}
