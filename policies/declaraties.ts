import {
  Kind, parse, type ConstDirectiveNode, type ConstValueNode, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode,
} from 'graphql';

/**
 * The policy declarations next to each field's schema (DESIGN §4 "Everything declares its policy"),
 * read from the directives of a subgraph schema or of the composed supergraph: the same data for
 * both enforcement points. Pure: no register, no request; `problemen` says what is missing or
 * inconsistent, so composition can fail on it.
 */

/** Which rule decides whom an entry point may reach. */
export const BEREIK_SOORTEN = ['GEEN', 'PERSOON', 'OUD_STUDENT', 'PERSONEN', 'CASELOAD', 'OUD_STUDENTEN', 'ZELF', 'TOEZICHT', 'EIGEN_REGIO', 'CONTACTGEMEENTE'] as const;
export type BereikSoort = (typeof BEREIK_SOORTEN)[number];
/** What the audit record of a use lists. */
export const AUDIT_SOORTEN = ['GEEN', 'PERSOON', 'RESULTAAT', 'WIJZIGING', 'ZONDER_PERSOON'] as const;
export type AuditSoort = (typeof AUDIT_SOORTEN)[number];
export const AFLEIDINGEN = ['GEHEEL', 'PER_REGEL'] as const;
/** Rules of the consent model an entry point can name (`@beleid(regel)`), decided in policies/toestemming.ts. */
export const REGELS = ['TOESTEMMING_VASTLEGGEN', 'TOESTEMMING_BEVESTIGEN', 'TOESTEMMING_INTREKKEN'] as const;
export type RegelNaam = (typeof REGELS)[number];
/** Who may see which items of a list (`@rijen(regel)`). */
export const RIJREGELS = ['EIGEN_INSTELLING', 'EIGEN_VERWERKING'] as const;
export type Rijregel = (typeof RIJREGELS)[number];
export type Afleidingswijze = (typeof AFLEIDINGEN)[number];

/** Rules that need a data subject to decide on, and where it is. */
const MET_SUBJECT: ReadonlySet<BereikSoort> = new Set(['PERSOON', 'OUD_STUDENT', 'PERSONEN', 'CASELOAD', 'OUD_STUDENTEN', 'EIGEN_REGIO', 'CONTACTGEMEENTE']);

export interface BeleidVerklaring {
  bereik: BereikSoort;
  /** An argument path (`bsn`, `invoer.bsn`), `parent.<veld>`, or for lists the path to each person's BSN in the result. */
  subject: string | null;
  audit: AuditSoort;
  /** Template of the audit text: `{args.periode}`, `{parent.code}`, `{id}` (from the result). */
  omschrijving: string | null;
  kosten: number;
  /** A rule of the consent model the use must pass besides its scope. */
  regel: RegelNaam | null;
}

export interface Bron { veld: string; categorie: string }
export interface Regel { soort: string; attribuut: string | null; bron: string }
export interface Afleiding {
  /** Sources the value always needs: each must be usable, or the field is withheld. */
  bronnen: Bron[];
  /** Sources used only where the activity may use them (outright, or granted for this field); the answer names those used. */
  aanvullend: Bron[];
  wijze: Afleidingswijze;
  regels: Regel[];
  soortVeld: string | null;
}

export interface Veldverklaring {
  /** `Type.veld`. */
  veld: string;
  /** The field's own category (or its type's). */
  categorie: string | undefined;
  beleid?: BeleidVerklaring;
  afgeleid?: Afleiding;
  /** Which items of the list the caller may see: the rule, and for EIGEN_INSTELLING the path of the owner's code in each item. */
  rijen?: { regel: Rijregel; eigenaar: string | null };
  lijstgrootte?: number;
  heeftArgumenten: boolean;
  /** Whether the field takes a page size (`eerste`). */
  heeftPagina: boolean;
  isLijst: boolean;
  internal: boolean;
}

export interface Verklaringen {
  velden: ReadonlyMap<string, Veldverklaring>;
  /** Every category a field always carries: its own and, for a derived field, its required sources'. */
  categorieenVan(veld: string): string[];
  /** Problems with the declarations themselves (malformed values); completeness is `problemen`. */
  fouten: string[];
}

