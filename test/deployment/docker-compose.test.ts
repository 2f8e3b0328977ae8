import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROLES } from '../../scripts/serve';
import { generateSecrets } from '../../scripts/keys';
import { checkedInSupergraph, SUBGRAPHS } from '../../schema/compose';
import { DevIssuer } from '../../gateway/auth/dev-issuer';
import { buildSecurity } from '../../system/security';
import { SIMULATOR_NAMES } from '../../simulators';
import { DEFAULT_ROLES } from '../../stores/postgres/ddl';
import { FEITEN } from '../../subgraphs/policy/feiten';
import { EXTRA_SOURCES, SOURCE_OF } from '../../system/services';
import { configFromEnv } from '../../system/config';

/** docker-compose.yml cannot run here (no Docker engine); this reads it and checks what it promises. */
const root = join(__dirname, '..', '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, any>; secrets: Record<string, { file: string }> };
const services = compose.services;
const DATA_SUBGRAPHS = SUBGRAPHS.map((s) => s.name).filter((n) => n !== 'inzage');
const secretsOf = (service: string): string[] => services[service].secrets ?? [];

describe('docker-compose.yml', () => {
  it('has a service per simulator, per subgraph, the gateway, the database set-up, Redis and PostgreSQL', () => {
    const expected = [...SIMULATOR_NAMES.map((s) => `sim-${s}`), ...SUBGRAPHS.map((s) => `subgraph-${s.name}`), 'gateway', 'db-init', 'seed-consent', 'audit-retention', 'redis', 'postgres'];
    expect(Object.keys(services).sort()).toEqual(expected.sort());
  });

  it('points every command at a script and service that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image) continue;
      expect(existsSync(join(root, service.build, 'Dockerfile'))).toBe(true);
      if (name === 'audit-retention') {
        expect(service.command.join(' ')).toMatch(/npx tsx scripts\/audit-purge\.ts/);
        expect(existsSync(join(root, 'scripts', 'audit-purge.ts'))).toBe(true);
        continue;
      }
      const [runner, tsx, script, role, target = ''] = service.command as string[];
      expect([runner, tsx]).toEqual(['npx', 'tsx']);
      expect(existsSync(join(root, script))).toBe(true);
      if (['db-init', 'seed-consent', 'audit-retention'].includes(name)) continue;
      expect(ROLES[role as keyof typeof ROLES]).toContain(target);
      expect(name).toBe(role === 'gateway' ? 'gateway' : `${role === 'simulator' ? 'sim' : 'subgraph'}-${target}`);
    }
  });

  it('wires each subgraph to its own source system and the gateway to every subgraph', () => {
    for (const { name } of SUBGRAPHS) {
      expect(services[`subgraph-${name}`].environment.SOURCE_URL).toBe(`http://sim-${SOURCE_OF[name]}:4000`);
      expect(services.gateway.environment[`SUBGRAPH_URL_${name.toUpperCase()}`]).toBe(`http://subgraph-${name}:4000/`);
    }
  });

  it('passes no secret as an environment value: every key, password and database URL comes from a secret file', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/SECRET|KEY|PASSWORD|DATABASE_URL/.test(key)) {
          expect([name, key, /_FILE$/.test(key) && String(value).startsWith('/run/secrets/')]).toEqual([name, key, true]);
          expect(secretsOf(name)).toContain(String(value).slice('/run/secrets/'.length));
        }
      }
    }
    // Every declared secret is one `npm run keys -- --dir secrets` writes.
    const generated = Object.keys(generateSecrets());
    for (const [name, secret] of Object.entries(compose.secrets)) {
      expect(secret.file).toBe(`./secrets/${name}`);
      expect(generated).toContain(name);
    }
  });

  it('gives the gateway the master secret and every subgraph only its own derived key (and fact keys only to their owners)', () => {
    expect(secretsOf('gateway')).toContain('internal_context_secret');
    for (const { name } of SUBGRAPHS) {
      const own = secretsOf(`subgraph-${name}`);
      expect(own).toContain(`internal_context_key_${name}`);
      expect(own.filter((s) => s.startsWith('internal_context'))).toEqual([`internal_context_key_${name}`]);
      const owns = FEITEN.some((f) => f.eigenaar === name);
      expect(own.includes(`internal_fact_keys_${name}`)).toBe(owns);
      expect(own.filter((s) => s.startsWith('internal_fact_keys')).length).toBe(owns ? 1 : 0);
    }
  });

  it('gives the pseudonym key only to the services that write or look up audit records', () => {
    const holders = Object.keys(services).filter((s) => secretsOf(s).includes('pseudonym_key')).sort();
    expect(holders).toEqual(['gateway', ...SUBGRAPHS.map((s) => `subgraph-${s.name}`)].sort());
  });

  it('connects every service with the role of its duty, never as the superuser, and PostgreSQL without trust', () => {
    const url = (service: string, kind: string) => services[service].environment[`${kind}_DATABASE_URL_FILE`]?.replace('/run/secrets/database_url_', '');
    for (const name of DATA_SUBGRAPHS) {
      // Only the consent service writes consent; every other data subgraph only reads it.
      const consent = name === 'toestemming' ? DEFAULT_ROLES.consentWriter : name === 'monitor' ? undefined : DEFAULT_ROLES.consentReader;
      expect([name, url(`subgraph-${name}`, 'AUDIT'), url(`subgraph-${name}`, 'CONSENT')]).toEqual([name, DEFAULT_ROLES.auditWriter, consent]);
    }
    expect([url('subgraph-inzage', 'AUDIT'), url('subgraph-inzage', 'CONSENT')]).toEqual([DEFAULT_ROLES.auditReader, undefined]);
    // Only onderwijs records nazorg contacts.
    expect(Object.keys(services).filter((s) => services[s].environment?.NAZORG_DATABASE_URL_FILE)).toEqual(['subgraph-onderwijs']);
    expect(url('subgraph-onderwijs', 'NAZORG')).toBe(DEFAULT_ROLES.nazorgWriter);
    // Only the monitor records the regional programmes.
    expect(Object.keys(services).filter((s) => services[s].environment?.PROGRAMMA_DATABASE_URL_FILE)).toEqual(['subgraph-monitor']);
    expect(url('subgraph-monitor', 'PROGRAMMA')).toBe(DEFAULT_ROLES.programmaWriter);
    expect(url('gateway', 'AUDIT')).toBe(DEFAULT_ROLES.auditWriter);
    const superuserHolders = Object.keys(services).filter((s) => secretsOf(s).includes('pg_superuser_password')).sort();
    expect(superuserHolders).toEqual(['db-init', 'postgres']);
    const pg = services.postgres.environment;
    expect(pg.POSTGRES_HOST_AUTH_METHOD).toBeUndefined();
    expect(pg.POSTGRES_PASSWORD_FILE).toBe('/run/secrets/pg_superuser_password');
    expect(pg.POSTGRES_INITDB_ARGS).toMatch(/--auth-host=scram-sha-256/);
    // The services start only after db-init created the roles and grants.
    for (const { name } of SUBGRAPHS) expect(services[`subgraph-${name}`].depends_on['db-init']).toEqual({ condition: 'service_completed_successfully' });
  });

  it('has restart policies, and healthchecks on what others wait for', () => {
    const oneShot = ['db-init', 'seed-consent'];
    for (const [name, service] of Object.entries(services)) expect([name, service.restart]).toEqual([name, oneShot.includes(name) ? 'no' : 'unless-stopped']);
    for (const [name, service] of Object.entries(services)) if (!oneShot.includes(name) && name !== 'audit-retention') expect([name, service.healthcheck?.test]).toEqual([name, expect.any(Array)]);
    expect(services['audit-retention'].environment.AUDIT_DATABASE_URL_FILE).toBe('/run/secrets/database_url_jf_audit_retention');
    // Everything waits for what it needs to be healthy, not merely started; consent is seeded before any subgraph starts.
    for (const { name } of SUBGRAPHS) {
      const deps = services[`subgraph-${name}`].depends_on;
      expect(deps[`sim-${SOURCE_OF[name]}`]).toEqual({ condition: 'service_healthy' });
      for (const extra of EXTRA_SOURCES[name] ?? []) {
        expect(deps[`sim-${extra}`]).toEqual({ condition: 'service_healthy' });
        expect(services[`subgraph-${name}`].environment[`SOURCE_URL_${extra.toUpperCase()}`]).toBe(`http://sim-${extra}:4000`);
      }
      expect(deps['seed-consent']).toEqual({ condition: 'service_completed_successfully' });
      expect(services.gateway.depends_on[`subgraph-${name}`]).toEqual({ condition: 'service_healthy' });
    }
    expect(services['seed-consent'].environment.CONSENT_DATABASE_URL_FILE).toBe('/run/secrets/database_url_jf_consent_writer');
  });

  it('only depends on services it declares', () => {
    for (const service of Object.values(services)) for (const dep of Object.keys(service.depends_on ?? {})) expect(services[dep]).toBeDefined();
  });
});

