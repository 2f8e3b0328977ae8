import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet } from 'jose';
import { Pool } from 'pg';
import { createAuthenticator, type Principal } from '../gateway/auth/authenticate';
import { DEFAULT_AUDIENCE, DEV_ISSUER, DevIssuer } from '../gateway/auth/dev-issuer';
import type { EnforcementMode } from '../gateway/policy/enforce';
import { generateMasterSecret, subgraphKey } from '../lib/security/internal-context';
import { feitsleutelsVan } from '../subgraphs/policy/feiten';
import { createPseudonymiser } from '../lib/security/pseudonym';
import { categoryMap, type CategoryMap } from '../policies/categories';
import { afgeleideVelden } from '../policies/declaraties';
import { loadRegister } from '../policies/register';
import type { Register } from '../policies/types';
import { consentSeed } from '../population/consent';
import { retryWithBackoff } from '../lib/sources/retry';
import type { Population } from '../population/generator';
import { PostgresAuditStore, SqliteAuditStore, type AuditStore } from '../stores/audit';
import { PostgresConsentStore, SqliteConsentStore, type ConsentStore } from '../stores/consent';
import type { ConsentBus } from '../stores/consent-bus';
import { CachedConsentStore } from '../stores/consent-cache';
import { PostgresNazorgStore, SqliteNazorgStore, type NazorgStore } from '../stores/nazorg';
import { PostgresProgrammaStore, SqliteProgrammaStore, type ProgrammaStore } from '../stores/programma';
import { PostgresCijferStore, SqliteCijferStore, type CijferStore } from '../stores/cijfers';

export interface SecurityOptions {
  /** Folder for the embedded stores and the development secrets; `:memory:` keeps nothing. */
  dataDir: string;
  /** PostgreSQL for the audit log and consent records instead of the embedded SQLite files. */
  postgres?: {
    /** For both stores, unless one of the two below is given. */
    connectionString?: string;
    /** The audit log's connection (a role that may only insert, or only read, for the service's duty). */
    audit?: string;
    /** The consent records' connection. */
    consent?: string;
    /** The schools' nazorg records' connection (the onderwijs subgraph). */
    nazorg?: string;
    /** The regional programmes' records' connection (the monitor). */
    programma?: string;
    schema?: string;
  };
  /** The identity provider. Absent: the local development issuer (`npm run token`). */
  oidc?: { issuer: string; audience: string; jwksUrl: string };
  /** Key for the audit pseudonyms (at least 32 characters). Absent: generated once per data folder. */
  pseudonymKey?: string;
  /**
   * Subgraph context keys. The gateway needs `master`; a subgraph needs only `forSubgraph` (its
   * derived key, `npm run keys`). Absent: a master secret generated at start (one process).
   */
  internalKeys?: { master?: string; forSubgraph?: Record<string, string>; factKeys?: Record<string, Record<string, string>> };
  mode?: EnforcementMode;
  /** Now, for token expiry. Default: the system clock. */
  clock?: () => Date;
  /** The development issuer's key file (shared with `npm run token`). Default `<dataDir>/dev-issuer.json`. */
  devIssuerFile?: string;
  /** Stores to use instead of building them (another durable store behind the same interface). */
  stores?: { audit?: AuditStore; consent?: ConsentStore };
  /**
   * How replicas hear of consent changes. Given, consent answers are cached per replica and every
   * change empties them everywhere before it is answered; absent (separate processes without
   * Redis), every request reads the store.
   */
  consentBus?: ConsentBus | null;
}

/** Everything both enforcement points share: one register, its categories, the stores, keys and the token check. */
export interface SecurityKit {
  register: Register;
  categories: CategoryMap;
  consent: ConsentStore;
  /** The schools' nazorg contacts (opened on first use: only the onderwijs subgraph holds a connection). */
  nazorg: NazorgStore;
  /** The regional programmes' records (opened on first use: only the monitor holds a connection). */
  programma: ProgrammaStore;
  /** The monitor's published figures and cell key secret (on the monitor's database, PROGRAMMA_DATABASE_URL). */
  cijfers: CijferStore;
  audit: AuditStore;
  pseudonym(bsn: string): string;
  /** The master secret (gateway only); null in a subgraph process. */
  internalMaster: string | null;
  /** The key a subgraph verifies its contexts with. */
  subgraphKey(name: string): Uint8Array;
  /** For a subgraph that owns facts: the key it signs them with for each consumer. */
  feitSleutels(eigenaar: string): Record<string, Uint8Array>;
  authenticate(authorization: string | undefined): Promise<Principal>;
  devIssuer: DevIssuer | null;
  mode: EnforcementMode;
  close(): Promise<void>;
}

/** A secret kept in the data folder, so restarts keep pseudonyms and dev tokens valid. */
function persistentSecret(dataDir: string, file: string, make: () => string): string {
  if (dataDir === ':memory:') return make();
  const path = join(dataDir, file);
  if (!existsSync(path)) writeFileSync(path, make(), { mode: 0o600 });
  return readFileSync(path, 'utf8').trim();
}

