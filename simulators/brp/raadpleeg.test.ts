import { join } from 'node:path';
import { close, listen } from '../../lib/http';
import { Population } from '../../population/generator';
import { OpenApiValidator } from '../../test/support/openapi';
import { createBrpSimulator } from './server';
import { withoutKnownSpecConflicts } from './spec-conflicts';

/**
 * features/bevragen/raadpleeg-met-burgerservicenummer/{fout-cases,overzicht}.feature of
 * BRP-API/Haal-Centraal-BRP-bevragen, scenario by scenario. The overzicht scenarios use RvIG's own
 * test persons (the feature's 000000024 is played by Suzanne Moulin, 999993653, registered in 0599).
 */
const population = new Population({ size: 100, seed: 5, peildatum: '2026-11-01' });
const validator = new OpenApiValidator(join(__dirname, '..', '..', 'adapters', 'brp', 'haal-centraal', 'spec', 'openapi.yaml'));
const INSTANCE = '/haalcentraal/api/brp/personen';
const sim = createBrpSimulator(population, () => new Date('2026-11-01T12:00:00Z'));
let url: string;
beforeAll(async () => { url = await listen(sim.server); });
afterAll(() => close(sim.server));

async function zoek(params: Record<string, unknown>) {
  const res = await fetch(`${url}${INSTANCE}`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'RaadpleegMetBurgerservicenummer', fields: ['burgerservicenummer'], ...params }) });
  return { status: res.status, body: await res.json() as any };
}
const fout = (title: 'C' | 'V', namen: string[], invalidParams: { code: string; name: string; reason: string }[]) => ({
  type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1',
  title: title === 'C' ? 'Minimale combinatie van parameters moet worden opgegeven.' : 'Een of meerdere parameters zijn niet correct.',
  status: 400, detail: `De foutieve parameter(s) zijn: ${namen.join(', ')}.`, code: title === 'C' ? 'paramsCombination' : 'paramsValidation', instance: INSTANCE, invalidParams,
});
const PATROON_BSN = 'Waarde voldoet niet aan patroon ^[0-9]{9}$.';
const PATROON_GEM = 'Waarde voldoet niet aan patroon ^[0-9]{4}$.';
const TWINTIG_PLUS = '999999321,999995492,999991802,999995492,999991802,999995492,999991802,999995492,999991802,999995492,999991802,999995492,999991802,999995492,999991802,999995492,999991802,999995492,999991802,999995492,999991802'.split(',');

