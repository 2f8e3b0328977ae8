import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROLES } from '../../scripts/serve';
import { SUBGRAPHS } from '../../schema/compose';
import { SIMULATOR_NAMES } from '../../simulators';
import { SOURCE_OF } from '../../system/services';

const root = join(__dirname, '..', '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, any> };
const services = compose.services;

describe('docker-compose.yml', () => {
  it('has a service per simulator, per subgraph, the gateway, Redis and PostgreSQL', () => {
    const expected = [...SIMULATOR_NAMES.map((s) => `sim-${s}`), ...SUBGRAPHS.map((s) => `subgraph-${s.name}`), 'gateway', 'redis', 'postgres'];
    expect(Object.keys(services).sort()).toEqual(expected.sort());
  });

  it('points every command at a script and service that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image) continue;
      expect(existsSync(join(root, service.build, 'Dockerfile'))).toBe(true);
      const [runner, tsx, script, role, target = ''] = service.command as string[];
      expect([runner, tsx]).toEqual(['npx', 'tsx']);
      expect(existsSync(join(root, script))).toBe(true);
      expect(ROLES[role as keyof typeof ROLES]).toContain(target);
      expect(name).toBe(role === 'gateway' ? 'gateway' : `${role === 'simulator' ? 'sim' : 'subgraph'}-${target}`);
    }
  });

  it('wires each subgraph to its own source system and the gateway to every subgraph', () => {
    for (const { name } of SUBGRAPHS) {
      if (name !== 'inzage') expect(services[`subgraph-${name}`].environment.SOURCE_URL).toBe(`http://sim-${SOURCE_OF[name]}:4000`);
      expect(services.gateway.environment[`SUBGRAPH_URL_${name.toUpperCase()}`]).toBe(`http://subgraph-${name}:4000/`);
    }
  });

  it('gives the gateway the master secret, every subgraph only its own derived key, and all of them PostgreSQL', () => {
    expect(services.gateway.environment.INTERNAL_CONTEXT_SECRET).toBe('${INTERNAL_CONTEXT_SECRET}');
    for (const { name } of SUBGRAPHS) {
      const env = services[`subgraph-${name}`].environment;
      expect([env.SUBGRAPH_NAME, env.INTERNAL_CONTEXT_KEY]).toEqual([name, `\${INTERNAL_CONTEXT_KEY_${name.toUpperCase()}}`]);
      expect(env.INTERNAL_CONTEXT_SECRET).toBeUndefined();
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
    }
  });

  it('only depends on services it declares', () => {
    for (const service of Object.values(services)) for (const dep of service.depends_on ?? []) expect(services[dep]).toBeDefined();
  });
});
