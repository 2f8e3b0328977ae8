import { SHOWCASE_BSN } from '../../population/generator';
import type { DemoIdentiteit } from './pages';

/** The demo identities the development sign-in offers: the pilot's Den Haag desk, its neighbours, and two analysts. */
export const DEMO_IDENTITEITEN: DemoIdentiteit[] = [
  { label: 'Consulent Jongerenloket, gemeente Den Haag', rol: 'jongerenloket', org: 'GM0518', activiteit: 'jongerenloket-intake' },
  // A second consultant of the same desk: confirms a consent the first recorded, on its evidence (four eyes).
  { label: 'Tweede consulent Jongerenloket, gemeente Den Haag', rol: 'jongerenloket', org: 'GM0518', activiteit: 'jongerenloket-intake' },
  { label: 'Doorstroomcoach, Doorstroompunt Haaglanden', rol: 'doorstroomcoach', org: 'GM0518', activiteit: 'doorstroompunt-begeleiding' },
  { label: 'Werkcoach, gemeente Den Haag', rol: 'werkcoach', org: 'GM0518', activiteit: 'reintegratie-participatiewet' },
  { label: 'Consulent Wmo/Jeugd, gemeente Den Haag', rol: 'wmo-jeugdconsulent', org: 'GM0518', activiteit: 'wmo-jeugd-toegang' },
  { label: 'Roos Janssen (de jongere zelf)', rol: 'jongere', bsn: SHOWCASE_BSN, activiteit: 'inzage-betrokkene' },
  { label: 'BI-analist, gemeente Den Haag', rol: 'bi-analist', org: 'GM0518', activiteit: 'regionale-monitoring' },
  { label: 'BI-analist, gemeente Emmen', rol: 'bi-analist', org: 'GM0114', activiteit: 'regionale-monitoring' },
];