export async function buildSecurity(options: SecurityOptions, supergraphSdl: string): Promise<SecurityKit> {
  const categories = categoryMap(supergraphSdl);
  const register = loadRegister(undefined, { fields: new Set(categories.fields()), afgeleid: afgeleideVelden(supergraphSdl) });
  const pools = new Map<string, Pool>();
  const pool = (url: string | undefined): Pool | null => {
    if (!url) return null;
    let p = pools.get(url);
    if (!p) {
      p = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 2000 });
      // An idle client losing its connection must not crash the process; the next query reports it.
      p.on('error', (error) => console.error(`postgres: ${error.message}`));
      pools.set(url, p);
    }
    return p;
  };
  const pg = options.postgres;
  const auditPool = pool(pg?.audit ?? pg?.connectionString);
  const file = (name: string) => (options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, name));
  /**
   * A store opened on first use, on its duty's PostgreSQL connection or an embedded SQLite file:
   * the gateway and inzage never read consent, only onderwijs keeps nazorg contacts, only the
   * monitor the programmes, so no other service holds a connection to them.
   */
  const geopend: { close(): Promise<void> }[] = [];
  const bijEersteGebruik = <S extends { close(): Promise<void> }>(url: string | undefined, postgres: (p: Pool) => S, sqlite: () => S, om: (s: S) => S = (x) => x) => {
    let store: S | undefined;
    return (): S => {
      if (store) return store;
      const p = pool(url ?? pg?.connectionString);
      store = om(p ? postgres(p) : sqlite());
      geopend.push(store);
      return store;
    };
  };
  const consent = bijEersteGebruik<ConsentStore>(pg?.consent, (p) => options.stores?.consent ?? new PostgresConsentStore(p, pg!.schema),
    () => options.stores?.consent ?? new SqliteConsentStore(file('toestemming.sqlite')), (s) => (options.consentBus ? new CachedConsentStore(s, options.consentBus) : s));
  const nazorg = bijEersteGebruik<NazorgStore>(pg?.nazorg, (p) => new PostgresNazorgStore(p, pg!.schema), () => new SqliteNazorgStore(file('nazorg.sqlite')));
  const programma = bijEersteGebruik<ProgrammaStore>(pg?.programma, (p) => new PostgresProgrammaStore(p, pg!.schema), () => new SqliteProgrammaStore(file('programma.sqlite')));
  const cijfers = bijEersteGebruik<CijferStore>(pg?.programma, (p) => new PostgresCijferStore(p, pg!.schema), () => new SqliteCijferStore(file('cijfers.sqlite')));
  const audit = options.stores?.audit ?? (auditPool ? new PostgresAuditStore(auditPool, pg!.schema) : new SqliteAuditStore(file('audit.sqlite')));
  const master = options.internalKeys ? options.internalKeys.master ?? null : generateMasterSecret();
  const devIssuer = options.oidc ? null : await DevIssuer.create(options.devIssuerFile ?? (options.dataDir === ':memory:' ? undefined : join(options.dataDir, 'dev-issuer.json')));
  const authenticate = createAuthenticator(options.oidc
    ? { jwks: createRemoteJWKSet(new URL(options.oidc.jwksUrl)), issuer: options.oidc.issuer, audience: options.oidc.audience, clock: options.clock }
    : { jwks: createLocalJWKSet(devIssuer!.jwks()), issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, clock: options.clock });
  return {
    register, categories, audit, authenticate, devIssuer,
    get consent() { return consent(); },
    get nazorg() { return nazorg(); },
    get programma() { return programma(); },
    get cijfers() { return cijfers(); },
    pseudonym: createPseudonymiser(options.pseudonymKey ?? persistentSecret(options.dataDir, 'pseudonym.key', () => randomBytes(32).toString('hex'))),
    internalMaster: master,
    subgraphKey: (name) => {
      const given = options.internalKeys?.forSubgraph?.[name];
      if (given) return Buffer.from(given, 'base64url');
      if (!master) throw new Error(`no internal context key for subgraph ${name}: set INTERNAL_CONTEXT_KEY`);
      return subgraphKey(master, name);
    },
    feitSleutels: (eigenaar) => {
      const given = options.internalKeys?.factKeys?.[eigenaar];
      if (given) return Object.fromEntries(Object.entries(given).map(([c, k]) => [c, Buffer.from(k, 'base64url')]));
      if (!master) throw new Error(`no fact signing keys for subgraph ${eigenaar}: set INTERNAL_FACT_KEYS`);
      return feitsleutelsVan(eigenaar, (c) => subgraphKey(master, c));
    },
    mode: options.mode ?? 'filter',
    async close() {
      for (const store of geopend) await store.close();
      // A consent bus whose store was never opened is closed here (the cached store closes its own).
      if (!geopend.some((x) => x instanceof CachedConsentStore)) await options.consentBus?.close();
      await audit.close();
      await Promise.all([...pools.values()].map((p) => p.end()));
    },
  };
}

/**
 * Seeds the population's consent once the store answers, without ever blocking a start: resolves
 * after the first attempt; when that fails (store down), keeps trying in the background with
 * backoff until it succeeds or `signal` aborts, so the system starts, reports not-ready and
 * answers personal-data requests with 503 until the store is back.
 */
export async function seedConsentWhenReachable(kit: SecurityKit, population: Population, log: (line: string) => void, signal: AbortSignal): Promise<void> {
  const seed = async () => {
    const seeded = await seedConsent(kit, population);
    if (seeded) log(`consent: ${seeded} records seeded for the synthetic population`);
  };
  await seed().catch((error) => {
    log(`consent: store not reachable at start (${(error as Error).message}); seeding when it is back`);
    retryWithBackoff(seed, { signal, maxMs: 5_000 }).catch(() => undefined);
  });
}

/** Writes the population's consent records once (an empty store only). */
export async function seedConsent(kit: SecurityKit, population: Population): Promise<number> {
  if ((await kit.consent.aantal()) > 0) return 0;
  const records = [...consentSeed(population, kit.register)];
  await kit.consent.geefAlle(records);
  return records.length;
}
