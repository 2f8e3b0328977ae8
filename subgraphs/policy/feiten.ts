import { createHmac, timingSafeEqual } from 'node:crypto';
import { Kind, parse, print, type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';

/**
 * The policy facts: what a subgraph's rules must know about a person from a domain it does not
 * own (residence and birth date from the BRP, schools from DUO). This module is their one home:
 * it generates each subgraph's fact fields, types and `@requires` selections, and signs and
 * verifies the facts as they travel through the graph. A fact is signed by the subgraph that
 * owns it, for each consuming subgraph with a key only that pair shares, bound to the person,
 * the trace and a short expiry; unsigned or foreign facts are never trusted.
 */
export interface Feit {
  /** The internal field on Jongere. */
  veld: 'beleidskenmerken' | 'onderwijskenmerken';
  type: string;
  /** The subgraph that owns and signs it. */
  eigenaar: string;
  /** The selection a consumer `@requires` (besides `status` and `zegel`). */
  selectie: string;
  /** The fact's types, for every subgraph that owns or consumes it. */
  sdl: string;
  /** The signed content in a fixed shape and order (what the owner signs is what the consumer checks). */
  inhoud(value: any): unknown;
}

export const FEITEN: readonly Feit[] = [
  {
    veld: 'beleidskenmerken', type: 'Beleidskenmerken', eigenaar: 'basis', selectie: 'gemeente geboortedatum',
    sdl: `"Policy facts from the BRP (residence, birth date), signed by basis. Internal: not for clients."
type Beleidskenmerken @inaccessible @shareable { gemeente: String geboortedatum: String status: String! bron: String! zegel: String! }`,
    inhoud: (v) => [v?.gemeente ?? null, v?.geboortedatum ?? null, v?.status ?? null, v?.bron ?? null],
  },
  {
    veld: 'onderwijskenmerken', type: 'Onderwijskenmerken', eigenaar: 'onderwijs', selectie: 'relaties { brin ingeschreven diplomadatum uitschrijfdatum }',
    sdl: `"The person's schools, signed by onderwijs, for rules on own students and the nazorg window. Internal: not for clients."
type Onderwijskenmerken @inaccessible @shareable { relaties: [Onderwijsrelatie!]! status: String! bron: String! zegel: String! }
type Onderwijsrelatie @inaccessible @shareable { brin: String! ingeschreven: Boolean! diplomadatum: String uitschrijfdatum: String }`,
    inhoud: (v) => [(v?.relaties ?? []).map((r: any) => [r.brin, r.ingeschreven, r.diplomadatum ?? null, r.uitschrijfdatum ?? null]), v?.status ?? null, v?.bron ?? null],
  },
];

/** Subgraphs with Jongere fields that consume facts (every fact they do not own). */
export const CONSUMENTEN = ['basis', 'onderwijs', 'doorstroom', 'participatie', 'zorg', 'toestemming'] as const;

/** BEKEND: the owner knows the person; ONBEKEND: it does not; BRON_ONBEREIKBAAR: its source failed. */
export type FeitStatus = 'BEKEND' | 'ONBEKEND' | 'BRON_ONBEREIKBAAR';

const directive = (name: string, fields?: string): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: name },
  arguments: fields === undefined ? [] : [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'fields' }, value: { kind: Kind.STRING, value: fields } }],
});

/**
 * Adds the facts to one subgraph's schema: the facts it owns as `@inaccessible` fields, the
 * others as `@external`, their types, and on every personal Jongere field the `@requires`
 * selection of the facts it consumes.
 */
