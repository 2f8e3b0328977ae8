import fc from 'fast-check';
import { parseLevering } from './mapping';

const HEADER = 'regelsoort;regelId;bsn;woongemeente;brin;instelling;onderwijssoort;niveau;leerweg;opleidingscode;opleiding;datum;inschrijvingId';
const ok = 'INSCHRIJVING;INS-1;999993653;GM0518;91AB;ROC Nieuw Land;MBO;2;BOL;25255;Logistiek medewerker;2024-08-01;INS-1';

describe('DUO delivery parsing', () => {
  it('reads valid rows', () => {
    const { regels, fouten } = parseLevering(`${HEADER}\n${ok}\n`);
    expect(fouten).toEqual([]);
    expect(regels).toEqual([{ soort: 'INSCHRIJVING', regelId: 'INS-1', bsn: '999993653', woongemeente: 'GM0518', brin: '91AB',
      instelling: 'ROC Nieuw Land', onderwijssoort: 'MBO', niveau: '2', leerweg: 'BOL', opleidingscode: '25255',
      opleiding: 'Logistiek medewerker', datum: '2024-08-01', inschrijvingId: 'INS-1' }]);
  });

  it('reports each malformed row with its line number and keeps the rest', () => {
    const text = [HEADER, ok,
      ok.replace('999993653', '123456789'),
      ok.replace('2024-08-01', '2024-13-45'),
      'INSCHRIJVING;INS-3;999993653',
      ok.replace('INSCHRIJVING', 'VERHUIZING'),
      ok.replace('INS-1;999993653', 'INS-9;999993653')].join('\n');
    const { regels, fouten } = parseLevering(text);
    expect(regels.map((r) => r.regelId)).toEqual(['INS-1', 'INS-9']);
    expect(fouten.map((f) => f.regel)).toEqual([3, 4, 5, 6]);
    expect(fouten[0].melding).toMatch(/elfproef/);
    expect(fouten[3].melding).toMatch(/unknown regelsoort/);
  });

  it('refuses a file without the required columns as a whole', () => {
    expect(parseLevering('a;b\n1;2').fouten).toEqual([{ regel: 1, melding: expect.stringMatching(/header lacks column/) }]);
  });

  it('never throws, whatever the file holds', () => {
    fc.assert(fc.property(fc.array(fc.string(), { maxLength: 5 }), (lines) => {
      const result = parseLevering([HEADER, ...lines].join('\n'));
      expect(result.regels.length + result.fouten.length).toBeLessThanOrEqual(lines.length + 1);
    }));
  });
});
