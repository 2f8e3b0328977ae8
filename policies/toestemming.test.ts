import { loadRegister } from './register';
import { gedekteCategorieen, magBevestigen, magIntrekken, magVastleggen, statusOp, zichtbaar, type ToestemmingFeit, type Wie } from './toestemming';

/** The consent model's rules on their own: the register and a stored consent in, a decision out. */
const register = loadRegister();
const DAG = '2026-11-01';
const loket1: Wie = { zelf: false, bsn: null, medewerker: 'loket-1', rol: 'jongerenloket', organisatie: 'GM0518' };
const loket2: Wie = { ...loket1, medewerker: 'loket-2' };
const loketElders: Wie = { ...loket1, medewerker: 'loket-9', organisatie: 'GM0603' };
const roos: Wie = { zelf: true, bsn: '999995145', medewerker: 'roos', rol: 'jongere', organisatie: null };
const pending: ToestemmingFeit = {
  bsn: '999995145', activiteit: 'jongerenloket-intake', categorieen: ['betrokkenen'], ontvanger: { soort: 'ORGANISATIE', waarde: 'GM0518' }, status: 'IN_AFWACHTING',
  geldigTot: '2027-06-01', ingetrokkenOp: null, vastgelegd: { door: 'MEDEWERKER', medewerker: 'loket-1', organisatie: 'GM0518' },
  bewijs: { soort: 'ONDERTEKEND_FORMULIER', referentie: 'dossier 4', datum: '2026-10-31' },
};
const code = (b: ReturnType<typeof magVastleggen>) => (b.uitkomst === 'NIET_TOEGESTAAN' ? b.code : b.uitkomst);

describe('the consent model', () => {
  it('lets an employee record consent only for their own processing, with their own organisation as recipient', () => {
    const invoer = { bsn: '999995145', activiteit: 'jongerenloket-intake', ontvanger: { soort: 'ORGANISATIE', waarde: 'GM0518' } };
    expect(code(magVastleggen(register, loket1, invoer, DAG))).toBe('TOEGESTAAN');
    expect(code(magVastleggen(register, loket1, { ...invoer, activiteit: 'reintegratie-participatiewet' }, DAG))).toBe('CONSENT_NOT_OWN_PROCESSING');
    expect(code(magVastleggen(register, loket1, { ...invoer, ontvanger: { soort: 'ORGANISATIE', waarde: '91AA' } }, DAG))).toBe('CONSENT_NOT_OWN_PROCESSING');
    expect(code(magVastleggen(register, loket1, { ...invoer, ontvanger: { soort: 'ROL', waarde: 'jongerenloket' } }, DAG))).toBe('CONSENT_NOT_OWN_PROCESSING');
    // The young person gives their own consent to any service the register allows, and never someone else's.
    expect(code(magVastleggen(register, roos, { ...invoer, activiteit: 'reintegratie-participatiewet', ontvanger: { soort: 'ROL', waarde: 'werkcoach' } }, DAG))).toBe('TOEGESTAAN');
    expect(code(magVastleggen(register, roos, { ...invoer, bsn: '900001756' }, DAG))).toBe('BUITEN_BEREIK');
  });

  it('confirms a pending consent by the young person, or by a second employee of the same organisation on evidence', () => {
    expect(code(magBevestigen(register, pending, roos, DAG))).toBe('TOEGESTAAN');
    expect(code(magBevestigen(register, pending, loket2, DAG))).toBe('TOEGESTAAN');
    expect(code(magBevestigen(register, pending, loket1, DAG))).toBe('CONSENT_FOUR_EYES');
    expect(code(magBevestigen(register, { ...pending, bewijs: null }, loket2, DAG))).toBe('CONSENT_EVIDENCE_REQUIRED');
    expect(code(magBevestigen(register, pending, loketElders, DAG))).toBe('CONSENT_NOT_OWN_PROCESSING');
    expect(code(magBevestigen(register, { ...pending, status: 'ACTIEF' }, loket2, DAG))).toBe('CONSENT_NOT_FOUND');
    expect(code(magBevestigen(register, null, roos, DAG))).toBe('CONSENT_NOT_FOUND');
  });

  it('lets the young person withdraw any consent, an employee their own organisation\'s or any on a recorded request', () => {
    const werkcoach: ToestemmingFeit = { ...pending, activiteit: 'reintegratie-participatiewet', status: 'ACTIEF', ontvanger: { soort: 'ROL', waarde: 'werkcoach' }, vastgelegd: { door: 'JONGERE' } };
    expect(code(magIntrekken(werkcoach, roos, null, DAG))).toBe('TOEGESTAAN');
    expect(code(magIntrekken(werkcoach, loket1, null, DAG))).toBe('CONSENT_NOT_OWN_PROCESSING');
    expect(code(magIntrekken(werkcoach, loket1, { datum: DAG, kanaal: 'BALIE' }, DAG))).toBe('TOEGESTAAN');
    expect(code(magIntrekken(pending, loket1, null, DAG))).toBe('TOEGESTAAN');
    expect(code(magIntrekken({ ...pending, ingetrokkenOp: '2026-10-31T10:00:00Z' }, roos, null, DAG))).toBe('CONSENT_NOT_FOUND');
  });

  it('shows an employee only the consents of the activity they work under that concern their organisation or role; the young person all', () => {
    const loket = register.activiteiten.find((a) => a.id === 'jongerenloket-intake' && a.versie === 3)!;
    const werkcoach: ToestemmingFeit = { ...pending, activiteit: 'reintegratie-participatiewet', ontvanger: { soort: 'ROL', waarde: 'werkcoach' }, vastgelegd: { door: 'JONGERE' } };
    expect(zichtbaar(pending, loket, loket1)).toBe(true);
    expect(zichtbaar(pending, loket, loketElders)).toBe(false);
    expect(zichtbaar(werkcoach, loket, loket1)).toBe(false);
    expect(zichtbaar(werkcoach, loket, roos)).toBe(true);
    expect(zichtbaar({ ...pending, bsn: '900001756' }, loket, roos)).toBe(false);
  });

  it('knows a consent\'s state on a day, and never reads more into it than was named', () => {
    expect(statusOp(pending, DAG)).toBe('IN_AFWACHTING');
    expect(statusOp({ ...pending, status: 'ACTIEF' }, DAG)).toBe('ACTIEF');
    expect(statusOp({ ...pending, status: 'ACTIEF' }, '2027-06-01')).toBe('VERLOPEN');
    expect(statusOp({ ...pending, ingetrokkenOp: '2026-10-01T00:00:00Z' }, DAG)).toBe('INGETROKKEN');
    // A record from before categories were stored: what the version in force when it was given asked consent for.
    // doorstroompunt-begeleiding@2 (2026-10) asked consent for two categories; version 3 added betrokkenen.
    expect(gedekteCategorieen(register, { activiteit: 'doorstroompunt-begeleiding', categorieen: null, registerversie: null, gegevenOp: '2026-10-15T09:00:00Z' }).sort())
      .toEqual(['participatie.traject', 'participatie.uitkering']);
    expect(gedekteCategorieen(register, { activiteit: 'doorstroompunt-begeleiding', categorieen: null, registerversie: 4, gegevenOp: '2026-10-15T09:00:00Z' }).sort())
      .toEqual(['betrokkenen', 'participatie.traject', 'participatie.uitkering']);
    expect(gedekteCategorieen(register, { activiteit: 'x', categorieen: ['vsv'], registerversie: 1, gegevenOp: DAG })).toEqual(['vsv']);
  });
});