export function metFeiten(subgraph: string, doc: DocumentNode): DocumentNode {
  const jongere = doc.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Jongere');
  if (!jongere) return doc;
  const geconsumeerd = FEITEN.filter((f) => f.eigenaar !== subgraph);
  const requires = geconsumeerd.map((f) => `${f.veld} { ${f.selectie} status bron zegel }`).join(' ');
  const fields: FieldDefinitionNode[] = (jongere.fields ?? []).map((field) => {
    const personal = field.name.value !== 'bsn' && field.directives?.some((d) => d.name.value === 'gegevenscategorie');
    if (!personal || !requires) return field;
    // A field that already @requires data of other domains gets the facts added to its selection.
    const own = field.directives?.find((d) => d.name.value === 'requires');
    const ownFields = own?.arguments?.[0]?.value.kind === Kind.STRING ? `${own.arguments[0].value.value} ` : '';
    return { ...field, directives: [...(field.directives ?? []).filter((d) => d !== own), directive('requires', ownFields + requires)] };
  });
  for (const f of FEITEN) {
    fields.push({
      kind: Kind.FIELD_DEFINITION, name: { kind: Kind.NAME, value: f.veld },
      type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: f.type } },
      directives: [directive(f.eigenaar === subgraph ? 'inaccessible' : 'external')],
    });
  }
  const types = FEITEN.flatMap((f) => parse(f.sdl).definitions);
  return { ...doc, definitions: [...doc.definitions.map((d) => (d === jongere ? { ...jongere, fields } : d)), ...types] };
}

export function printMetFeiten(subgraph: string, doc: DocumentNode): string {
  return print(metFeiten(subgraph, doc));
}

/** The key an owner signs facts with for one consumer; the consumer derives it from its own context key. */
export function feitsleutel(consumentSleutel: Uint8Array, eigenaar: string): Buffer {
  return createHmac('sha256', consumentSleutel).update(`feiten:${eigenaar}`).digest();
}

/**
 * The keys an owner signs its facts with, one per consuming subgraph, derived from each
 * consumer's own context key (`contextKey(consumer)`).
 */
export function feitsleutelsVan(eigenaar: string, contextKey: (subgraph: string) => Uint8Array): Record<string, Buffer> {
  return Object.fromEntries(CONSUMENTEN.filter((c) => c !== eigenaar).map((c) => [c, feitsleutel(contextKey(c), eigenaar)]));
}

/** Signs the facts an owner returns: one MAC per consumer, bound to person, trace and expiry. */
export interface FeitOndertekenaar {
  teken(veld: string, bsn: string, traceId: string, inhoud: unknown): string;
}
/** Checks a fact a consumer received. */
export interface FeitControleur {
  controleer(veld: string, bsn: string, traceId: string, inhoud: unknown, zegel: string | null | undefined): 'GELDIG' | 'ONGETEKEND' | 'ONGELDIG' | 'VERLOPEN';
}

/** How long a signed fact is valid: one request's life, at most. */
const GELDIGHEID_MS = 60_000;

function bericht(eigenaar: string, veld: string, bsn: string, traceId: string, exp: number, inhoud: unknown): string {
  return JSON.stringify([eigenaar, veld, bsn, traceId, exp, inhoud]);
}

/** `keys`: consumer name → the key shared with it (feitsleutel). */
export function feitOndertekenaar(eigenaar: string, keys: Record<string, Uint8Array>, now: () => number = Date.now): FeitOndertekenaar {
  const entries = Object.entries(keys);
  return {
    teken(veld, bsn, traceId, inhoud) {
      const exp = now() + GELDIGHEID_MS;
      const text = bericht(eigenaar, veld, bsn, traceId, exp, inhoud);
      return `${exp}.${entries.map(([consument, key]) => `${consument}:${createHmac('sha256', key).update(text).digest('base64url')}`).join(',')}`;
    },
  };
}

/** `keys`: owner name → the key it shares with this consumer. */
export function feitControleur(consument: string, keys: Record<string, Uint8Array>, now: () => number = Date.now): FeitControleur {
  const eigenaarVan = new Map<string, string>(FEITEN.map((f) => [f.veld, f.eigenaar]));
  return {
    controleer(veld, bsn, traceId, inhoud, zegel) {
      if (!zegel) return 'ONGETEKEND';
      const eigenaar = eigenaarVan.get(veld);
      const key = eigenaar ? keys[eigenaar] : undefined;
      const [expText, macs] = zegel.split('.');
      const exp = Number(expText);
      const mac = macs?.split(',').find((m) => m.startsWith(`${consument}:`))?.slice(consument.length + 1);
      if (!key || !mac || !Number.isFinite(exp)) return 'ONGELDIG';
      const expected = createHmac('sha256', key).update(bericht(eigenaar!, veld, bsn, traceId, exp, inhoud)).digest();
      const given = Buffer.from(mac, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'ONGELDIG';
      return exp > now() ? 'GELDIG' : 'VERLOPEN';
    },
  };
}
