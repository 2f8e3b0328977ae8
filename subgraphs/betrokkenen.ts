import { Kind, parse, type ConstDirectiveNode, type ConstValueNode, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';

/**
 * Who is involved with a young person (`Jongere.betrokkenen`), derived live from the domains:
 * each domain subgraph contributes what it knows as an internal field (`betrokkenen<Domein>`,
 * checked there under category `betrokkenen` like any of its fields), and the toestemming
 * subgraph joins them through `@requires`. This module is the one home of the type and of
 * which subgraph contributes which part; the schemas get them generated.
 */
export const BETROKKENEN_DOMEINEN = { onderwijs: 'betrokkenenOnderwijs', doorstroom: 'betrokkenenDoorstroom', participatie: 'betrokkenenParticipatie', zorg: 'betrokkenenZorg' } as const;
export type BetrokkenenDomein = keyof typeof BETROKKENEN_DOMEINEN;
export const BETROKKENEN_SAMENVOEGER = 'toestemming';

export type BetrokkeneRol = 'DOORSTROOMCOACH' | 'LEERPLICHTAMBTENAAR' | 'WERKCOACH' | 'SCHOOL' | 'NAZORG' | 'ZORGAANBIEDER';
export interface Betrokkene {
  rol: BetrokkeneRol;
  domein: BetrokkenenDomein;
  /** The organisation; null where the activity may only know that someone is involved (care without care details). */
  organisatie: string | null;
  /** The professional, where the source names one. */
  naam: string | null;
  /** ISO date since when; null where it would reveal more than the activity grants. */
  sinds: string | null;
  /** How to reach them. */
  contact: string | null;
}

type Bron = `Jongere.${string}=${string}`;
/**
 * Where each kind of line comes from, and where its attributes come from when they reveal more
 * than the line itself: the declaration the enforcement decides every line and attribute by
 * (`@afgeleid(wijze: PER_REGEL)`), exactly as it decides the source field. That a care provider
 * is involved is care data; who, since when and how to reach them are care details. A
 * department named after the municipality tells where the person lives.
 */
export const REGELS: Record<BetrokkeneRol, { domein: BetrokkenenDomein; bron: Bron; attributen?: Partial<Record<'organisatie' | 'naam' | 'sinds' | 'contact', Bron>> }> = {
  DOORSTROOMCOACH: { domein: 'doorstroom', bron: 'Jongere.doorstroomcoach=doorstroom.dossier' },
  LEERPLICHTAMBTENAAR: { domein: 'doorstroom', bron: 'Jongere.verzuimmeldingen=verzuim', attributen: { organisatie: 'Jongere.gemeente=woonadres', contact: 'Jongere.gemeente=woonadres' } },
  WERKCOACH: { domein: 'participatie', bron: 'Jongere.reintegratietrajecten=participatie.traject', attributen: { organisatie: 'Jongere.gemeente=woonadres', contact: 'Jongere.gemeente=woonadres' } },
  SCHOOL: { domein: 'onderwijs', bron: 'Jongere.inschrijvingen=onderwijs.inschrijving' },
  NAZORG: { domein: 'onderwijs', bron: 'Jongere.diplomas=onderwijs.resultaat' },
  ZORGAANBIEDER: { domein: 'zorg', bron: 'Jongere.heeftZorgtoewijzing=zorg.indicatie',
    attributen: { organisatie: 'Jongere.zorgtoewijzingen=zorg.detail', sinds: 'Jongere.zorgtoewijzingen=zorg.detail', contact: 'Jongere.zorgtoewijzingen=zorg.detail' } },
};

/** The `@afgeleid` declaration of the lines of some domains (all of them for the joined field). */
function afleiding(domeinen: readonly BetrokkenenDomein[]): ConstDirectiveNode {
  const soorten = (Object.entries(REGELS) as [BetrokkeneRol, (typeof REGELS)[BetrokkeneRol]][]).filter(([, r]) => domeinen.includes(r.domein));
  const bronnen = [...new Set(soorten.flatMap(([, r]) => [r.bron, ...Object.values(r.attributen ?? {})]))];
  const veld = (b: string) => b.split('=')[0];
  const regels = soorten.flatMap(([soort, r]) => [`${soort}=${veld(r.bron)}`, ...Object.entries(r.attributen ?? {}).map(([a, b]) => `${soort}.${a}=${veld(b!)}`)]);
  const lijst = (values: string[]): ConstValueNode => ({ kind: Kind.LIST, values: values.map((v) => ({ kind: Kind.STRING, value: v }) as ConstValueNode) });
  return {
    kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: 'afgeleid' },
    arguments: [
      { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'bronnen' }, value: lijst(bronnen) },
      { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'wijze' }, value: { kind: Kind.STRING, value: 'PER_REGEL' } },
      { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'regels' }, value: lijst(regels) },
      { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'soortVeld' }, value: { kind: Kind.STRING, value: 'rol' } },
    ],
  };
}

