/**
 * `gezag` as the BRP API v2 serves it (schema Gezagsrelatie), derived for the simulator from what
 * the persoonslijst holds. RvIG derives it in a separate gezag module with many more rules; this
 * simulator applies the ones its data can carry:
 *
 * - a court decision in the register (indicatie gezag minderjarige, 11.32.10, Tabel 61) decides:
 *   12 both parents, 1 or 2 one parent, 1D or 2D a parent and a third person, D guardianship;
 *   a value outside Tabel 61 gives GezagNietTeBepalen with the reason;
 * - without one, the presumption of law: both legal parents when there are two, the one parent
 *   when there is one (BW 1:251 and 1:253b, simplified: the module also looks at marriage at birth
 *   and recognition), GezagNietTeBepalen when there is none;
 * - only a living minor has a gezag relation (gezag-minderjarige-gba.feature: "voor een
 *   meerderjarige wordt er geen gezagsrelatie naar de ouders geleverd"); an adult's `gezag` lists
 *   the relations over their minor children in which they hold authority (heeft-gezag-over-gba.feature).
 */
export type Gezagsrelatie = Record<string, unknown> & { type: string };

interface Relatiepersoon { burgerservicenummer?: string; naam?: Record<string, unknown>; ouderAanduiding?: string }
export interface GezagBron {
  burgerservicenummer?: string;
  naam?: Record<string, unknown>;
  leeftijd?: number;
  overlijden?: unknown;
  ouders?: Relatiepersoon[];
  kinderen?: Relatiepersoon[];
  /** Indicatie gezag minderjarige (11.32.10) when the register holds a court decision. */
  indicatieGezag?: string;
  /** A synthetic person's simplification: only ouder 1 has authority. */
  eenhoofdig?: boolean;
}

const TOELICHTING_INDICATIE = 'gezag is niet te bepalen: de indicatie gezag minderjarige (11.32.10) heeft een waarde die niet in Tabel 61 staat';
const TOELICHTING_GEEN_OUDERS = 'gezag is niet te bepalen: er zijn geen juridische ouders geregistreerd';

const volledigeNaam = (naam: Record<string, unknown> | undefined) => {
  const n = naam ?? {};
  const delen = [n.voornamen, (n.adellijkeTitelPredicaat as { omschrijving?: string } | undefined)?.omschrijving, n.voorvoegsel, n.geslachtsnaam].filter(Boolean);
  return { volledigeNaam: (n.volledigeNaam as string | undefined) ?? delen.join(' ') };
};
const gezagOuder = (o: Relatiepersoon) => ({ ...(o.burgerservicenummer ? { burgerservicenummer: o.burgerservicenummer } : {}), naam: volledigeNaam(o.naam) });

/** The gezag relation over a living minor. */
export function relatieVoorMinderjarige(kind: GezagBron): Gezagsrelatie {
  const minderjarige = { burgerservicenummer: kind.burgerservicenummer, naam: volledigeNaam(kind.naam), leeftijd: kind.leeftijd };
  const ouder = (aanduiding: string) => kind.ouders?.find((o) => o.ouderAanduiding === aanduiding);
  const o1 = ouder('1'); const o2 = ouder('2');
  const eenhoofdig = (o: Relatiepersoon | undefined): Gezagsrelatie => o
    ? { type: 'EenhoofdigOuderlijkGezag', minderjarige, ouder: gezagOuder(o) }
    : { type: 'GezagNietTeBepalen', minderjarige, toelichting: TOELICHTING_GEEN_OUDERS };
  switch (kind.indicatieGezag) {
    case '12': return o1 && o2 ? { type: 'GezamenlijkOuderlijkGezag', minderjarige, ouders: [gezagOuder(o1), gezagOuder(o2)] } : eenhoofdig(o1 ?? o2);
    case '1': return eenhoofdig(o1);
    case '2': return eenhoofdig(o2);
    case '1D': case '2D': {
      const o = kind.indicatieGezag === '1D' ? o1 : o2;
      return o ? { type: 'GezamenlijkGezag', minderjarige, ouder: gezagOuder(o), derde: { type: 'OnbekendeDerde' } } : eenhoofdig(undefined);
    }
    case 'D': return { type: 'Voogdij', minderjarige, derden: [] };
    case undefined: case '':
      if (o1 && o2 && !kind.eenhoofdig) return { type: 'GezamenlijkOuderlijkGezag', minderjarige, ouders: [gezagOuder(o1), gezagOuder(o2)] };
      return eenhoofdig(o1 ?? o2);
    default: return { type: 'GezagNietTeBepalen', minderjarige, toelichting: TOELICHTING_INDICATIE };
  }
}

const isMinderjarig = (p: GezagBron) => !p.overlijden && typeof p.leeftijd === 'number' && p.leeftijd < 18;

/** Whether `bsn` holds authority in a relation. */
function heeftGezag(relatie: Gezagsrelatie, bsn: string): boolean {
  const ouders = [relatie.ouder, ...((relatie.ouders as unknown[] | undefined) ?? [])] as ({ burgerservicenummer?: string } | undefined)[];
  return ouders.some((o) => o?.burgerservicenummer === bsn);
}

/**
 * The person's `gezag`: their own relation when they are a living minor, else the relations over
 * their minor children (found with `kindMetBsn`) in which they hold authority. Undefined when there is none.
 */
export function gezagVan(persoon: GezagBron, kindMetBsn: (bsn: string) => GezagBron | undefined): Gezagsrelatie[] | undefined {
  if (persoon.overlijden) return undefined;
  if (isMinderjarig(persoon)) return [relatieVoorMinderjarige(persoon)];
  const eigen = persoon.burgerservicenummer;
  if (!eigen) return undefined;
  const relaties = (persoon.kinderen ?? []).flatMap((k) => {
    const kind = k.burgerservicenummer ? kindMetBsn(k.burgerservicenummer) : undefined;
    if (!kind || !isMinderjarig(kind)) return [];
    const relatie = relatieVoorMinderjarige(kind);
    return heeftGezag(relatie, eigen) ? [relatie] : [];
  });
  return relaties.length ? relaties : undefined;
}
