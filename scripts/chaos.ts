/**
 * `npm run chaos [-- --seconds 180]`: minutes of mixed load on the multi-process system while a
 * simulator, a subgraph, Redis and PostgreSQL are stopped and brought back in turn. Redis is a
 * private redis-server on a free port (when the binary is installed); PostgreSQL is the
 * machine's, reached through a proxy this run cuts and restores (DATABASE_URL or the local
 * default; without one the embedded SQLite store is used and that step is skipped). Afterwards
 * it reports the answers by code and checks that every response that carried personal data has
 * its audit records, per subgraph that contributed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { printTable } from '../bench/table';
import { freePort } from '../system/supervisor';
import { startMultiProcess } from '../system/multi-process';
import { configFromEnv } from '../system/config';
import { cuttableProxy } from '../test/support/cuttable-proxy';

const FIELDS: Record<string, string> = { naam: 'basis', inschrijvingen: 'onderwijs', doorstroomtrajecten: 'doorstroom', uitkering: 'participatie', zorgtoewijzingen: 'zorg' };
const QUERY = 'query Chaos($bsn: String!) { jongere(bsn: $bsn) { naam { volledigeNaam } inschrijvingen { id } doorstroomtrajecten { id } uitkering { soort } zorgtoewijzingen { wet } } }';

async function startRedis(port: number): Promise<ChildProcess | null> {
  if (spawnSync('which', ['redis-server']).status !== 0) return null;
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 300));
  return child;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '180' }, clients: { type: 'string', default: '6' } } });
  const seconds = Number(values.seconds);
  const dataDir = mkdtempSync(join(tmpdir(), 'jf-chaos-'));
  const pgUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const pg = new URL(pgUrl);
  const proxy = cuttableProxy({ host: pg.hostname, port: Number(pg.port || 5432) });
  const proxyPort = await proxy.listen();
  const schema = `chaos_${randomBytes(4).toString('hex')}`;
  const redisPort = await freePort();
  let redis = await startRedis(redisPort);
  const env: Record<string, string> = {
    DATABASE_URL: `postgres://${pg.username}${pg.password ? `:${pg.password}` : ''}@127.0.0.1:${proxyPort}${pg.pathname}`, DATABASE_SCHEMA: schema,
    ...(redis ? { REDIS_URL: `redis://127.0.0.1:${redisPort}` } : {}), POPULATION_SIZE: '2000', SOURCE_TIMEOUT_MS: '2000', REQUEST_TIMEOUT_MS: '5000',
    RATE_LIMIT_EMPLOYEE: '100000000', RATE_LIMIT_ORGANISATION: '100000000',
  };
  Object.assign(process.env, env);
  const config = configFromEnv();
  const log: string[] = [];
  const system = await startMultiProcess({ ...config, dataDir, ports: { gateway: await freePort() } }, { log: (l) => log.push(l), env });
  const issuer = system.kit.devIssuer!;
  const people = Array.from({ length: 200 }, (_, i) => system.population.bsnAt(i * 7));
  const tokens = new Map<string, string>();
  const tokenFor = async (bsn: string) => tokens.get(bsn) ?? tokens.set(bsn, await issuer.sign({ sub: `chaos-${bsn}`, roles: ['jongere'], bsn })).get(bsn)!;

  const answers = new Map<string, number>();
  const disclosed: { trace: string; bsn: string; services: string[] }[] = [];
  let stop = false;
  const client = async (w: number) => {
    for (let i = w; !stop; i += 7) {
      const bsn = people[i % people.length];
      try {
        const res = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(bsn)}`, 'x-verwerkingsactiviteit': 'inzage-betrokkene' },
          body: JSON.stringify({ query: QUERY, variables: { bsn } }), signal: AbortSignal.timeout(30_000) });
        const body = await res.json() as { data?: { jongere?: Record<string, unknown> | null }; errors?: { extensions?: { code?: string } }[] };
        const codes = [...new Set((body.errors ?? []).map((e) => String(e.extensions?.code)))];
        const key = `${res.status} ${codes.length ? codes.sort().join('+') : 'ok'}`;
        answers.set(key, (answers.get(key) ?? 0) + 1);
        const j = body.data?.jongere;
        if (j) {
          const services = Object.keys(FIELDS).filter((f) => j[f] !== null && j[f] !== undefined).map((f) => FIELDS[f]);
          if (services.length) disclosed.push({ trace: res.headers.get('traceparent')!.split('-')[1], bsn, services });
        }
      } catch (error) {
        answers.set(`no answer (${(error as Error).name})`, (answers.get(`no answer (${(error as Error).name})`) ?? 0) + 1);
      }
    }
  };
  const load = Array.from({ length: Number(values.clients) }, (_, w) => client(w));
  const steps: { at: number; what: string; act: () => Promise<void> | void }[] = [];
  const slot = seconds / 9;
  const events: Record<string, string>[] = [];
  const plan = (n: number, what: string, act: () => Promise<void> | void) => steps.push({ at: n * slot, what, act });
  plan(1, 'kill simulator sim-zorg (supervisor restarts it)', () => system.supervisor.kill('sim-zorg'));
  plan(2, 'kill subgraph subgraph-participatie (supervisor restarts it)', () => system.supervisor.kill('subgraph-participatie'));
  plan(3, 'kill subgraph subgraph-basis (supervisor restarts it)', () => system.supervisor.kill('subgraph-basis'));
  if (redis) {
    plan(4, 'stop Redis', () => { redis!.kill('SIGKILL'); });
    plan(5, 'start Redis again', async () => { redis = await startRedis(redisPort); });
  }
  plan(6, 'cut PostgreSQL', () => proxy.cut());
  plan(7, 'restore PostgreSQL', () => proxy.restore());
  const started = Date.now();
  for (const step of steps) {
    await new Promise((r) => setTimeout(r, Math.max(0, started + step.at * 1000 - Date.now())));
    await step.act();
    events.push({ 'after s': ((Date.now() - started) / 1000).toFixed(0), event: step.what });
  }
  await new Promise((r) => setTimeout(r, Math.max(0, started + seconds * 1000 - Date.now())));
  stop = true;
  await Promise.all(load);
  await system.stop();
  // Every response that carried personal data has its audit records, per contributing subgraph.
  const pool = new Pool({ connectionString: pgUrl });
  const missing: string[] = [];
  for (const d of disclosed) {
    const { rows } = await pool.query(`SELECT regel->'resource'->>'service.name' AS service FROM ${schema}.logregel WHERE trace_id = $1 AND data_subject_id = $2`,
      [d.trace, system.kit.pseudonym(d.bsn)]);
    for (const s of d.services) if (!rows.some((r) => r.service === s)) missing.push(`${d.trace}/${s}`);
  }
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
  redis?.kill('SIGKILL');
  proxy.close();
  rmSync(dataDir, { recursive: true, force: true });
  printTable(`Chaos run: ${seconds} s of load (${values.clients} clients, integral view of 200 people as themselves) on the multi-process system`, events);
  printTable('Answers by HTTP status and codes', [...answers].sort((a, b) => b[1] - a[1]).map(([k, n]) => ({ answer: k, count: n })));
  printTable('Audit check', [{ 'responses with personal data': disclosed.length, 'subgraph disclosures checked': disclosed.reduce((s, d) => s + d.services.length, 0), 'missing audit records': missing.length }]);
  if (missing.length) { console.error(`missing audit records: ${missing.slice(0, 20).join(', ')}`); process.exit(1); }
  process.exit(0);
}

main().catch((error) => { console.error(error); process.exit(1); });
