import { loadRegister } from '../../policies/register';
import { controleerInvoer, type ToestemmingInvoer } from './invoer';

const register = loadRegister();
const today = new Date('2026-11-01T12:00:00Z');
const geldig: ToestemmingInvoer = {
  bsn: '999995145', activiteit: 'jongerenloket-intake', categorieen: ['betrokkenen', 'zorg.indicatie'],
  ontvanger: { soort: 'ORGANISATIE', waarde: 'GM0518' }, doel: 'intake', geldigTot: '2027-11-01',
};
const fout = (invoer: Partial<ToestemmingInvoer>) => {
  try {
    controleerInvoer({ ...geldig, ...invoer }, register, today);
    return null;
  } catch (e) {
    return (e as { extensions: { code: string; argument?: string } }).extensions;
  }
};

describe('a consent is checked against the register before it is stored', () => {
  it('accepts categories the activity in force asks consent for, a role of it or an organisation code, and trims', () => {
    expect(controleerInvoer({ ...geldig, doel: '  intake  ', categorieen: ['betrokkenen', 'betrokkenen'] }, register, today))
      .toEqual({ ...geldig, doel: 'intake', categorieen: ['betrokkenen'], bewijs: null, registerversie: 3 });
    expect(fout({ ontvanger: { soort: 'ROL', waarde: 'jongerenloket' } })).toBeNull();
    expect(fout({ ontvanger: { soort: 'ORGANISATIE', waarde: '91AA' } })).toBeNull();
  });

  it('refuses an unknown activity, a category the activity grants outright or does not know, and an empty list', () => {
    expect(fout({ activiteit: 'bestaat-niet' })).toMatchObject({ code: 'UNKNOWN_ACTIVITY' });
    // identificatie is granted outright under jongerenloket-intake@3: consent is not asked for it.
    expect(fout({ categorieen: ['identificatie'] })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.categorieen' });
    expect(fout({ categorieen: ['participatie.inkomen'] })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.categorieen' });
    expect(fout({ categorieen: [] })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.categorieen' });
  });

  it('refuses a role that does not work under the activity and a malformed organisation', () => {
    expect(fout({ ontvanger: { soort: 'ROL', waarde: 'werkcoach' } })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.ontvanger' });
    expect(fout({ ontvanger: { soort: 'ORGANISATIE', waarde: 'gemeente' } })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.ontvanger' });
  });

  it('needs a purpose and an end date after today, at most two years ahead', () => {
    expect(fout({ doel: '   ' })).toMatchObject({ argument: 'invoer.doel' });
    expect(fout({ doel: 'x'.repeat(501) })).toMatchObject({ argument: 'invoer.doel' });
    expect(fout({ geldigTot: '2026-11-01' })).toMatchObject({ argument: 'invoer.geldigTot' });
    expect(fout({ geldigTot: '2028-11-02' })).toMatchObject({ argument: 'invoer.geldigTot' });
    expect(fout({ geldigTot: '2028-11-01' })).toBeNull();
    expect(fout({ geldigTot: '1 januari' })).toMatchObject({ argument: 'invoer.geldigTot' });
  });
});

describe('a consent\'s end date and evidence', () => {
  it('must be a calendar date after today and within the register\'s maximum term (P2Y)', () => {
    expect(fout({ geldigTot: '2028-11-01' })).toBeNull();
    expect(fout({ geldigTot: '2028-11-02' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.geldigTot' });
    expect(fout({ geldigTot: '2027-02-29' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.geldigTot' });
    expect(fout({ geldigTot: '2026-11-01' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'invoer.geldigTot' });
  });

  it('accepts evidence with a reference and a date not in the future, and refuses it incomplete', () => {
    expect(fout({ bewijs: { soort: 'ONDERTEKEND_FORMULIER', referentie: 'dossier 12', datum: '2026-10-30' } })).toBeNull();
    expect(fout({ bewijs: { soort: 'ONDERTEKEND_FORMULIER', referentie: ' ', datum: '2026-10-30' } })).toMatchObject({ argument: 'invoer.bewijs.referentie' });
    expect(fout({ bewijs: { soort: 'OPGENOMEN_GESPREK', referentie: 'opname 3', datum: '2026-11-02' } })).toMatchObject({ argument: 'invoer.bewijs.datum' });
  });
});
