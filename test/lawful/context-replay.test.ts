import { createServer, type IncomingHttpHeaders } from 'node:http';
import { createClient } from 'redis';
import { close, listen } from '../../lib/http/http';
import { createContextSigner, createContextVerifier, generateMasterSecret, INTERNAL_CONTEXT_HEADER, subgraphKey } from '../../lib/security/internal-context';
import { memoryReplayCache, redisReplayCache } from '../../lib/security/replay-cache';
import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { gqlAs, startTestSystem, zelf } from '../support/system';

/** Issue 6: a context captured between the gateway and a subgraph is no bearer pass. */
const captured: { headers: IncomingHttpHeaders; body: string }[] = [];
let proxy: ReturnType<typeof createServer>;
let system: RunningSystem;

beforeAll(async () => {
  system = await startTestSystem({
    population: { size: 100, seed: 4, peildatum: '2026-11-01' },
    redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    // A capturing proxy in front of zorg: it records what the gateway sends and passes it on.
    routeSubgraphs: async (urls) => {
      proxy = createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const body = Buffer.concat(chunks).toString('utf8');
        captured.push({ headers: req.headers, body });
        const upstream = await fetch(urls.zorg, { method: 'POST', headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: String(req.headers[INTERNAL_CONTEXT_HEADER]) }, body });
        res.writeHead(upstream.status, { 'content-type': 'application/json' });
        res.end(await upstream.text());
      });
      return { ...urls, zorg: `${await listen(proxy)}/` };
    },
  });
}, 120_000);
afterAll(async () => { await system?.stop(); if (proxy) await close(proxy); });

async function replay(header: string, body: string) {
  const res = await fetch(system.subgraphs.zorg.url, { method: 'POST', headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: header }, body });
  return { status: res.status, body: await res.json() as { errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe('a captured gateway context', () => {
  it('is refused a second time, with another body, or for another subgraph', async () => {
    const { body } = await gqlAs(system, zelf(SHOWCASE_BSN), `{ jongere(bsn: "${SHOWCASE_BSN}") { heeftZorgtoewijzing zorgtoewijzingen { wet } } }`);
    expect(body.errors).toBeUndefined();
    const call = captured.at(-1)!;
    const header = String(call.headers[INTERNAL_CONTEXT_HEADER]);
    // The same bytes again: used before (the replay cache lives in Redis, shared by replicas).
    const again = await replay(header, call.body);
    expect([again.status, again.body.errors?.[0]?.extensions?.code]).toEqual([401, 'GATEWAY_CONTEXT_REQUIRED']);
    expect(again.body.errors?.[0]?.message).toMatch(/used before/);
    // Another body: an _entities query for someone in another municipality, with made-up facts.
    const forged = JSON.stringify({ query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Jongere { zorgtoewijzingen { wet } } } }',
      variables: { r: [{ __typename: 'Jongere', bsn: SHOWCASE_BSN, beleidskenmerken: { gemeente: 'GM0518', geboortedatum: '2005-01-01', status: 'BEKEND', bron: 'brp', zegel: 'x' } }] } });
    const other = await replay(header, forged);
    expect([other.status, other.body.errors?.[0]?.message]).toEqual([401, expect.stringMatching(/another request body/)]);
    const basis = await fetch(system.subgraphs.basis.url, { method: 'POST', headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: header }, body: call.body });
    expect(basis.status).toBe(401);
  });
});

describe('context verification', () => {
  const master = generateMasterSecret();
  const ctx = { medewerker: 'm', rol: 'jongere', organisatie: null, bsn: SHOWCASE_BSN, activiteit: 'inzage-betrokkene@2', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', deadline: 0 };

  it('refuses a context after its few seconds of life (injected clock)', async () => {
    let now = 1_000_000;
    const sign = createContextSigner(master, () => now);
    const verify = createContextVerifier(subgraphKey(master, 'zorg'), 'zorg', { now: () => now });
    const fresh = sign('zorg', ctx, '{}');
    await expect(verify(fresh, '{}')).resolves.toMatchObject({ medewerker: 'm' });
    const old = sign('zorg', ctx, '{}');
    now += 7_001;
    await expect(verify(old, '{}')).rejects.toThrow(/expired/);
  });

  it('shares used ids between replicas through Redis, and falls back to memory when Redis is down', async () => {
    const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const a = createClient({ url, disableOfflineQueue: true });
    const b = createClient({ url, disableOfflineQueue: true });
    await Promise.all([a.connect(), b.connect()]);
    try {
      const prefix = `jf:test:${process.pid}:${Date.now()}:`;
      const sign = createContextSigner(master);
      const header = sign('zorg', ctx, '{}');
      const replicaA = createContextVerifier(subgraphKey(master, 'zorg'), 'zorg', { replays: redisReplayCache(a as never, { prefix }) });
      const replicaB = createContextVerifier(subgraphKey(master, 'zorg'), 'zorg', { replays: redisReplayCache(b as never, { prefix }) });
      await expect(replicaA(header, '{}')).resolves.toBeTruthy();
      await expect(replicaB(header, '{}')).rejects.toThrow(/used before/);
    } finally {
      await Promise.all([a.quit(), b.quit()]);
    }
    // Redis unreachable (nothing listens on port 1): the replica still refuses what it saw itself.
    const dead = { set: async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:1'); } };
    const cache = redisReplayCache(dead as never);
    expect(await cache.claim('x', Date.now() + 5000)).toBe(true);
    expect(await cache.claim('x', Date.now() + 5000)).toBe(false);
    expect(await memoryReplayCache().claim('y', Date.now() + 5000)).toBe(true);
  });
});