describe('docker-compose.mtls.yml', () => {
  const mtls = parse(readFileSync(join(root, 'docker-compose.mtls.yml'), 'utf8')) as { services: Record<string, any>; secrets: Record<string, { file: string }> };

  it('switches every subgraph to HTTPS with a client-certificate check and the gateway to https URLs with its own certificate', () => {
    for (const name of [...SUBGRAPHS.map((s) => `subgraph-${s.name}`), 'gateway']) {
      const env = mtls.services[name].environment;
      expect([name, env.TLS_KEY_FILE, env.TLS_CERT_FILE, env.TLS_CA_FILE].every((v) => typeof v === 'string' && (v.startsWith('/run/secrets/') || v === name))).toBe(true);
      for (const file of [env.TLS_KEY_FILE, env.TLS_CERT_FILE, env.TLS_CA_FILE]) expect(mtls.services[name].secrets).toContain(file.slice('/run/secrets/'.length));
    }
    for (const { name } of SUBGRAPHS) expect(mtls.services.gateway.environment[`SUBGRAPH_URL_${name.toUpperCase()}`]).toBe(`https://subgraph-${name}:4000/`);
    // The certificates are the files scripts/mtls-certs.sh writes.
    for (const secret of Object.values(mtls.secrets)) expect(secret.file).toMatch(/^\.\/secrets\/mtls\/(ca\.crt|gateway\.(key|crt)|subgraph-\w+\.(key|crt))$/);
  });
});

