import { buildASTSchema, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType, parse,
  type GraphQLField, type GraphQLInputType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { categoryMap } from '../../policies/categories';
import { loadRegister } from '../../policies/register';
import { SHOWCASE_BSN } from '../../population/generator';
import { checkedInSupergraph } from '../../schema/compose';
import type { RunningSystem } from '../../system';
import { buildSupergraphApiSdl } from '../support/supergraph-api';
import { gqlAs, startTestSystem, type Identity } from '../support/system';

/**
 * An exhaustive check that a BI analyst reads no person-level field: every root field of the graph
 * (queries and mutations), every argument filled, every field selected to the leaves; whatever
 * comes back non-null must be of a category the register marks as aggregate or public reference
 * data, never personal data.
 */
const sdl = checkedInSupergraph();
const schema: GraphQLSchema = buildASTSchema(parse(buildSupergraphApiSdl(sdl)), { assumeValidSDL: true });
const categories = categoryMap(sdl);
const register = loadRegister();
const toegestaan = new Set([...register.categorieen.values()].filter((c) => c.openbaar || c.id === 'aggregaat').map((c) => c.id));
const bi: Identity = { role: 'bi-analist', org: 'GM0518', activity: 'regionale-monitoring' };

/** A plausible value for every argument, by name and type (a BSN that exists, a published period, ...). */
function waarde(naam: string, type: GraphQLInputType): unknown {
  const t = isNonNullType(type) ? type.ofType : type;
  if (isListType(t)) return [waarde(naam, t.ofType as GraphQLInputType)];
  if (isEnumType(t)) return { __enum: t.getValues()[0].name };
  if (isInputObjectType(t)) return Object.fromEntries(Object.values(t.getFields()).map((f) => [f.name, waarde(f.name, f.type)]));
  const bekend: Record<string, unknown> = { bsn: SHOWCASE_BSN, periode: '2026-10', code: 'GM0518', regio: 'GM0518', geboortedatum: '2007-07-26', geslachtsnaam: 'Janssen',
    eerste: 2, leeftijdVanaf: 16, leeftijdTot: 26, activiteit: 'jongerenloket-intake', categorieen: 'betrokkenen', datum: '2026-10-01', geldigTot: '2027-01-01', indicatoren: 'jongeren', waarde: 'GM0518' };
  if (naam in bekend) return bekend[naam];
  if (isScalarType(t)) return t.name === 'Int' ? 1 : t.name === 'Boolean' ? true : 'x';
  return null;
}
const literal = (v: unknown): string => (Array.isArray(v) ? `[${v.map(literal).join(', ')}]`
  : v !== null && typeof v === 'object' && '__enum' in v ? String((v as { __enum: string }).__enum)
    : v !== null && typeof v === 'object' ? `{ ${Object.entries(v).map(([k, x]) => `${k}: ${literal(x)}`).join(', ')} }` : JSON.stringify(v));

function selectie(type: GraphQLObjectType, diepte: number, pad: Set<string>): string {
  const velden = Object.values(type.getFields()).map((f) => {
    const inner = getNamedType(f.type);
    const args = f.args.length ? `(${f.args.map((a) => `${a.name}: ${literal(waarde(a.name, a.type))}`).join(', ')})` : '';
    if (!isObjectType(inner)) return `${f.name}${args}`;
    if (diepte >= 3 || pad.has(inner.name)) return null;
    const sub = selectie(inner, diepte + 1, new Set([...pad, inner.name]));
    return sub ? `${f.name}${args} { ${sub} }` : null;
  }).filter(Boolean);
  return velden.join(' ');
}

/** Every non-null value in the answer, with the category of the field that holds it. */
function loop(type: GraphQLObjectType, waardeObj: Record<string, unknown>, geerfd: string | undefined, gevonden: (pad: string, categorie: string) => void, pad: string) {
  for (const [naam, v] of Object.entries(waardeObj)) {
    if (v === null || v === undefined) continue;
    const f: GraphQLField<unknown, unknown> = type.getFields()[naam];
    const categorie = categories.of(type.name, naam) ?? geerfd!;
    gevonden(`${pad}.${naam}`, categorie);
    const inner = getNamedType(f.type);
    if (isObjectType(inner)) for (const item of Array.isArray(v) ? v : [v]) if (item) loop(inner, item as Record<string, unknown>, categorie, gevonden, `${pad}.${naam}`);
  }
}

let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem({ population: { seed: 20260101, size: 2000, peildatum: '2026-11-01' } }); }, 120_000);
afterAll(() => system?.stop());

describe('a BI analyst reads only aggregates and public reference data', () => {
  for (const operatie of ['query', 'mutation'] as const) {
    const root = operatie === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
    for (const veld of Object.values(root.getFields())) {
      it(`${operatie} ${veld.name}: nothing personal comes back`, async () => {
        const args = veld.args.length ? `(${veld.args.map((a) => `${a.name}: ${literal(waarde(a.name, a.type))}`).join(', ')})` : '';
        const inner = getNamedType(veld.type);
        const sub = isObjectType(inner) ? ` { ${selectie(inner, 1, new Set([inner.name]))} }` : '';
        const { status, body } = await gqlAs(system, bi, `${operatie} { ${veld.name}${args}${sub} }`);
        expect([veld.name, status < 500]).toEqual([veld.name, true]);
        // The operation itself is valid: what is refused is refused by the policy, not by a typo here.
        expect([veld.name, (body.errors ?? []).map((e) => e.extensions?.code).filter((c) => c === 'GRAPHQL_VALIDATION_FAILED' || c === 'GRAPHQL_PARSE_FAILED')]).toEqual([veld.name, []]);
        const gezien: string[] = [];
        if (body.data) loop(root, body.data as Record<string, unknown>, undefined, (pad, categorie) => {
          expect([pad, categorie, toegestaan.has(categorie)]).toEqual([pad, categorie, true]);
          gezien.push(pad);
        }, operatie);
        // What the analyst may read (regions, periods, figures) really is read: the check is not empty by accident.
        if (['regio', 'regios', 'monitorPeriodes', 'monitorIndicatoren', 'monitorBescherming'].includes(veld.name)) expect(gezien.length).toBeGreaterThan(0);
        else expect([veld.name, body.data?.[veld.name] ?? null]).toEqual([veld.name, null]);
      });
    }
  }
});