const FOUT_CASES: [string, Record<string, unknown>, ReturnType<typeof fout>][] = [
  ['De burgerservicenummer parameter is niet opgegeven', {},
    fout('C', ['burgerservicenummer'], [{ code: 'required', name: 'burgerservicenummer', reason: 'Parameter is verplicht.' }])],
  ['De burgerservicenummer parameter bevat een lege lijst', { burgerservicenummer: [] },
    fout('V', ['burgerservicenummer'], [{ code: 'minItems', name: 'burgerservicenummer', reason: 'Array bevat minder dan 1 items.' }])],
  ['De burgerservicenummer parameter bevat een string van burgerservicenummers gescheiden door een komma', { burgerservicenummer: '999994086,999994086,999994086' },
    fout('V', ['burgerservicenummer'], [{ code: 'array', name: 'burgerservicenummer', reason: 'Parameter is geen array.' }])],
  ...([['De opgegeven burgerservicenummer is een string met minder dan negen cijfers', '12345678'],
    ['De opgegeven burgerservicenummer is een string met meer dan negen cijfers', '1234567890'],
    ['De opgegeven burgerservicenummer bevat niet-cijfer karakters', '<script>123456789</script>']] as const).map(([titel, bsn]): [string, Record<string, unknown>, ReturnType<typeof fout>] =>
    [titel, { burgerservicenummer: [bsn] }, fout('V', ['burgerservicenummer[0]'], [{ code: 'pattern', name: 'burgerservicenummer[0]', reason: PATROON_BSN }])]),
  ['De burgerservicenummer parameter bevat meerdere ongeldige burgerservicenummers', { burgerservicenummer: ['1234567890', '123456789', '1234567890'] },
    fout('V', ['burgerservicenummer[0]', 'burgerservicenummer[2]'], [{ code: 'pattern', name: 'burgerservicenummer[0]', reason: PATROON_BSN }, { code: 'pattern', name: 'burgerservicenummer[2]', reason: PATROON_BSN }])],
  ['De burgerservicenummer parameter bevat meer dan 20 burgerservicenummers', { burgerservicenummer: TWINTIG_PLUS },
    fout('V', ['burgerservicenummer'], [{ code: 'maxItems', name: 'burgerservicenummer', reason: 'Array bevat meer dan 20 items.' }])],
  ...([['De opgegeven gemeenteVanInschrijving waarde is minder dan 4 cijfers lang', '123'],
    ['De opgegeven gemeenteVanInschrijving waarde is meer dan 4 cijfers lang', '12345'],
    ['De opgegeven gemeenteVanInschrijving waarde bevat ongeldige karakters', "<script>alert('hello world');</script>"]] as const).map(([titel, g]): [string, Record<string, unknown>, ReturnType<typeof fout>] =>
    [titel, { burgerservicenummer: ['999999321', '999995492'], gemeenteVanInschrijving: g }, fout('V', ['gemeenteVanInschrijving'], [{ code: 'pattern', name: 'gemeenteVanInschrijving', reason: PATROON_GEM }])]),
  ...([['zoeken met parameter uit ander zoektype', 'voornamen', 'Pietje'], ['typfout in naam optionele parameter', 'gemeenteVanInschijving', '0363'],
    ['zoeken met niet gespecificeerde parameter', 'bestaatNiet', 'een waarde']] as const).map(([titel, p, w]): [string, Record<string, unknown>, ReturnType<typeof fout>] =>
    [titel, { burgerservicenummer: ['999999321'], [p]: w }, fout('V', [p], [{ code: 'unknownParam', name: p, reason: 'Parameter is niet verwacht.' }])]),
];

describe('raadpleeg-met-burgerservicenummer/fout-cases.feature', () => {
  it.each(FOUT_CASES)('raadpleeg-met-burgerservicenummer/fout-cases.feature: %s', async (_titel, params, expected) => {
    const res = await zoek(params);
    expect([res.status, res.body]).toEqual([400, expected]);
    expect(withoutKnownSpecConflicts(validator.errors('/personen', 'post', 400, 'application/problem+json', res.body))).toEqual([]);
  });
});

describe('raadpleeg-met-burgerservicenummer/overzicht.feature', () => {
  const valid = (body: unknown) => expect(withoutKnownSpecConflicts(validator.errors('/personen', 'post', 200, 'application/json; charset=utf-8', body))).toEqual([]);

  it('raadpleeg-met-burgerservicenummer/overzicht.feature: Raadpleeg één persoon', async () => {
    const res = await zoek({ burgerservicenummer: ['999993653'] });
    expect([res.status, res.body.personen]).toEqual([200, [{ burgerservicenummer: '999993653' }]]);
    valid(res.body);
  });

  it('raadpleeg-met-burgerservicenummer/overzicht.feature: Raadpleeg meerdere personen', async () => {
    const bsns = ['999993653', '999990639', '999992806'];
    const res = await zoek({ burgerservicenummer: bsns });
    expect(res.body.personen.map((p: { burgerservicenummer: string }) => p.burgerservicenummer).sort()).toEqual([...bsns].sort());
    valid(res.body);
  });

  it('raadpleeg-met-burgerservicenummer/overzicht.feature: Raadpleeg persoon met gemeenteVanInschrijving (0599: found; 0518: 0 personen)', async () => {
    expect((await zoek({ burgerservicenummer: ['999993653'], gemeenteVanInschrijving: '0599' })).body.personen).toEqual([{ burgerservicenummer: '999993653' }]);
    expect((await zoek({ burgerservicenummer: ['999993653'], gemeenteVanInschrijving: '0518' })).body.personen).toEqual([]);
  });
});
