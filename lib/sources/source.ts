import DataLoader from 'dataloader';
import { SourceError } from '../errors';

/**
 * How an adapter reaches its source system. Every option is validated at construction.
 */
export interface SourceOptions {
  /** Base URL of the system's API, e.g. `http://127.0.0.1:4101`. Required. */
  baseUrl: string;
  /** Per-call timeout in milliseconds. Default 2000. Example: 500 for a fast local system. */
  timeoutMs?: number;
  /** The fetch implementation; injected so tests and instrumentation can wrap it. Default: global fetch. */
  fetch?: typeof fetch;
  /** Told the duration (seconds) and outcome (`ok` or the error code) of every call, for metrics. Default: nothing. */
  observe?: SourceObserver;
}

export type SourceObserver = (system: string, seconds: number, outcome: string) => void;

/** What one call may spend: the request's deadline (epoch ms) from the gateway, when there is one. */
export interface Aanroep { deadline?: number }

export function validateSourceOptions(system: string, options: SourceOptions): Required<Omit<SourceOptions, 'observe'>> & { observe?: SourceObserver } {
  if (typeof options.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl)) {
    throw new TypeError(`${system}: baseUrl must be an http(s) URL; received ${JSON.stringify(options.baseUrl)}`);
  }
  const timeoutMs = options.timeoutMs ?? 2000;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`${system}: timeoutMs must be a positive integer; received ${options.timeoutMs}`);
  }
  return { baseUrl: options.baseUrl.replace(/\/$/, ''), timeoutMs, fetch: options.fetch ?? globalThis.fetch, observe: options.observe };
}

/**
 * Runs one call to a source system within its timeout, or what remains of the request's budget
 * when that is less (deadlines, not stacked timeouts), and translates every failure into a
 * SourceError, once, here at the adapter boundary.
 */
export async function callSource<T>(
  system: string,
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<{ data?: T; error?: unknown; response: Response }>,
  extra: { deadline?: number; observe?: SourceObserver } = {},
): Promise<T> {
  const started = performance.now();
  const remaining = extra.deadline === undefined ? timeoutMs : Math.min(timeoutMs, Math.floor(extra.deadline - Date.now()));
  const done = (outcome: string) => extra.observe?.(system, (performance.now() - started) / 1000, outcome);
  if (remaining <= 0) {
    done('SOURCE_TIMEOUT');
    throw new SourceError('SOURCE_TIMEOUT', system, `${system} was not called: the request's time budget is spent`);
  }
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call(AbortSignal.timeout(remaining));
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'SyntaxError') {
      done('SOURCE_INVALID_RESPONSE');
      throw new SourceError('SOURCE_INVALID_RESPONSE', system, `${system} answered with a body that is not JSON`);
    }
    if (name === 'TimeoutError' || name === 'AbortError') {
      done('SOURCE_TIMEOUT');
      throw new SourceError('SOURCE_TIMEOUT', system, `${system} did not answer within ${remaining} ms`);
    }
    done('SOURCE_UNAVAILABLE');
    throw new SourceError('SOURCE_UNAVAILABLE', system, `${system} could not be reached`);
  }
  if (!result.response.ok || result.data === undefined) {
    done('SOURCE_UNAVAILABLE');
    throw new SourceError('SOURCE_UNAVAILABLE', system, `${system} answered HTTP ${result.response.status}`);
  }
  done('ok');
  return result.data;
}

/**
 * Reads a source's answer: `lees` maps the body the adapter received; any failure to read it (a
 * list that is missing, a field of another type) becomes SOURCE_INVALID_RESPONSE, once, here at
 * the adapter boundary, instead of an empty answer or a stray TypeError.
 */
export function leesAntwoord<T>(system: string, lees: () => T): T {
  try {
    return lees();
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError('SOURCE_INVALID_RESPONSE', system, `${system} answered in a shape the adapter cannot read (${(error as Error).message})`);
  }
}

/** A count the answer must hold; throws (for leesAntwoord) when it is not a whole number. */
export function aantal(waarde: unknown): number {
  if (!Number.isInteger(waarde) || (waarde as number) < 0) throw new TypeError(`${JSON.stringify(waarde)} is not a count`);
  return waarde as number;
}

/** A list the answer must hold; throws (for leesAntwoord) when it is absent or not a list. */
export function lijst<T>(waarde: unknown, naam: string): T[] {
  if (!Array.isArray(waarde)) throw new TypeError(`\`${naam}\` is not a list`);
  return waarde as T[];
}

/**
 * A per-request DataLoader over a batch look-up that returns results by key; keys the source
 * does not know resolve to `missing`. `maxBatchSize` is the source system's batch limit.
 */
export function batchLoader<V>(
  maxBatchSize: number,
  lookup: (keys: string[]) => Promise<Map<string, V>>,
  missing: V,
): DataLoader<string, V> {
  return new DataLoader<string, V>(async (keys) => {
    const found = await lookup([...keys]);
    return keys.map((k) => (found.has(k) ? found.get(k)! : missing));
  }, { maxBatchSize });
}

/** How many batches a whole-population read keeps in flight per source: read steadily, not flooded. */
export const BATCHES_IN_FLIGHT = 8;

/**
 * Runs `fn` over chunks of at most `size` keys and concatenates the results in order; at most
 * `gelijktijdig` chunks are in flight at once (default: all), so a large read does not open
 * thousands of connections to one source system.
 */
export async function inChunks<T>(keys: string[], size: number, fn: (chunk: string[]) => Promise<T[]>, gelijktijdig = Infinity): Promise<T[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += size) chunks.push(keys.slice(i, i + size));
  const results: T[][] = new Array(chunks.length);
  let next = 0;
  const worker = async () => { while (next < chunks.length) { const i = next++; results[i] = await fn(chunks[i]); } };
  await Promise.all(Array.from({ length: Math.min(gelijktijdig, chunks.length) }, worker));
  return results.flat();
}
