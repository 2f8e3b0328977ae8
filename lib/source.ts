import DataLoader from 'dataloader';
import { SourceError } from './errors';

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
}

export function validateSourceOptions(system: string, options: SourceOptions): Required<SourceOptions> {
  if (typeof options.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl)) {
    throw new TypeError(`${system}: baseUrl must be an http(s) URL; received ${JSON.stringify(options.baseUrl)}`);
  }
  const timeoutMs = options.timeoutMs ?? 2000;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`${system}: timeoutMs must be a positive integer; received ${options.timeoutMs}`);
  }
  return { baseUrl: options.baseUrl.replace(/\/$/, ''), timeoutMs, fetch: options.fetch ?? globalThis.fetch };
}

/**
 * Runs one call to a source system with a timeout and translates every failure into a
 * SourceError, once, here at the adapter boundary.
 */
export async function callSource<T>(
  system: string,
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call(AbortSignal.timeout(timeoutMs));
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new SourceError('SOURCE_TIMEOUT', system, `${system} did not answer within ${timeoutMs} ms`);
    }
    throw new SourceError('SOURCE_UNAVAILABLE', system, `${system} could not be reached`);
  }
  if (!result.response.ok || result.data === undefined) {
    throw new SourceError('SOURCE_UNAVAILABLE', system, `${system} answered HTTP ${result.response.status}`);
  }
  return result.data;
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

/** Runs `fn` over chunks of at most `size` keys, in parallel, and concatenates the results. */
export async function inChunks<T>(keys: string[], size: number, fn: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += size) chunks.push(keys.slice(i, i + size));
  return (await Promise.all(chunks.map(fn))).flat();
}
