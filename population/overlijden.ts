import type { SynthPersoon } from './types';

/**
 * A deceased person's records as the source systems hold them: nothing starts after the day of
 * death, what was running ends that day, and nothing is current any more (no benefit, no Jongeren
 * in Beeld signal, no open trajectory). Applied after generation, so every other person draws the
 * same numbers as before.
 */
export function naOverlijden(p: SynthPersoon): SynthPersoon {
  const dood = p.overlijdensdatum;
  if (!dood) return p;
  const voor = <T>(lijst: T[], datum: (x: T) => string) => lijst.filter((x) => datum(x) <= dood);
  const eindigt = (einde: string | null) => (einde === null || einde > dood ? dood : einde);
  const inschrijvingen = voor(p.onderwijs.inschrijvingen, (i) => i.begindatum).map((i) => ({ ...i, einddatum: eindigt(i.einddatum) }));
  const ids = new Set(inschrijvingen.map((i) => i.id));
  return {
    ...p,
    onderwijs: {
      inschrijvingen,
      diplomas: voor(p.onderwijs.diplomas, (d) => d.datum).filter((d) => ids.has(d.inschrijvingId)),
      vsv: voor(p.onderwijs.vsv, (v) => v.datum).filter((v) => ids.has(v.inschrijvingId)),
    },
    leerplicht: {
      verzuimmeldingen: voor(p.leerplicht.verzuimmeldingen, (m) => m.datum).map((m) => ({ ...m, status: 'AFGEHANDELD' as const })),
      vsvMeldingen: voor(p.leerplicht.vsvMeldingen, (m) => m.datum),
      trajecten: voor(p.leerplicht.trajecten, (t) => t.startdatum).map((t) => ({
        ...t, einddatum: eindigt(t.einddatum), status: 'AFGESLOTEN' as const, uitkomst: t.uitkomst ?? 'GEEN_CONTACT',
        contactmomenten: voor(t.contactmomenten, (c) => c.datum),
      })),
    },
    participatie: {
      werk: voor(p.participatie.werk, (w) => w.begindatum).map((w) => ({ ...w, einddatum: eindigt(w.einddatum) })),
      uitkering: null,
      trajecten: voor(p.participatie.trajecten, (t) => t.startdatum).map((t) => ({ ...t, einddatum: eindigt(t.einddatum), uitkomst: t.uitkomst === 'LOPEND' ? 'UITGEVALLEN' as const : t.uitkomst })),
      jongerenInBeeld: null,
    },
    zorg: {
      toewijzingen: voor(p.zorg.toewijzingen, (t) => t.begindatum).map((t) => {
        const stoptBijOverlijden = t.startZorg !== null && (t.stopZorg === null || t.stopZorg > dood);
        return { ...t, einddatum: eindigt(t.einddatum), stopZorg: stoptBijOverlijden ? dood : t.stopZorg,
          redenBeeindiging: stoptBijOverlijden ? { code: '02', omschrijving: 'Overlijden' } : t.redenBeeindiging };
      }),
    },
  };
}
