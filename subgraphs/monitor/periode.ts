import { addDays, addMonths } from '../../lib/domain/dates';
import { AppError } from '../../lib/errors';

/**
 * A fixed reporting period: a month (`2026-10`) or a quarter (`2026-K3`). Figures exist only for
 * these, never for a free date, so two queries cannot be set a day apart to isolate one person.
 */
export interface Periode { code: string; soort: 'MAAND' | 'KWARTAAL'; begin: string; einde: string; maanden: string[] }

const MAAND = /^(\d{4})-(0[1-9]|1[0-2])$/;
const KWARTAAL = /^(\d{4})-K([1-4])$/;

export function parsePeriode(code: string): Periode {
  const m = MAAND.exec(code);
  if (m) {
    const begin = `${code}-01`;
    return { code, soort: 'MAAND', begin, einde: addDays(addMonths(begin, 1), -1), maanden: [code] };
  }
  const k = KWARTAAL.exec(code);
  if (k) {
    const eerste = (Number(k[2]) - 1) * 3 + 1;
    const maanden = [0, 1, 2].map((i) => `${k[1]}-${String(eerste + i).padStart(2, '0')}`);
    return { code, soort: 'KWARTAAL', begin: `${maanden[0]}-01`, einde: addDays(addMonths(`${maanden[2]}-01`, 1), -1), maanden };
  }
  throw new AppError('BAD_USER_INPUT', `periode must be a month (yyyy-mm) or a quarter (yyyy-Kn); received "${code}"`, { argument: 'periode', rule: 'PERIODE' });
}

export const formatKwartaal = (maand: string) => `${maand.slice(0, 4)}-K${Math.floor((Number(maand.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * The periods published on `today`: the last `maanden` closed months, and every quarter all of
 * whose months are among them. A month closes on its last day; the running month is never shown.
 */
export function gepubliceerdePeriodes(today: string, maanden = 24): Periode[] {
  const laatste = addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const lijst: string[] = [];
  for (let i = maanden - 1; i >= 0; i--) lijst.push(addMonths(`${laatste}-01`, -i).slice(0, 7));
  const kwartalen = [...new Set(lijst.map(formatKwartaal))].map(parsePeriode).filter((k) => k.maanden.every((m) => lijst.includes(m)));
  return [...lijst.map(parsePeriode), ...kwartalen];
}
