import { Kind, parse, type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';

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
  if (eigen) fields.push(veld(eigen, [directive('inaccessible'), categorie], `Who is involved, as ${subgraph} knows it. Internal: clients read Jongere.betrokkenen.`));
  else {
    for (const deel of Object.values(BETROKKENEN_DOMEINEN)) fields.push(veld(deel, [directive('external')]));
    const requires = Object.values(BETROKKENEN_DOMEINEN).map((d) => `${d} { ${SELECTIE} }`).join(' ');
    fields.push(veld('betrokkenen', [categorie, directive('requires', { fields: requires })],
      'Who supports this young person now, from every domain (a Verwijsindex-like overview, derived live, not a register). A domain that could not answer leaves its part out and reports an error.'));
  }
  return { ...doc, definitions: [...doc.definitions.map((d) => (d === jongere ? { ...jongere, fields } : d)), ...parse(SDL).definitions] };
}
