import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevIssuer } from '../../gateway/auth/dev-issuer';
import { createPseudonymiser } from '../../lib/security/pseudonym';
import { bsnForIndex } from '../../population/bsn-allocation';
import { SqliteAuditStore } from '../../stores/audit';
import { freePort } from '../../system/supervisor';
import { killGroup, startProcesses } from '../support/processes';

const FIELDS: Record<string, string> = { naam: 'basis', inschrijvingen: 'onderwijs', doorstroomtrajecten: 'doorstroom', reintegratietrajecten: 'participatie', zorgtoewijzingen: 'zorg' };
const QUERY = 'query ($bsn: String!) { jongere(bsn: $bsn) { naam { volledigeNaam } inschrijvingen { id } doorstroomtrajecten { id } reintegratietrajecten { id } zorgtoewijzingen { wet } } }';

/** `npm start`'s supervisor and its services, in a process group of their own. */
async function startChild(dataDir: string, port: number): Promise<ChildProcess> {
  return (await startProcesses({ PORT: String(port), DATA_DIR: dataDir, POPULATION_SIZE: '2000', PEILDATUM: '2026-11-01' })).child;
}

describe('durability of the audit log under a crash', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;
  beforeAll(() => { dataDir = mkdtempSync(join(tmpdir(), 'jf-crash-')); });
  afterAll(() => { if (child) killGroup(child); rmSync(dataDir, { recursive: true, force: true }); });

  it('has audit records for every response with personal data a client received before SIGKILL, after a restart', async () => {
    const port = await freePort();
    const issuer = await DevIssuer.create(join(dataDir, 'dev-issuer.json'));
    child = await startChild(dataDir, port);
    const url = `http://127.0.0.1:${port}/`;
    const received: { trace: string; bsn: string; services: string[] }[] = [];
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const bsn = bsnForIndex((n++ * 7919) % 2000);
        const token = await issuer.sign({ sub: 'load', roles: ['jongere'], bsn });
        try {
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-verwerkingsactiviteit': 'inzage-betrokkene' },
            body: JSON.stringify({ query: QUERY, variables: { bsn } }) });
          const body = await res.json() as { data?: { jongere?: Record<string, unknown> | null } };
          const j = body.data?.jongere;
          if (res.ok && j) received.push({ trace: res.headers.get('traceparent')!.split('-')[1], bsn, services: Object.keys(FIELDS).filter((f) => j[f] !== null && j[f] !== undefined).map((f) => FIELDS[f]) });
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    const until = Date.now() + 120_000;
    while (received.length < 150 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    // Every process at once, hard: supervisor, gateway, subgraphs (their audit writers) and simulators.
    killGroup(child);
    stop = true;
    await Promise.all(workers);
    expect(received.length).toBeGreaterThanOrEqual(150);

    child = await startChild(dataDir, port); // comes back on the same data
    const pseudonym = createPseudonymiser(readFileSync(join(dataDir, 'pseudonym.key'), 'utf8').trim());
    const audit = new SqliteAuditStore(join(dataDir, 'audit.sqlite'));
    const missing: string[] = [];
    for (const r of received) {
      const records = await audit.query({ traceId: r.trace }, 50);
      for (const service of r.services) {
        if (!records.some((x) => x.resource['service.name'] === service && x.attributes['dpl.core.data_subject_id'] === pseudonym(r.bsn))) missing.push(`${r.trace}/${service}`);
      }
    }
    await audit.close();
    expect(missing).toEqual([]);
    expect(received.flatMap((r) => r.services).length).toBeGreaterThan(received.length * 2);
  }, 180_000);
});
