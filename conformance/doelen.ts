import { createHaalCentraalBrp } from '../adapters/brp/haal-centraal/client';
import type { Persoonsgegevens } from '../adapters/brp/port';
import { createReferentieLeerplicht } from '../adapters/leerplicht/referentie/client';
import type { DoorstroomDossier } from '../adapters/leerplicht/port';
import { createReferentieParticipatie } from '../adapters/participatie/referentie/client';
import type { ParticipatieDossier } from '../adapters/participatie/port';
import { createReferentieZorg } from '../adapters/zorg/referentie/client';
import type { Zorgtoewijzing } from '../adapters/zorg/port';
import type { SourceOptions } from '../lib/sources/source';
import { DUO, type FeedDoel } from './feed';
import type { Doel } from './suite';

/** `expected` against `actual` as a readable line, or nothing when equal. */
const verschil = (veld: string, verwacht: unknown, kreeg: unknown) => (JSON.stringify(verwacht) === JSON.stringify(kreeg) ? [] : [`${veld} is ${JSON.stringify(kreeg)}, the source holds ${JSON.stringify(verwacht)}`]);

export const BRP: Doel<Persoonsgegevens> = {
  naam: 'brp/haal-centraal', simulator: 'brp',
  maak: (o: SourceOptions) => { const b = createHaalCentraalBrp(o); return { batchSize: b.batchSize, haal: (bsns) => b.personen(bsns) }; },
  leeg: (w) => w === undefined,
  vergelijk: (p, w) => w === undefined ? ['missing: every person the source holds must be in the answer'] : [
    ...verschil('geslachtsnaam', p.geslachtsnaam, w.geslachtsnaam), ...verschil('voornamen', p.voornamen, w.voornamen),
    ...verschil('geboortedatum', p.geboortedatum, w.geboortedatum), ...verschil('gemeenteCode', p.gemeenteCode, w.gemeenteCode),
    ...verschil('postcode', p.adres.postcode.replace(' ', ''), w.adres?.postcode?.replace(' ', '')),
  ],
  // RvIG's test persons (brp-gbav-testset): names with Polish, Hungarian and Icelandic letters.
  diakrieten: [
    { bsn: '999990172', geslachtsnaam: 'Żywiałowska', lees: (w) => w?.geslachtsnaam ?? null },
    { bsn: '999991358', geslachtsnaam: 'Eötvös', lees: (w) => w?.geslachtsnaam ?? null },
    { bsn: '999991553', geslachtsnaam: 'Sigurðardóttir', lees: (w) => w?.geslachtsnaam ?? null },
  ],
};

export const PARTICIPATIE: Doel<ParticipatieDossier> = {
  naam: 'participatie/referentie', simulator: 'participatie',
  maak: (o) => { const b = createReferentieParticipatie(o); return { batchSize: b.batchSize, haal: (bsns) => b.dossiers(bsns) }; },
  leeg: (w) => w === undefined || (w.uitkering === null && w.trajecten.length === 0 && w.jongerenInBeeld === null && w.dienstverbanden.length === 0),
  vergelijk: (p, w) => [
    ...verschil('uitkering', p.participatie.uitkering?.soort ?? null, w?.uitkering?.soort ?? null),
    ...verschil('trajecten', p.participatie.trajecten.map((t) => t.id), (w?.trajecten ?? []).map((t) => t.id)),
    ...verschil('dienstverbanden', p.participatie.werk.map((d) => d.begindatum), (w?.dienstverbanden ?? []).map((d) => d.begindatum)),
  ],
};

export const ZORG: Doel<Zorgtoewijzing[]> = {
  naam: 'zorg/referentie', simulator: 'zorg',
  maak: (o) => { const b = createReferentieZorg(o); return { batchSize: b.batchSize, haal: (bsns) => b.toewijzingen(bsns) }; },
  leeg: (w) => w === undefined || w.length === 0,
  vergelijk: (p, w) => verschil('toewijzingen', p.zorg.toewijzingen.map((t) => t.id).sort(), (w ?? []).map((t) => t.toewijzingsnummer).sort()),
};

export const LEERPLICHT: Doel<DoorstroomDossier> = {
  naam: 'leerplicht/referentie', simulator: 'leerplicht',
  maak: (o) => { const b = createReferentieLeerplicht(o); return { batchSize: b.batchSize, haal: (bsns) => b.dossiers(bsns) }; },
  leeg: (w) => w === undefined || (w.trajecten.length === 0 && w.verzuimmeldingen.length === 0 && w.vsvMeldingen.length === 0),
  vergelijk: (p, w) => [
    ...verschil('trajecten', p.leerplicht.trajecten.map((t) => t.id), (w?.trajecten ?? []).map((t) => t.id)),
    ...verschil('verzuimmeldingen', p.leerplicht.verzuimmeldingen.map((v) => v.id), (w?.verzuimmeldingen ?? []).map((v) => v.id)),
  ],
  // A caseload search (the Doorstroompunt's): every page to the end, a small page size to force many pages.
  pagineer: async (o) => {
    const b = createReferentieLeerplicht(o);
    const gelezen: string[] = [];
    let na: string | undefined;
    let totaal = 0;
    for (let pagina = 0; pagina < 10_000; pagina++) {
      const r = await b.zoek({ limiet: 37, ...(na ? { na } : {}) });
      totaal = r.totaal;
      gelezen.push(...r.bsns);
      if (!r.meer || r.bsns.length === 0) break;
      na = r.bsns.at(-1);
    }
    return { totaal, gelezen };
  },
};

/** Every adapter this project ships, by name: the look-ups and the education feed. */
export const GELEVERDE_ADAPTERS: readonly (Doel<any> | FeedDoel)[] = [BRP, PARTICIPATIE, ZORG, LEERPLICHT, DUO];
