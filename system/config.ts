import { ADAPTERS, valideerKeuze } from '../adapters/registry';
import { ENFORCEMENT_MODES, type EnforcementMode } from '../gateway/policy/enforce';
import { readFileSync } from 'node:fs';
import { isoDate } from '../lib/domain/dates';
import type { SystemOptions } from './index';

/**
 * Reads the embedded system's configuration from environment variables, validating each.
 * Every variable is optional; see the README's configuration table.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env, today = new Date()): SystemOptions {
  const int = (name: string, min: number, max: number): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`${name} must be an integer from ${min} to ${max}; received "${raw}"`);
    }
    return value;
  };
  /** A secret from `NAME`, or from the file `NAME_FILE` names (compose secrets, Kubernetes secret volumes). */
  const secret = (name: string): string | undefined => {
    if (env[name]) return env[name];
    const file = env[`${name}_FILE`];
    if (!file) return undefined;
    try {
      return readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new RangeError(`${name}_FILE names a file that cannot be read (${(error as NodeJS.ErrnoException).code}): ${file}`);
    }
  };
  const peildatum = env.PEILDATUM || isoDate(today);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(peildatum)) throw new RangeError(`PEILDATUM must be an ISO date (yyyy-mm-dd); received "${peildatum}"`);
  const mode = (env.ENFORCEMENT_MODE || 'filter') as EnforcementMode;
  if (!ENFORCEMENT_MODES.includes(mode)) throw new RangeError(`ENFORCEMENT_MODE must be one of ${ENFORCEMENT_MODES.join(', ')}; received "${mode}"`);
  const oidc = env.OIDC_ISSUER || env.OIDC_JWKS_URL || env.OIDC_AUDIENCE;
  if (oidc && !(env.OIDC_ISSUER && env.OIDC_JWKS_URL && env.OIDC_AUDIENCE)) {
    throw new RangeError('OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL go together; set all three or none');
  }
  const bool = (name: string): boolean | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    if (raw !== 'true' && raw !== 'false') throw new RangeError(`${name} must be true or false; received "${raw}"`);
    return raw === 'true';
  };
  // Which shipped adapter serves each source system: ADAPTER_BRP, ADAPTER_PARTICIPATIE, ... (adapters/registry.ts).
  const adapters = valideerKeuze(Object.fromEntries(Object.keys(ADAPTERS).flatMap((s) => (env[`ADAPTER_${s.toUpperCase()}`] ? [[s, env[`ADAPTER_${s.toUpperCase()}`]!]] : []))));
  const productie = env.NODE_ENV === 'production';
  const demoAanmelden = bool('DEMO_AANMELDEN') ?? false;
  if (productie && demoAanmelden) throw new RangeError('DEMO_AANMELDEN=true is refused with NODE_ENV=production: demo identities are for the local demo only');
  return {
    limits: {
      maxDepth: int('MAX_QUERY_DEPTH', 1, 100), maxAliases: int('MAX_QUERY_ALIASES', 1, 10_000), maxDirectives: int('MAX_QUERY_DIRECTIVES', 1, 10_000),
      maxTokens: int('MAX_QUERY_TOKENS', 1, 1_000_000), maxCost: int('MAX_QUERY_COST', 1, 1_000_000_000),
      maxResponseBytes: int('MAX_RESPONSE_BYTES', 1024, 1024 ** 3), introspection: bool('INTROSPECTION'),
    },
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 100, 600_000),
    redisUrl: env.REDIS_URL || undefined,
    corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : undefined,
    monitor: { drempel: int('MONITOR_DREMPEL', 1, 1000), celsleutel: secret('MONITOR_CELSLEUTEL') },
    simulators: { brpAutorisaties: env.BRP_AUTORISATIES || undefined },
    demoAanmelden,
    productie,
    loketOidc: env.LOKET_OIDC_CLIENT_ID && env.OIDC_ISSUER ? { issuer: env.OIDC_ISSUER, clientId: env.LOKET_OIDC_CLIENT_ID, scope: env.LOKET_OIDC_SCOPE || undefined } : undefined,
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 0, 600_000),
    rateLimits: { perEmployee: int('RATE_LIMIT_EMPLOYEE', 1, 1e9), perOrganisation: int('RATE_LIMIT_ORGANISATION', 1, 1e9), windowSeconds: int('RATE_LIMIT_WINDOW_SECONDS', 1, 86_400) },
    security: {
      mode,
      postgres: secret('DATABASE_URL') || secret('AUDIT_DATABASE_URL') || secret('CONSENT_DATABASE_URL') || secret('NAZORG_DATABASE_URL') || secret('PROGRAMMA_DATABASE_URL') ? {
        connectionString: secret('DATABASE_URL'), audit: secret('AUDIT_DATABASE_URL'), consent: secret('CONSENT_DATABASE_URL'), nazorg: secret('NAZORG_DATABASE_URL'), programma: secret('PROGRAMMA_DATABASE_URL'), schema: env.DATABASE_SCHEMA || 'public',
      } : undefined,
      oidc: oidc ? { issuer: env.OIDC_ISSUER!, audience: env.OIDC_AUDIENCE!, jwksUrl: env.OIDC_JWKS_URL! } : undefined,
      pseudonymKey: secret('PSEUDONYM_KEY'),
      devIssuerFile: env.DEV_ISSUER_FILE || undefined,
      internalKeys: secret('INTERNAL_CONTEXT_SECRET') || secret('INTERNAL_CONTEXT_KEY') ? {
        master: secret('INTERNAL_CONTEXT_SECRET'),
        forSubgraph: secret('INTERNAL_CONTEXT_KEY') && env.SUBGRAPH_NAME ? { [env.SUBGRAPH_NAME]: secret('INTERNAL_CONTEXT_KEY')! } : undefined,
        factKeys: secret('INTERNAL_FACT_KEYS') && env.SUBGRAPH_NAME ? { [env.SUBGRAPH_NAME]: parseFactKeys(secret('INTERNAL_FACT_KEYS')!) } : undefined,
      } : undefined,
    },
    population: { size: int('POPULATION_SIZE', 0, 2_900_000), seed: int('POPULATION_SEED', 0, 2 ** 31 - 1), peildatum },
    ports: { gateway: int('PORT', 0, 65535) ?? 4000 },
    dataDir: env.DATA_DIR || 'data',
    sourceTimeoutMs: int('SOURCE_TIMEOUT_MS', 1, 600_000),
    startTimeoutMs: int('START_TIMEOUT_MS', 1_000, 3_600_000),
    ...(Object.keys(adapters).length ? { adapters } : {}),
  };
}

/** `INTERNAL_FACT_KEYS` of a fact-owning subgraph, as `npm run keys` and `npm start` write it. */
export function formatFactKeys(keys: Record<string, Uint8Array>): string {
  return Object.entries(keys).map(([c, k]) => `${c}:${Buffer.from(k).toString('base64url')}`).join(',');
}

/** `INTERNAL_FACT_KEYS` of a fact-owning subgraph: `consumer:key,consumer:key` (from `npm run keys`). */
export function parseFactKeys(text: string): Record<string, string> {
  const entries = text.split(',').map((pair) => pair.trim().split(':'));
  if (entries.some((e) => e.length !== 2 || !/^[a-z]+$/.test(e[0]) || !e[1])) throw new RangeError('INTERNAL_FACT_KEYS must be "consumer:key,consumer:key" (npm run keys)');
  return Object.fromEntries(entries);
}
