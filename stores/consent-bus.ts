import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';

/**
 * How the replicas that cache consent learn that a person's consent changed. `publish` resolves
 * once every replica listening has dropped what it held about the person (or after a bounded
 * wait); a replica that cannot be sure it hears every change reports `betrouwbaar` false and must
 * not serve from its cache until it can again.
 */
export interface ConsentBus {
  publish(bsn: string): Promise<void>;
  /** Registers this replica's listener; `betrouwbaar` changes with the connection to the other replicas. */
  subscribe(listener: { gewijzigd(bsn: string): void; betrouwbaar(ok: boolean): void }): void;
  close(): Promise<void>;
}

/** One process: every cache in it hears a change before `publish` resolves. */
export function localConsentBus(): ConsentBus {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  return {
    async publish(bsn) { events.emit('gewijzigd', bsn); },
    subscribe(listener) {
      events.on('gewijzigd', (bsn: string) => listener.gewijzigd(bsn));
      listener.betrouwbaar(true);
    },
    async close() { events.removeAllListeners(); },
  };
}

const CHANNEL = 'jf:toestemming:gewijzigd';
const ACKS = 'jf:toestemming:ontvangen';

export interface RedisConsentBusOptions {
  /** How long `publish` waits for every replica to confirm (ms). Default 2000. */
  ackTimeoutMs?: number;
  log?: (line: string) => void;
}

/**
 * Redis pub/sub between replicas. A change is published on one channel; every replica drops the
 * person from its cache and confirms on a second channel; `publish` waits for as many
 * confirmations as Redis says it delivered the message to, so a withdrawal's answer leaves only
 * after every replica has forgotten the consent: the very next request anywhere reads the store.
 * A replica is reliable only while its subscription works: after a disconnect it hears its own
 * probe before it trusts its cache again (and its cache is emptied meanwhile).
 */
export function redisConsentBus(client: RedisClientType, options: RedisConsentBusOptions = {}): ConsentBus {
  const log = options.log ?? console.error;
  const replica = randomUUID();
  const subscriber = client.duplicate();
  const waiting = new Map<string, { nodig: number; ontvangen: Set<string>; klaar: () => void }>();
  let listener: { gewijzigd(bsn: string): void; betrouwbaar(ok: boolean): void } | undefined;
  let probe: string | null = null;
  const unreliable = () => listener?.betrouwbaar(false);
  subscriber.on('error', unreliable);
  subscriber.on('end', unreliable);
  subscriber.on('reconnecting', unreliable);
  const sendProbe = () => {
    probe = randomUUID();
    client.publish(CHANNEL, JSON.stringify({ probe, replica })).catch(() => undefined);
  };
  subscriber.on('ready', () => setTimeout(sendProbe, 50).unref());
  const onChange = (raw: string) => {
    const m = JSON.parse(raw) as { id?: string; bsn?: string; probe?: string; replica: string };
    if (m.probe) {
      if (m.probe === probe && m.replica === replica) listener?.betrouwbaar(true);
      return;
    }
    listener?.gewijzigd(m.bsn!);
    client.publish(ACKS, JSON.stringify({ id: m.id, replica })).catch(() => undefined);
  };
  const onAck = (raw: string) => {
    const m = JSON.parse(raw) as { id: string; replica: string };
    const w = waiting.get(m.id);
    if (!w) return;
    w.ontvangen.add(m.replica);
    if (w.ontvangen.size >= w.nodig) w.klaar();
  };
  const connected = subscriber.connect()
    .then(() => Promise.all([subscriber.subscribe(CHANNEL, onChange), subscriber.subscribe(ACKS, onAck)]))
    .then(sendProbe)
    .catch((error: Error) => log(`consent bus: not subscribed yet (${error.message}); the cache stays off until it is`));
  return {
    async publish(bsn) {
      const id = randomUUID();
      let klaar!: () => void;
      const done = new Promise<void>((resolve) => { klaar = resolve; });
      const entry = { nodig: Infinity, ontvangen: new Set<string>(), klaar };
      waiting.set(id, entry);
      try {
        entry.nodig = await client.publish(CHANNEL, JSON.stringify({ id, bsn, replica }));
        if (entry.ontvangen.size >= entry.nodig) klaar();
        const timeout = new Promise<void>((resolve) => setTimeout(() => {
          log(`consent bus: ${entry.nodig - entry.ontvangen.size} replica(s) did not confirm a change within ${options.ackTimeoutMs ?? 2000} ms`);
          resolve();
        }, options.ackTimeoutMs ?? 2000).unref());
        await Promise.race([done, timeout]);
      } catch (error) {
        // Redis is down: every replica's subscription is down too, so none serves from its cache.
        log(`consent bus: could not publish (${(error as Error).message})`);
      } finally {
        waiting.delete(id);
      }
    },
    subscribe(l) {
      listener = l;
      l.betrouwbaar(false);
    },
    async close() {
      await connected;
      // A subscriber still trying to reconnect would wait for Redis to quit: drop it instead.
      if (subscriber.isReady) await subscriber.quit().catch(() => undefined);
      else if (subscriber.isOpen) subscriber.destroy();
    },
  };
}
