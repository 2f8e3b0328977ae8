import { SignJWT, generateKeyPair } from 'jose';
import { DEFAULT_AUDIENCE, DEV_ISSUER } from '../../gateway/auth/dev-issuer';
import { INTERNAL_CONTEXT_HEADER, createContextSigner, generateMasterSecret } from '../../lib/security/internal-context';
import { FEITEN, feitOndertekenaar } from '../../subgraphs/policy/feiten';
import { SHOWCASE_BSN } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { gql } from '../support/graphql';
import { startTestSystem, testClock, tokenFor } from '../support/system';

let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem({ population: { size: 300, seed: 2, peildatum: '2026-11-01' } }); }, 120_000);
afterAll(() => system?.stop());

const QUERY = `{ jongere(bsn: "${SHOWCASE_BSN}") { bsn } }`;
const loket = { role: 'jongerenloket', org: 'GM0518' };
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

async function ask(headers: Record<string, string>) {
  const { status, body } = await gql(system.gatewayUrl, QUERY, undefined, headers);
  return { status, code: body.errors?.[0]?.extensions?.code, body };
}
const withToken = (token: string, activity = 'jongerenloket-intake') => ({ authorization: `Bearer ${token}`, 'x-verwerkingsactiviteit': activity });

describe('authentication at the gateway', () => {
  it('refuses a request without a token with 401 UNAUTHENTICATED', async () => {
    expect(await ask({ 'x-verwerkingsactiviteit': 'jongerenloket-intake' })).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await ask({ authorization: 'Basic abc', 'x-verwerkingsactiviteit': 'jongerenloket-intake' })).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses an expired token with 401 TOKEN_EXPIRED, allowing only the bounded clock skew', async () => {
    const now = testClock().getTime();
    const expired = await tokenFor(system, loket, { ttlSeconds: 60, now: new Date(now - 120_000) });
    expect(await ask(withToken(expired))).toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
    const withinSkew = await tokenFor(system, loket, { ttlSeconds: 60, now: new Date(now - 80_000) });
    expect((await ask(withToken(withinSkew))).status).toBe(200);
  });

  it('refuses a token for another audience, from another key, or unsigned with 401 INVALID_TOKEN', async () => {
    const otherAudience = await tokenFor(system, loket, { audience: 'another-api' });
    expect(await ask(withToken(otherAudience))).toMatchObject({ status: 401, code: 'INVALID_TOKEN' });

    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ roles: ['jongerenloket'], org: 'GM0518' }).setProtectedHeader({ alg: 'ES256', kid: system.security!.devIssuer!.publicJwk.kid })
      .setSubject('x').setIssuer(DEV_ISSUER).setAudience(DEFAULT_AUDIENCE).setIssuedAt().setExpirationTime('1h').sign(privateKey);
    expect(await ask(withToken(forged))).toMatchObject({ status: 401, code: 'INVALID_TOKEN' });

    const exp = Math.floor(testClock().getTime() / 1000) + 3600;
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', roles: ['jongerenloket'], org: 'GM0518', iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE, exp })}.`;
    expect(await ask(withToken(unsigned))).toMatchObject({ status: 401, code: 'INVALID_TOKEN' });

    const valid = await tokenFor(system, loket);
    const [header, , signature] = valid.split('.');
    const tampered = `${header}.${b64({ sub: 'x', roles: ['fg'], iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE, exp })}.${signature}`;
    expect(await ask(withToken(tampered))).toMatchObject({ status: 401, code: 'INVALID_TOKEN' });
  });

  it('refuses a missing, unknown or superseded processing activity with 403', async () => {
    const token = await tokenFor(system, loket);
    expect(await ask({ authorization: `Bearer ${token}` })).toMatchObject({ status: 403, code: 'ACTIVITY_REQUIRED' });
    expect(await ask(withToken(token, 'schoenmaat-meting'))).toMatchObject({ status: 403, code: 'UNKNOWN_ACTIVITY' });
    expect(await ask(withToken(token, 'jongerenloket-intake@7'))).toMatchObject({ status: 403, code: 'UNKNOWN_ACTIVITY' });
    // versions 1 and 2 were superseded (by 2 on 2026-10-01, by 3 on 2026-11-01; policies/verwerkingsregister.yaml)
    expect(await ask(withToken(token, 'jongerenloket-intake@1'))).toMatchObject({ status: 403, code: 'UNKNOWN_ACTIVITY' });
    expect(await ask(withToken(token, 'jongerenloket-intake@2'))).toMatchObject({ status: 403, code: 'UNKNOWN_ACTIVITY' });
    expect((await ask(withToken(token, 'jongerenloket-intake@3'))).status).toBe(200);
  });

  it('refuses a role the activity does not allow with 403 ACTIVITY_NOT_ALLOWED', async () => {
    const token = await tokenFor(system, loket);
    expect(await ask(withToken(token, 'wmo-jeugd-toegang'))).toMatchObject({ status: 403, code: 'ACTIVITY_NOT_ALLOWED' });
    const noOrg = await tokenFor(system, { role: 'jongerenloket' });
    expect(await ask(withToken(noOrg))).toMatchObject({ status: 403, code: 'ACTIVITY_NOT_ALLOWED' });
  });

  it('never echoes the token or a stack trace', async () => {
    const token = await tokenFor(system, loket, { audience: 'another-api' });
    const { body } = await ask(withToken(token));
    expect(JSON.stringify(body)).not.toContain(token.slice(-20));
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at \w+ \(/);
  });
});