const SELECTIE = 'rol domein organisatie naam sinds contact';
const SDL = `
"An organisation or professional supporting the young person now, as one domain knows it."
type Betrokkene @shareable {
  rol: BetrokkeneRol!
  "onderwijs, doorstroom, participatie or zorg."
  domein: String!
  "Null where the activity may only know that someone is involved (care without care details)."
  organisatie: String
  naam: String
  "ISO date since when; null where it would reveal more than the activity grants."
  sinds: String
  "How to reach them."
  contact: String
}
enum BetrokkeneRol { DOORSTROOMCOACH LEERPLICHTAMBTENAAR WERKCOACH SCHOOL NAZORG ZORGAANBIEDER }`;

const directive = (name: string, args: Record<string, string> = {}): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: name },
  arguments: Object.entries(args).map(([k, v]) => ({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: k }, value: { kind: Kind.STRING, value: v } })),
});
const lijst = (): FieldDefinitionNode['type'] => ({ kind: Kind.LIST_TYPE, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Betrokkene' } } } });
const veld = (name: string, directives: ConstDirectiveNode[], description?: string): FieldDefinitionNode => ({
  kind: Kind.FIELD_DEFINITION, name: { kind: Kind.NAME, value: name }, type: lijst(), directives,
  ...(description ? { description: { kind: Kind.STRING, value: description } } : {}),
});

/** Adds the domain's internal part, or (in the joining subgraph) the joined field, and the type. */
export function metBetrokkenen(subgraph: string, doc: DocumentNode): DocumentNode {
  const jongere = doc.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Jongere');
  const eigen = BETROKKENEN_DOMEINEN[subgraph as BetrokkenenDomein];
  if (!jongere || (!eigen && subgraph !== BETROKKENEN_SAMENVOEGER)) return doc;
  const categorie = directive('gegevenscategorie', { id: 'betrokkenen' });
  const fields = [...(jongere.fields ?? [])];
  // Each domain's part already leaves out what the activity may not see; the joined field decides again and says what it withheld.
  if (eigen) fields.push(veld(eigen, [directive('inaccessible'), categorie, afleiding([subgraph as BetrokkenenDomein])], `Who is involved, as ${subgraph} knows it. Internal: clients read Jongere.betrokkenen.`));
  else {
    for (const deel of Object.values(BETROKKENEN_DOMEINEN)) fields.push(veld(deel, [directive('external')]));
    const requires = Object.values(BETROKKENEN_DOMEINEN).map((d) => `${d} { ${SELECTIE} }`).join(' ');
    fields.push(veld('betrokkenen', [categorie, directive('requires', { fields: requires }), afleiding(Object.keys(BETROKKENEN_DOMEINEN) as BetrokkenenDomein[])],
      'Who supports this young person now, from every domain (a Verwijsindex-like overview, derived live, not a register). Each line, and each attribute, is shown only where its source would be: what is withheld is reported as an error at this field, whether or not such a line exists. A domain that could not answer leaves its part out and reports an error.'));
  }
  return { ...doc, definitions: [...doc.definitions.map((d) => (d === jongere ? { ...jongere, fields } : d)), ...parse(SDL).definitions] };
}
