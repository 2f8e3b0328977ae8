import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startSystem } from '../system';
import { gql } from '../test/support/graphql';
import { printTable } from './table';

/** Disk used by the embedded audit log per 1,000 disclosures, measured on real caseload pages. */
export async function benchAuditDisk(pages = 3): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jf-audit-disk-'));
  const system = await startSystem({ ports: { gateway: 0 }, dataDir, log: () => {}, population: { size: 10_000 }, rateLimits: { perEmployee: 1e9, perOrganisation: 1e9 } });
  try {
    const token = await system.security!.devIssuer!.sign({ sub: 'bench', roles: ['doorstroomcoach'], org: 'GM0114' });
    const headers = { authorization: `Bearer ${token}`, 'x-verwerkingsactiviteit': 'doorstroompunt-begeleiding' };
    let na: string | null = null;
    for (let i = 0; i < pages; i++) {
      const { body } = await gql(system.gatewayUrl, 'query ($na: String) { jongeren(eerste: 1000, na: $na) { volgendeCursor jongeren { naam { volledigeNaam } startkwalificatie doorstroomstatus } } }', { na }, headers);
      na = body.data.jongeren.volgendeCursor;
    }
  } finally {
    await system.stop();
  }
  const file = join(dataDir, 'audit.sqlite');
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const records = (db.prepare('SELECT COUNT(*) AS n FROM logregel').get() as { n: number }).n;
  const people = (db.prepare('SELECT COUNT(DISTINCT trace_id || data_subject_id) AS n FROM logregel').get() as { n: number }).n;
  db.close();
  const bytes = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  rmSync(dataDir, { recursive: true, force: true });
  printTable('Embedded audit log (SQLite) after 1,000-person caseload pages (basis, onderwijs and doorstroom each log every person)', [{
    pages, 'disclosures (person x request)': people, 'records (person x subgraph)': records, 'MB on disk': (bytes / 1e6).toFixed(2),
    'KB per 1,000 disclosures': ((bytes / people) * 1000 / 1024).toFixed(0), 'bytes per record': Math.round(bytes / records),
  }]);
}