describe('subgraphs accept only the gateway', () => {
  const entities = { query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Jongere { bsn } } }', variables: { r: [{ __typename: 'Jongere', bsn: SHOWCASE_BSN }] } };
  const entitiesBody = JSON.stringify(entities);
  const post = (url: string, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: entitiesBody })
    .then(async (r) => ({ status: r.status, body: await r.json() as { errors?: { extensions?: { code?: string } }[] } }));
  const ctx = { medewerker: 'x', rol: 'jongere', organisatie: null, bsn: SHOWCASE_BSN, activiteit: 'inzage-betrokkene@2', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', deadline: Date.now() + 60_000 };

  it.each(['basis', 'onderwijs', 'doorstroom', 'participatie', 'zorg', 'inzage'] as const)('%s refuses a direct call without the gateway\'s context (401)', async (name) => {
    const r = await post(system.subgraphs[name].url);
    expect(r.status).toBe(401);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('GATEWAY_CONTEXT_REQUIRED');
  });

  it('reveals nobody out of scope through _entities, even with a valid context', async () => {
    const sign = createContextSigner(system.security!.internalMaster!);
    const person = system.population.byBsn(SHOWCASE_BSN)!;
    const elsewhere = system.population.regions.gemeenten().find((g) => g.code !== person.gemeenteCode)!.code;
    const consulent = { ...ctx, rol: 'wmo-jeugdconsulent', bsn: null, organisatie: elsewhere, activiteit: 'wmo-jeugd-toegang@2' };
    const ask = async (representation: Record<string, unknown>, organisatie = elsewhere) => {
      const body = JSON.stringify({ query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Jongere { zorgtoewijzingen { wet } } } }', variables: { r: [{ __typename: 'Jongere', bsn: SHOWCASE_BSN, ...representation }] } });
      const res = await fetch(system.subgraphs.zorg.url, { method: 'POST', headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: sign('zorg', { ...consulent, organisatie }, body) }, body });
      return await res.json() as { data: { _entities: { zorgtoewijzingen: unknown }[] }; errors?: { extensions?: { code?: string } }[] };
    };
    // Facts as basis and onderwijs sign them for zorg, bound to this person and this trace.
    const traceId = ctx.traceparent.split('-')[1];
    const sealed = (owner: string, veld: string, inhoud: unknown) => feitOndertekenaar(owner, system.security!.feitSleutels(owner)).teken(veld, SHOWCASE_BSN, traceId, inhoud);
    const beleid = { gemeente: person.gemeenteCode, geboortedatum: person.geboortedatum, status: 'BEKEND', bron: 'brp' };
    const onderwijs = { relaties: [], status: 'BEKEND', bron: 'duo' };
    const facts = {
      beleidskenmerken: { ...beleid, zegel: sealed('basis', 'beleidskenmerken', FEITEN[0].inhoud(beleid)) },
      onderwijskenmerken: { ...onderwijs, zegel: sealed('onderwijs', 'onderwijskenmerken', FEITEN[1].inhoud(onderwijs)) },
    };
    const outside = await ask(facts);
    expect(outside.data._entities[0].zorgtoewijzingen).toBeNull();
    expect(outside.errors?.[0]?.extensions?.code).toBe('OUT_OF_SCOPE');
    const inside = await ask(facts, person.gemeenteCode);
    expect(inside.errors).toBeUndefined();
    expect(inside.data._entities[0].zorgtoewijzingen).toEqual(expect.any(Array));
    // Facts that arrive unsigned, forged (a made-up municipality under a real seal) or sealed by the wrong owner are not trusted.
    const forged = [
      {},
      { beleidskenmerken: beleid, onderwijskenmerken: onderwijs },
      { ...facts, beleidskenmerken: { ...facts.beleidskenmerken, gemeente: elsewhere } },
      { ...facts, beleidskenmerken: { ...beleid, zegel: sealed('onderwijs', 'beleidskenmerken', FEITEN[0].inhoud(beleid)) } },
    ];
    for (const representation of forged) {
      const r = await ask(representation, elsewhere);
      expect(r.data._entities[0].zorgtoewijzingen).toBeNull();
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'SCOPE_UNVERIFIABLE', source: 'basis' });
    }
  });

  it('refuses a context signed for another subgraph, or by another key', async () => {
    const sign = createContextSigner(system.security!.internalMaster!);
    expect((await post(system.subgraphs.zorg.url, { [INTERNAL_CONTEXT_HEADER]: sign('basis', ctx, entitiesBody) })).status).toBe(401);
    const foreign = createContextSigner(generateMasterSecret());
    expect((await post(system.subgraphs.zorg.url, { [INTERNAL_CONTEXT_HEADER]: foreign('zorg', ctx, entitiesBody) })).status).toBe(401);
    expect((await post(system.subgraphs.zorg.url, { [INTERNAL_CONTEXT_HEADER]: sign('zorg', ctx, entitiesBody) })).status).toBe(200);
  });
});
