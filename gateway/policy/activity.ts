import { createHash } from 'node:crypto';
import { isValidBsn } from '../../lib/domain/bsn';
import { requestError } from '../../lib/errors';
import { activiteitRef, huidigeVersie, parseActiviteitRef, toegestaneCategorieen } from '../../policies/register';
import type { Register, Verwerkingsactiviteit } from '../../policies/types';
import type { Principal } from '../auth/authenticate';

/** What one request may see: the caller, the activity version they work under, and its grants. */
export interface Toegang {
  principal: Principal;
  activiteit: Verwerkingsactiviteit;
  /** The caller's role that the activity allows. */
  rol: string;
  /** Categories granted without consent (public ones included). */
  toegestaan: Set<string>;
  /** Categories granted only with consent; the subgraphs check consent per person. */
  metToestemming: Set<string>;
  /** Fields withheld by the activity although their category is granted. */
  uitgezonderd: Set<string>;
  /** Identifies the permission profile: same key, same fields withheld (the plan cache key). */
  profiel: string;
}

export const ACTIVITY_HEADER = 'x-verwerkingsactiviteit';

/** Resolves the `X-Verwerkingsactiviteit` header (`id` or `id@versie`) for a caller on `day`. */
export function resolveToegang(register: Register, principal: Principal, header: string | undefined, day: string): Toegang {
  if (!header) throw requestError('ACTIVITY_REQUIRED', 'the X-Verwerkingsactiviteit header (id or id@versie) is required');
  const ref = parseActiviteitRef(header);
  if (!ref) throw requestError('UNKNOWN_ACTIVITY', `X-Verwerkingsactiviteit must be "id" or "id@versie"; received "${header.slice(0, 80)}"`, { activity: header.slice(0, 80) });
  const current = huidigeVersie(register, ref.id, day);
  if (!current) throw requestError('UNKNOWN_ACTIVITY', `no processing activity "${ref.id}" is in force`, { activity: header });
  if (ref.versie !== undefined && current.versie !== ref.versie) {
    throw requestError('UNKNOWN_ACTIVITY', `${activiteitRef({ id: ref.id, versie: ref.versie })} is not the version in force (${activiteitRef(current)})`, { activity: header });
  }
  const rol = principal.rollen.find((r) => current.rollen.includes(r));
  if (!rol) {
    throw requestError('ACTIVITY_NOT_ALLOWED', `role(s) ${principal.rollen.join(', ')} may not use ${activiteitRef(current)}`, { activity: activiteitRef(current) });
  }
  checkOrganisation(register, principal, rol, current);
  const toegestaan = toegestaneCategorieen(register, current);
  const metToestemming = new Set(current.metToestemming);
  const uitgezonderd = new Set(current.uitgezonderd);
  const profiel = createHash('sha256').update(JSON.stringify([current.uri, [...toegestaan].sort(), [...metToestemming].sort(), [...uitgezonderd].sort()])).digest('hex');
  return { principal, activiteit: current, rol, toegestaan, metToestemming, uitgezonderd, profiel };
}

function checkOrganisation(register: Register, p: Principal, rol: string, a: Verwerkingsactiviteit): void {
  const soort = register.rollen.get(rol)!.organisatie;
  const refuse = (why: string) => { throw requestError('ACTIVITY_NOT_ALLOWED', `${why} for role ${rol} under ${activiteitRef(a)}`, { activity: activiteitRef(a) }); };
  if (soort === 'gemeente' && !/^GM\d{4}$/.test(p.organisatie ?? '')) refuse('the token must name a municipality (org: GMxxxx)');
  if (soort === 'school' && !/^[0-9A-Z]{4}$/.test(p.organisatie ?? '')) refuse('the token must name a school (org: BRIN)');
  if (a.voorwaarden.alleenEigenGegevens && !(p.bsn && isValidBsn(p.bsn))) refuse('the token must carry the young person\'s own BSN');
}

/** Whether a field may be selected at all under this access (consent is checked later, per person). */
export function veldToegestaan(t: Toegang, field: string, category: string): boolean {
  return weigering(t, field, [category]) === null;
}

/**
 * The first category for which a field may not be selected at all under this access, or null.
 * `categorieen`: every category the field carries (a field derived as a whole carries its
 * sources'); each must be granted outright, with consent (decided per person later), or for this
 * derived field alone by the register.
 */
export function weigering(t: Toegang, field: string, categorieen: readonly string[]): string | null {
  if (t.uitgezonderd.has(field)) return categorieen[0] ?? field;
  for (const c of categorieen) {
    if (t.toegestaan.has(c) || t.metToestemming.has(c)) continue;
    if (t.activiteit.afgeleid.some((g) => g.veld === field && g.categorieen.includes(c))) continue;
    return c;
  }
  return null;
}