describe('a compose deployment is production-like', () => {
  it('runs every service with NODE_ENV=production, offers no demo sign-in, and trusts only the configured identity provider', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image) continue;
      expect([name, service.environment?.NODE_ENV]).toEqual([name, 'production']);
      expect([name, service.environment?.DEMO_AANMELDEN ?? null]).toEqual([name, null]);
      expect([name, service.environment?.DEV_ISSUER_FILE ?? null]).toEqual([name, null]);
      expect([name, secretsOf(name).filter((s) => /issuer/.test(s))]).toEqual([name, []]);
    }
    // The identity provider is required: compose refuses to start without it (${VAR:?message}).
    for (const key of ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL']) expect([key, services.gateway.environment[key]]).toEqual([key, expect.stringMatching(new RegExp(`^\\$\\{${key}:\\?.+\\}$`))]);
    expect(Object.keys(compose.secrets)).not.toContain('dev_issuer');
  });

  it('makes the gateway refuse to start in production without an identity provider, and refuse the demo sign-in there', () => {
    expect(() => configFromEnv({ NODE_ENV: 'production', DEMO_AANMELDEN: 'true' })).toThrow(/DEMO_AANMELDEN=true is refused with NODE_ENV=production/);
    expect(configFromEnv({ NODE_ENV: 'production' })).toMatchObject({ productie: true, demoAanmelden: false });
    expect(configFromEnv({})).toMatchObject({ productie: false, demoAanmelden: false });
    expect(readFileSync(join(root, 'scripts', 'serve.ts'), 'utf8')).toMatch(/config\.productie && !config\.security\?\.oidc\) throw/);
  });
});

describe('tokens for a demo outside compose', () => {
  it('are minted from the development issuer\'s key file, as `npm run token` does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jf-issuer-'));
    try {
      const file = join(dir, 'dev_issuer');
      writeFileSync(file, generateSecrets().dev_issuer);
      const token = await (await DevIssuer.create(file)).sign({ sub: 'fg-1', roles: ['fg'], org: 'GM0114' }); // what `npm run token` does
      const kit = await buildSecurity({ dataDir: ':memory:', devIssuerFile: file }, checkedInSupergraph());
      try {
        expect(await kit.authenticate(`Bearer ${token}`)).toMatchObject({ medewerker: 'fg-1', rollen: ['fg'], organisatie: 'GM0114' });
      } finally {
        await kit.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
