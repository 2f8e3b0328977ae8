import { responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import { assertBsn } from '../../lib/domain/bsn';
import { AppError } from '../../lib/errors';
import type { BrpFeiten } from '../../policies/bereik';
import { beslisRegels } from '../../policies/afleiding';
import type { BereikSoort, Veldverklaring, Verklaringen } from '../../policies/declaraties';
import type { Persoonskenmerken } from '../../policies/scope';
import type { ToestemmingFeit } from '../../policies/toestemming';
import type { Besluit } from '../../policies/types';
import type { Beleid, BereikVraag } from './beleid';
import { besluitFout } from './request-policy';

/**
 * The one enforcement module of a subgraph's entry points, lists and derived fields: every guard
 * here is generated from the field's declarations (`@beleid`, `@afgeleid`, `@rijen`) and the
 * register, through the request's `Beleid`. A resolver receives the scope it must narrow its work
 * to (`bereikVan(args)`) and never checks scope, category or audit itself.
 */

type Ctx = { beleid: Beleid };
type Args = Record<string | symbol, unknown>;
type Resolve = (parent: unknown, args: Args, ctx: Ctx, info: GraphQLResolveInfo) => unknown;
/** graphql-middleware's field middleware: the resolver to call, then the resolver's own arguments. */
type Middleware = (resolve: Resolve, parent: unknown, args: Args, ctx: Ctx, info: GraphQLResolveInfo) => Promise<unknown>;

/** The scope an entry point's rule decided, handed to its resolver with the arguments. */
export const BEREIK = Symbol('bereik');

/** The scope decided for this resolver; a resolver of a declared rule without one is a programming error (fail closed). */
export function bereikVan<T>(args: object): T {
  const scope = (args as Record<symbol, unknown>)[BEREIK];
  if (scope === undefined) throw new AppError('INTERNAL_SERVER_ERROR', 'a resolver ran without the scope its guard decides');
  return scope as T;
}

/**
 * How a subgraph fetches the facts its entry points' rules need. Each is asked only when a rule
 * needs it; a subgraph that declares a rule without providing its facts does not start.
 */
export interface BereikFeiten<C> {
  /** Residence and birth date per BSN from the BRP (a BSN the BRP does not know maps to null or is absent). */
  brp?(bsns: string[], ctx: C): Promise<Map<string, BrpFeiten>>;
  /** The person's schools (OUD_STUDENT). */
  onderwijs?(bsn: string, ctx: C): Promise<NonNullable<Persoonskenmerken['onderwijs']>>;
  /** The Doorstroompunt region a programme change concerns (CONTACTGEMEENTE); BAD_USER_INPUT when there is none. */
  programmaRegio?(waarde: string, ctx: C): Promise<{ code: string; contactgemeente: string | null }>;
  /** One stored consent of a person (the consent rules); null when there is none with that id. */
  toestemming?(bsn: string, id: string, ctx: C): Promise<ToestemmingFeit | null>;
}

const NODIG: Partial<Record<BereikSoort, (keyof BereikFeiten<unknown>)[]>> = {
  PERSOON: ['brp'], PERSONEN: ['brp'], OUD_STUDENT: ['onderwijs'], TOEZICHT: ['brp'], CONTACTGEMEENTE: ['programmaRegio'],
};

/** The values at a dotted path, crossing lists (`jongeren.bsn` on a page gives every BSN on it). */
export function waardenOp(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const key of path.split('.').filter(Boolean)) {
    current = current.flatMap((v) => (Array.isArray(v) ? v : [v])).map((v) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined));
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined && v !== null);
}

/**
 * Fills an audit text template: `{args.x}`, `{parent.x}` from the request, anything else from the
 * result; `{pad|tekst}` says what to write when there is no value (default `-`).
 */
export function vulIn(template: string, bronnen: { args: unknown; parent: unknown; result: unknown }): string {
  return template.replace(/\{([\w.]+)(?:\|([^}]*))?\}/g, (_, path: string, leeg: string | undefined) => {
    const [eerste, ...rest] = path.split('.');
    const waarden = eerste === 'args' ? waardenOp(bronnen.args, rest.join('.')) : eerste === 'parent' ? waardenOp(bronnen.parent, rest.join('.')) : waardenOp(bronnen.result, path);
    return waarden.length ? waarden.map(String).join(', ') : leeg ?? '-';
  });
}

const pad = (info: GraphQLResolveInfo) => responsePathAsArray(info.path);
const weigering = (b: Besluit): b is Exclude<Besluit, { uitkomst: 'TOEGESTAAN' }> => b.uitkomst !== 'TOEGESTAAN';

