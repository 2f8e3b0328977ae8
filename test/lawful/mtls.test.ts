import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:https';
import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { gqlAs, startTestSystem, zelf } from '../support/system';

/** Issue 6: mutual TLS between the gateway and the subgraphs, switched on by configuration. */
const dir = mkdtempSync(join(tmpdir(), 'jf-mtls-'));
execFileSync('bash', [join(__dirname, '..', '..', 'scripts', 'mtls-certs.sh'), dir, 'gateway', 'subgraph', 'intruder']);
const pair = (name: string) => ({ key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.crt`), 'utf8') });
const ca = readFileSync(join(dir, 'ca.crt'), 'utf8');

let system: RunningSystem;
beforeAll(async () => {
  system = await startTestSystem({ population: { size: 100, seed: 6, peildatum: '2026-11-01' }, tls: { ca, subgraph: pair('subgraph'), gateway: pair('gateway') } });
}, 120_000);
afterAll(async () => { await system?.stop(); rmSync(dir, { recursive: true, force: true }); });

/** A TLS handshake with the zorg subgraph, presenting `client` (or nothing); resolves with the HTTP status or the failure. */
function handshake(client?: { key: string; cert: string }, trust = ca): Promise<string> {
  const url = new URL(system.subgraphs.zorg.url);
  return new Promise((resolve) => {
    const req = request({ host: url.hostname, port: url.port, path: '/', method: 'POST', ca: trust, ...client, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(`HTTP ${res.statusCode}`);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(`refused: ${error.code ?? error.message}`));
    req.end('{"query":"{ __typename }"}');
  });
}

describe('mutual TLS between gateway and subgraphs', () => {
  it('serves the integral view through https subgraphs', async () => {
    expect(system.subgraphs.zorg.url).toMatch(/^https:/);
    const { body } = await gqlAs(system, zelf(SHOWCASE_BSN), `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } zorgtoewijzingen { wet } heeftUitkering } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.jongere.zorgtoewijzingen.length).toBeGreaterThan(0);
  });

  it('refuses a client without a certificate at the handshake; one from the same CA still needs the gateway context', async () => {
    expect(await handshake()).toMatch(/^refused/);
    // A certificate from the deployment's CA passes TLS, but the subgraph still wants a gateway context (401).
    expect(await handshake(pair('intruder'))).toBe('HTTP 401');
  });
});
