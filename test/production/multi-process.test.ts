import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevIssuer } from '../../gateway/auth/dev-issuer';
import { heeftToestemming } from '../../population/consent';
import { Population, SHOWCASE_BSN } from '../../population/generator';
import { freePort } from '../../system/supervisor';
import { SIMULATOR_NAMES } from '../../simulators';
import { SUBGRAPHS } from '../../schema/compose';
import { gql } from '../support/graphql';
import { alive, childPids, killGroup, startProcesses } from '../support/processes';

/** Issue 7: the services as separate processes, as a container platform runs them. */
const dataDir = mkdtempSync(join(tmpdir(), 'jf-multi-'));
const PEILDATUM = '2026-11-01';
let child: ChildProcess;
let url: string;
let issuer: DevIssuer;
const population = new Population({ size: 2000, seed: 20260101, peildatum: PEILDATUM });

beforeAll(async () => {
  const port = await freePort();
  ({ child } = await startProcesses({ DATA_DIR: dataDir, PORT: String(port), POPULATION_SIZE: '2000', PEILDATUM }));
  url = `http://127.0.0.1:${port}/`;
  issuer = await DevIssuer.create(join(dataDir, 'dev-issuer.json'));
}, 200_000);
afterAll(() => { if (child && alive(child.pid!)) killGroup(child); rmSync(dataDir, { recursive: true, force: true }); });

const as = async (claims: { roles: string[]; org?: string; bsn?: string; sub?: string }, activity: string) =>
  ({ authorization: `Bearer ${await issuer.sign({ sub: claims.sub ?? 'mp-test', ...claims })}`, 'x-verwerkingsactiviteit': activity });

describe('separate processes (npm start)', () => {
  it('serves the integral view through processes of their own', async () => {
    const { body } = await gql(url, `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { volledigeNaam } inschrijvingen { id } doorstroomtrajecten { id } uitkering { soort } zorgtoewijzingen { wet } } }`,
      undefined, await as({ roles: ['jongere'], bsn: SHOWCASE_BSN }, 'inzage-betrokkene'));
    expect(body.errors).toBeUndefined();
    const j = body.data.jongere;
    expect([j.naam.volledigeNaam, j.inschrijvingen.length > 0, j.doorstroomtrajecten.length > 0, j.uitkering !== null, j.zorgtoewijzingen.length > 0])
      .toEqual([expect.any(String), true, true, true, true]);
  });

  it('honours consent seeded by its own command: a consent-gated field has a value with consent and NO_CONSENT without', async () => {
    const org = 'GM0114';
    const candidates = [...population.persons()].filter((p) => p.gemeenteCode === org && !p.overlijdensdatum && p.geboortedatum <= '2010-11-01' && p.geboortedatum > '1999-11-01');
    const withConsent = candidates.find((p) => heeftToestemming(p, 'jongerenloket-intake'))!;
    const without = candidates.find((p) => !heeftToestemming(p, 'jongerenloket-intake'))!;
    const headers = await as({ roles: ['jongerenloket'], org }, 'jongerenloket-intake');
    const q = (bsn: string) => `{ jongere(bsn: "${bsn}") { heeftZorgtoewijzing } }`;
    const yes = await gql(url, q(withConsent.bsn), undefined, headers);
    expect([yes.body.errors, typeof yes.body.data.jongere.heeftZorgtoewijzing]).toEqual([undefined, 'boolean']);
    const no = await gql(url, q(without.bsn), undefined, headers);
    expect([no.body.data.jongere.heeftZorgtoewijzing, no.body.errors?.[0]?.extensions?.code]).toEqual([null, 'NO_CONSENT']);
  });

  it('writes the audit log from every process, readable by the privacy officer', async () => {
    const org = population.byBsn(SHOWCASE_BSN)!.gemeenteCode;
    await gql(url, `{ jongere(bsn: "${SHOWCASE_BSN}") { naam { voornamen } uitkering { soort } } }`, undefined, await as({ roles: ['jongerenloket'], org, sub: 'mp-loket' }, 'jongerenloket-intake'));
    const { body } = await gql(url, `{ logboek(filter: { bsn: "${SHOWCASE_BSN}" }, eerste: 100) { dienst medewerker } }`, undefined, await as({ roles: ['fg'], org }, 'toezicht-fg'));
    expect(body.errors).toBeUndefined();
    const mine = body.data.logboek.filter((r: { medewerker: string }) => r.medewerker === 'mp-loket').map((r: { dienst: string }) => r.dienst);
    expect(new Set(mine)).toEqual(new Set(['basis', 'participatie']));
  });

  it('stops on SIGTERM: a request in flight is answered, every service exits, none is left running', async () => {
    const services = childPids(child.pid!);
    expect(services.length).toBe(SIMULATOR_NAMES.length + SUBGRAPHS.length + 1); // every simulator and subgraph, and the gateway
    const headers = await as({ roles: ['doorstroomcoach'], org: 'GM0114' }, 'doorstroompunt-begeleiding');
    const inFlight = gql(url, '{ jongeren(eerste: 1000) { totaal jongeren { naam { volledigeNaam } startkwalificatie doorstroomstatus } } }', undefined, headers);
    await new Promise((r) => setTimeout(r, 100));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const { status, body } = await inFlight;
    expect(status).toBe(200);
    expect(body.data.jongeren.totaal).toBeGreaterThan(0);
    expect(await exited).toBe(0);
    expect(services.filter(alive)).toEqual([]);
  }, 60_000);
});