/** The guard of one entry point (`@beleid`): category, scope before the resolver, result scope and audit after it. */
function ingangsbewaking<C extends Ctx>(v: Veldverklaring, feiten: BereikFeiten<C>): Middleware {
  const b = v.beleid!;
  const categorie = v.categorie!;
  const persoonlijk = b.bereik === 'PERSOON' || b.bereik === 'OUD_STUDENT';
  const afgeleid = v.afgeleid?.wijze === 'GEHEEL' ? v.afgeleid : undefined;
  return async (resolve, parent, args, ctx, info) => {
    const { beleid } = ctx;
    const weiger = (besluit: Besluit, bsn?: string): never => {
      if (bsn) beleid.registreer(bsn, categorie, besluit);
      else beleid.registreerZonderPersoon(categorie, besluit, `${v.veld} geweigerd`);
      throw besluitFout(besluit, beleid.interne.activiteit)!;
    };
    const subjectWaarde = b.subject && !b.subject.startsWith('parent.') && b.bereik !== 'PERSONEN' && b.bereik !== 'CASELOAD' && b.bereik !== 'OUD_STUDENTEN'
      ? waardenOp(args, b.subject)[0] : undefined;
    const bsn = persoonlijk || (b.bereik === 'TOEZICHT' && subjectWaarde !== undefined) ? assertBsn(String(subjectWaarde ?? ''), b.subject ?? 'bsn') : undefined;
    // A list, count or figure needs its category outright (membership would tell what consent guards);
    // one named person is decided on their own consent below.
    if (!persoonlijk && !beleid.toegestaan(categorie)) weiger({ uitkomst: 'GEEN_GRONDSLAG', categorie, reden: `${beleid.interne.activiteit} does not grant ${categorie}` }, bsn);
    // A derived answer needs every source it is always computed from; optional sources only where usable.
    const ontbreekt = afgeleid?.bronnen.find((x) => !beleid.bruikbaar(v.veld, x.categorie));
    if (ontbreekt) weiger({ uitkomst: 'GEEN_GRONDSLAG', categorie: ontbreekt.categorie, reden: `${v.veld} is derived from ${ontbreekt.veld}, which ${beleid.interne.activiteit} may not use` }, bsn);
    const gebruikt = afgeleid ? [...afgeleid.bronnen, ...afgeleid.aanvullend.filter((x) => beleid.bruikbaar(v.veld, x.categorie))] : [];
    const vraag: BereikVraag = {
      bsn,
      regio: b.subject?.startsWith('parent.') ? String(waardenOp(parent, b.subject.slice('parent.'.length))[0] ?? '') : undefined,
      brp: bsn && feiten.brp ? async () => (await feiten.brp!([bsn], ctx as C)).get(bsn) ?? null : undefined,
      onderwijs: bsn && feiten.onderwijs ? () => feiten.onderwijs!(bsn, ctx as C) : undefined,
      programmaRegio: feiten.programmaRegio && subjectWaarde !== undefined ? () => feiten.programmaRegio!(String(subjectWaarde), ctx as C) : undefined,
    };
    if (b.bereik !== 'PERSONEN') {
      const { besluit, scope } = await beleid.beslisBereik(b.bereik, vraag);
      if (weigering(besluit)) weiger(besluit, bsn);
      if (bsn && persoonlijk) {
        const c = await beleid.beoordeelCategorie(bsn, categorie, v.veld);
        if (weigering(c)) weiger(c, bsn);
      }
      args = { ...args, [BEREIK]: afgeleid ? { ...(scope as object), bronnen: new Set(gebruikt.map((x) => x.veld)) } : scope ?? null };
      // A rule of the consent model the change must pass besides its scope (own processing, four eyes, evidence).
      if (b.regel) {
        const id = typeof args.id === 'string' ? args.id : null;
        const r = await beleid.beslisRegel(b.regel, { args, toestemming: bsn && id && feiten.toestemming ? () => feiten.toestemming!(bsn, id, ctx as C) : undefined });
        if (weigering(r)) weiger(r, bsn);
      }
    } else args = { ...args, [BEREIK]: null };
    let result: unknown = await resolve(parent, args, ctx, info);
    if (b.bereik === 'PERSONEN') result = await personenInBereik(result as unknown[], b.subject!, categorie, beleid, feiten, ctx as C);
    audit(v, categorie, [...new Set(gebruikt.map((x) => x.categorie))], { args, parent, result }, bsn ?? (b.bereik === 'ZELF' ? beleid.interne.bsn ?? undefined : undefined), beleid);
    return result;
  };
}

/** PERSONEN: each person a search returned, kept only when in scope; the others are left out as if unknown, their refusal audited. */
async function personenInBereik<C extends Ctx>(items: unknown[], subject: string, categorie: string, beleid: Beleid, feiten: BereikFeiten<C>, ctx: C): Promise<unknown[]> {
  const bsns = items.map((i) => String(waardenOp(i, subject)[0]));
  const facts = await feiten.brp!(bsns, ctx);
  const kept: unknown[] = [];
  for (const [i, item] of items.entries()) {
    const { besluit } = await beleid.beslisBereik('PERSONEN', { bsn: bsns[i], brp: async () => facts.get(bsns[i]) ?? null });
    if (besluit.uitkomst === 'TOEGESTAAN') kept.push(item);
    else beleid.registreer(bsns[i], categorie, besluit);
  }
  return kept;
}