const INTERNAL = /^(join__|link__|_Service$|_Entity$|_Any$)/;
const dir = (ds: readonly ConstDirectiveNode[] | undefined, name: string) => ds?.find((d) => d.name.value === name);

function value(v: ConstValueNode | undefined): unknown {
  if (!v) return undefined;
  switch (v.kind) {
    case Kind.STRING: case Kind.ENUM: return v.value;
    case Kind.INT: return Number(v.value);
    case Kind.BOOLEAN: return v.value;
    case Kind.LIST: return v.values.map(value);
    default: return undefined;
  }
}
function args(d: ConstDirectiveNode): Record<string, unknown> {
  return Object.fromEntries((d.arguments ?? []).map((a) => [a.name.value, value(a.value)]));
}
const isList = (t: TypeNode): boolean => (t.kind === Kind.NON_NULL_TYPE ? isList(t.type) : t.kind === Kind.LIST_TYPE);

/** Reads every field's declarations from a schema document (subgraph or supergraph). */
export function leesVerklaringen(doc: DocumentNode | string): Verklaringen {
  const document = typeof doc === 'string' ? parse(doc) : doc;
  const velden = new Map<string, Veldverklaring>();
  const fouten: string[] = [];
  const types = document.definitions.filter((d): d is ObjectTypeDefinitionNode => (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && !INTERNAL.test(d.name.value)) as ObjectTypeDefinitionNode[];
  for (const type of types) {
    const typeCategorie = value(dir(type.directives, 'gegevenscategorie')?.arguments?.find((a) => a.name.value === 'id')?.value) as string | undefined;
    const typeInternal = Boolean(dir(type.directives, 'inaccessible'));
    for (const field of type.fields ?? []) {
      const veld = `${type.name.value}.${field.name.value}`;
      const v: Veldverklaring = {
        veld, categorie: (value(dir(field.directives, 'gegevenscategorie')?.arguments?.find((a) => a.name.value === 'id')?.value) as string | undefined) ?? typeCategorie,
        heeftArgumenten: (field.arguments?.length ?? 0) > 0, heeftPagina: Boolean(field.arguments?.some((x) => x.name.value === 'eerste')), isLijst: isList(field.type), internal: typeInternal || Boolean(dir(field.directives, 'inaccessible')),
      };
      leesBeleid(field, veld, v, fouten);
      leesAfleiding(field, veld, v, fouten);
      const rijen = dir(field.directives, 'rijen');
      if (rijen) {
        const a = args(rijen);
        const regel = ((a.regel as string | undefined) ?? 'EIGEN_INSTELLING') as Rijregel;
        if (!RIJREGELS.includes(regel)) fouten.push(`${veld}: @rijen(regel) must be one of ${RIJREGELS.join(', ')}; received ${JSON.stringify(a.regel)}`);
        if (regel === 'EIGEN_INSTELLING' && !a.eigenaar) fouten.push(`${veld}: @rijen(regel: EIGEN_INSTELLING) needs eigenaar (the path of the owner's code)`);
        v.rijen = { regel, eigenaar: (a.eigenaar as string | undefined) ?? null };
      }
      const lijst = dir(field.directives, 'lijstgrootte');
      if (lijst) {
        const max = args(lijst).max as number;
        if (!Number.isInteger(max) || max < 1) fouten.push(`${veld}: @lijstgrootte(max) must be a positive integer; received ${max}`);
        v.lijstgrootte = max;
      }
      // A field declared in several subgraphs (a shared value type) keeps the first declaration with a policy.
      const eerder = velden.get(veld);
      velden.set(veld, eerder ? { ...v, ...Object.fromEntries(Object.entries(eerder).filter(([, x]) => x !== undefined)) } as Veldverklaring : v);
    }
  }
  return {
    velden, fouten,
    categorieenVan: (veld) => {
      const v = velden.get(veld);
      if (!v) return [];
      return [...new Set([...(v.categorie ? [v.categorie] : []), ...(v.afgeleid?.bronnen.map((b) => b.categorie) ?? [])])];
    },
  };
}

function leesBeleid(field: FieldDefinitionNode, veld: string, v: Veldverklaring, fouten: string[]): void {
  const d = dir(field.directives, 'beleid');
  if (!d) return;
  const a = args(d);
  const bereik = a.bereik as BereikSoort;
  const audit = a.audit as AuditSoort;
  if (!BEREIK_SOORTEN.includes(bereik)) fouten.push(`${veld}: @beleid(bereik) must be one of ${BEREIK_SOORTEN.join(', ')}; received ${JSON.stringify(a.bereik)}`);
  if (!AUDIT_SOORTEN.includes(audit)) fouten.push(`${veld}: @beleid(audit) must be one of ${AUDIT_SOORTEN.join(', ')}; received ${JSON.stringify(a.audit)}`);
  const subject = (a.subject as string | undefined) ?? null;
  if (MET_SUBJECT.has(bereik) && !subject) fouten.push(`${veld}: @beleid(bereik: ${bereik}) needs a subject (where the person or region is)`);
  const omschrijving = (a.omschrijving as string | undefined) ?? null;
  if ((audit === 'WIJZIGING' || audit === 'ZONDER_PERSOON') && !omschrijving) fouten.push(`${veld}: @beleid(audit: ${audit}) needs an omschrijving (what the audit record says)`);
  if ((audit === 'PERSOON' || audit === 'WIJZIGING') && !subject && bereik !== 'ZELF') fouten.push(`${veld}: @beleid(audit: ${audit}) needs a subject (whose record it is)`);
  const kosten = (a.kosten as number | undefined) ?? 1;
  if (!Number.isInteger(kosten) || kosten < 1) fouten.push(`${veld}: @beleid(kosten) must be a positive integer; received ${kosten}`);
  const regel = (a.regel as RegelNaam | undefined) ?? null;
  if (regel !== null && !REGELS.includes(regel)) fouten.push(`${veld}: @beleid(regel) must be one of ${REGELS.join(', ')}; received ${JSON.stringify(a.regel)}`);
  v.beleid = { bereik, subject, audit, omschrijving, kosten, regel };
}

function leesAfleiding(field: FieldDefinitionNode, veld: string, v: Veldverklaring, fouten: string[]): void {
  const d = dir(field.directives, 'afgeleid');
  if (!d) return;
  const a = args(d);
  const wijze = ((a.wijze as string | undefined) ?? 'GEHEEL') as Afleidingswijze;
  if (!AFLEIDINGEN.includes(wijze)) fouten.push(`${veld}: @afgeleid(wijze) must be one of ${AFLEIDINGEN.join(', ')}; received ${JSON.stringify(a.wijze)}`);
  const lees = (lijst: unknown): Bron[] => ((lijst as string[] | undefined) ?? []).flatMap((b) => {
    const m = /^([A-Z]\w*\.\w+)=([a-z][\w.]*)$/.exec(b);
    if (!m) { fouten.push(`${veld}: @afgeleid source "${b}" must read Type.veld=categorie`); return []; }
    return [{ veld: m[1], categorie: m[2] }];
  });
  const bronnen = lees(a.bronnen);
  const aanvullend = lees(a.aanvullend);
  if (!bronnen.length) fouten.push(`${veld}: @afgeleid needs at least one source`);
  if (aanvullend.length && wijze !== 'GEHEEL') fouten.push(`${veld}: optional sources (aanvullend) go with wijze GEHEEL`);
  const regels: Regel[] = [];
  for (const r of (a.regels as string[] | undefined) ?? []) {
    const m = /^([A-Z_]+)(?:\.(\w+))?=([A-Z]\w*\.\w+)$/.exec(r);
    if (!m) { fouten.push(`${veld}: @afgeleid rule "${r}" must read SOORT=Type.veld or SOORT.attribuut=Type.veld`); continue; }
    regels.push({ soort: m[1], attribuut: m[2] ?? null, bron: m[3] });
  }
  const soortVeld = (a.soortVeld as string | undefined) ?? null;
  if (wijze === 'PER_REGEL') {
    if (!soortVeld || !regels.some((r) => r.attribuut === null)) fouten.push(`${veld}: @afgeleid(wijze: PER_REGEL) needs soortVeld and a rule per kind of line`);
    const bronVelden = new Set(bronnen.map((b) => b.veld));
    for (const r of regels) if (!bronVelden.has(r.bron)) fouten.push(`${veld}: rule ${r.soort}${r.attribuut ? `.${r.attribuut}` : ''} names ${r.bron}, which is not among its sources`);
    for (const b of bronnen) if (!regels.some((r) => r.bron === b.veld)) fouten.push(`${veld}: source ${b.veld} is used by no rule`);
  }
  v.afgeleid = { bronnen, aanvullend, wijze, regels, soortVeld };
}

/** Every category a derived field may use: its own, its required and its optional sources' (what the register may grant it). */
export function mogelijkeCategorieen(v: Veldverklaring): string[] {
  return [...new Set([...(v.categorie ? [v.categorie] : []), ...(v.afgeleid ? [...v.afgeleid.bronnen, ...v.afgeleid.aanvullend].map((b) => b.categorie) : [])])];
}

/** The declarations of one kind of line of a PER_REGEL field: its source, and its attributes' own sources. */
export function regelsPerSoort(a: Afleiding): Map<string, { bron: Bron; attributen: Map<string, Bron> }> {
  const categorie = new Map(a.bronnen.map((b) => [b.veld, b]));
  const result = new Map<string, { bron: Bron; attributen: Map<string, Bron> }>();
  for (const r of a.regels.filter((x) => x.attribuut === null)) result.set(r.soort, { bron: categorie.get(r.bron)!, attributen: new Map() });
  for (const r of a.regels.filter((x) => x.attribuut !== null)) result.get(r.soort)?.attributen.set(r.attribuut!, categorie.get(r.bron)!);
  return result;
}

/**
 * What the composed schema lacks or contradicts: every root field and mutation, every field with
 * arguments and every non-public field of an entity other than the person itself must declare
 * its policy; a derived field's sources must exist with the categories it names; a reference
 * list without a page size must declare how long it can be. `openbaar`: the public categories.
 */
export function problemen(doc: DocumentNode | string, openbaar: ReadonlySet<string>, persoon = 'Jongere'): string[] {
  const document = typeof doc === 'string' ? parse(doc) : doc;
  const v = leesVerklaringen(document);
  const result = [...v.fouten];
  const entities = new Set(document.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION
    && Boolean(d.directives?.some((x) => x.name.value === 'key' || (x.name.value === 'join__type' && x.arguments?.some((a) => a.name.value === 'key')))))
    .map((d) => d.name.value));
  for (const f of v.velden.values()) {
    if (f.internal || f.veld.startsWith('_') || /\._(entities|service)$/.test(f.veld)) continue;
    const [type] = f.veld.split('.');
    const root = type === 'Query' || type === 'Mutation' || type === 'Subscription';
    if (!f.beleid && (root || f.heeftArgumenten)) result.push(`${f.veld} declares no policy (@beleid): ${root ? 'an entry point' : 'a field with arguments'} must say whom it reaches, what it audits and what it costs`);
    else if (!f.beleid && entities.has(type) && type !== persoon && f.categorie && !openbaar.has(f.categorie)) result.push(`${f.veld} declares no policy (@beleid): a non-public field of entity ${type} must say whom it reaches`);
    if (f.afgeleid) {
      for (const b of [...f.afgeleid.bronnen, ...f.afgeleid.aanvullend]) {
        const bron = v.velden.get(b.veld);
        if (!bron) result.push(`${f.veld}: source ${b.veld} does not exist`);
        else if (bron.categorie !== b.categorie) result.push(`${f.veld}: source ${b.veld} is ${bron.categorie ?? 'without category'}, not ${b.categorie}`);
      }
    }
    if (f.isLijst && f.categorie && openbaar.has(f.categorie) && !f.heeftPagina && f.lijstgrootte === undefined && type !== persoon) {
      result.push(`${f.veld} is a reference list without a page size: declare @lijstgrootte(max) so the query cost counts what it returns`);
    }
  }
  return result;
}


/** The derived fields of a schema with every category they may use: what the register's `afgeleid` grants are checked against. */
export function afgeleideVelden(doc: DocumentNode | string): Map<string, string[]> {
  const v = leesVerklaringen(doc);
  return new Map([...v.velden.values()].filter((f) => f.afgeleid).map((f) => [f.veld, mogelijkeCategorieen(f)]));
}
