import { createClient, type RedisClientType } from 'redis';

/**
 * A node-redis client that never holds a request hostage: commands fail at once while Redis is
 * unreachable (no offline queue) and start-up does not wait for the connection. Callers fall
 * back to this process's memory when a command fails (DESIGN §5: losing Redis costs speed, not
 * correctness).
 */
export function connectRedis(url: string, log: (line: string) => void = console.error): RedisClientType {
  if (!/^rediss?:\/\//.test(url)) throw new RangeError(`REDIS_URL must be a redis:// or rediss:// URL; received "${url}"`);
  const client: RedisClientType = createClient({
    url, disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(250 * 2 ** retries, 10_000) },
  }) as RedisClientType;
  let reported = false;
  client.on('error', (error: Error) => { if (!reported) log(`redis: ${error.message}`); reported = true; });
  client.on('ready', () => { reported = false; });
  client.connect().catch((error: Error) => log(`redis: not connected yet (${error.message}); retrying in the background`));
  return client;
}