function audit(v: Veldverklaring, categorie: string, bronnen: string[], waarden: { args: unknown; parent: unknown; result: unknown }, subject: string | undefined, beleid: Beleid): void {
  const b = v.beleid!;
  const toegestaan: Besluit = { uitkomst: 'TOEGESTAAN' };
  switch (b.audit) {
    case 'GEEN': return;
    case 'PERSOON': if (subject) beleid.registreer(subject, categorie, toegestaan); return;
    case 'RESULTAAT':
      // A derived list discloses, about everyone on it, the categories of the sources it could use.
      for (const bsn of waardenOp(waarden.result, b.subject!)) {
        beleid.registreer(String(bsn), categorie, toegestaan);
        for (const c of bronnen) beleid.registreer(String(bsn), c, toegestaan);
      }
      return;
    case 'WIJZIGING': beleid.noteerWijziging(subject!, categorie, vulIn(b.omschrijving!, waarden)); return;
    case 'ZONDER_PERSOON': beleid.noteerZonderPersoon(categorie, vulIn(b.omschrijving!, waarden)); return;
  }
}

/** `@rijen`: only the items the caller may see (their own institution's, under an own-students activity; consents of their own processing). */
function rijbewaking(v: Veldverklaring): Middleware {
  const { regel, eigenaar } = v.rijen!;
  return async (resolve, parent, args, ctx, info) => {
    const value = await resolve(parent, args, ctx, info);
    const zichtbaar = (item: unknown) => ctx.beleid.rijZichtbaar(regel, item, eigenaar ? waardenOp(item, eigenaar)[0] : undefined);
    if (Array.isArray(value)) return value.filter(zichtbaar);
    return value && !zichtbaar(value) ? null : value;
  };
}

/**
 * `@afgeleid(wijze: PER_REGEL)`: each line and attribute of a derived list decided by its own
 * source. The public field reports what it withheld (one error per refused source at the list,
 * one per emptied attribute of a served line); an internal part only filters.
 */
function regelbewaking<C extends Ctx>(v: Veldverklaring, kenmerken: (parent: unknown, ctx: C) => Persoonskenmerken | Promise<Persoonskenmerken>): Middleware {
  const afleiding = v.afgeleid!;
  return async (resolve, parent, args, ctx, info) => {
    const lijnen = (await resolve(parent, args, ctx, info)) as Record<string, unknown>[] | null;
    if (!lijnen) return lijnen;
    const { beleid } = ctx;
    const persoon = await kenmerken(parent, ctx as C);
    const besluiten = new Map<string, Besluit>();
    for (const bron of afleiding.bronnen) besluiten.set(bron.veld, await beleid.beoordeel(persoon, bron.categorie, bron.veld));
    const uitkomst = beslisRegels(lijnen, afleiding, (bron) => besluiten.get(bron.veld)!);
    for (const c of uitkomst.verstrekt) beleid.registreer(persoon.bsn, c, { uitkomst: 'TOEGESTAAN' });
    for (const w of [...uitkomst.geweigerd, ...uitkomst.attributen]) beleid.registreer(persoon.bsn, w.bron.categorie, w.besluit);
    if (!v.internal) {
      const hier = pad(info);
      for (const w of uitkomst.geweigerd) beleid.meldFout(hier, besluitFout(w.besluit, beleid.interne.activiteit)!);
      for (const w of uitkomst.attributen) beleid.meldFout([...hier, w.index, w.attribuut], besluitFout(w.besluit, beleid.interne.activiteit)!);
    }
    return uitkomst.lijnen;
  };
}

/**
 * Every guard a subgraph's declarations call for, as graphql-middleware field middleware. Fails
 * at construction when a declared rule needs facts the subgraph does not provide.
 */
export function bewakingen<C extends Ctx>(naam: string, verklaringen: Verklaringen, feiten: BereikFeiten<C>,
  kenmerken: ((parent: unknown, ctx: C) => Persoonskenmerken | Promise<Persoonskenmerken>) | undefined): Record<string, Record<string, Middleware>> {
  const guards: Record<string, Record<string, Middleware>> = {};
  const add = (veld: string, m: Middleware) => {
    const [type, field] = veld.split('.');
    const before = guards[type]?.[field];
    // Several guards on one field: the row filter and the line decisions run inside the entry guard.
    (guards[type] ??= {})[field] = before ? (resolve, parent, args, ctx, info) => before((p, a, c, i) => m(resolve, p, a, c, i), parent, args, ctx, info) : m;
  };
  for (const v of verklaringen.velden.values()) {
    if (v.beleid) {
      const ontbreekt = (NODIG[v.beleid.bereik] ?? []).filter((f) => !feiten[f]);
      if (ontbreekt.length) throw new Error(`${naam}: ${v.veld} declares bereik ${v.beleid.bereik}, which needs the ${ontbreekt.join(', ')} facts this subgraph does not provide`);
      add(v.veld, ingangsbewaking(v, feiten));
    }
    if (v.rijen) add(v.veld, rijbewaking(v));
    if (v.afgeleid?.wijze === 'PER_REGEL') {
      if (!kenmerken) throw new Error(`${naam}: ${v.veld} is derived line by line, which needs the person's policy facts (kenmerken)`);
      add(v.veld, regelbewaking(v, kenmerken));
    }
  }
  return guards;
}
