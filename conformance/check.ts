import { isAppError } from '../lib/errors';

/** One check's outcome: passed, failed with what to fix, or skipped with why. */
export interface Uitslag { check: string; ok: boolean; melding?: string; overgeslagen?: string }

/** The error code of a failure (a SourceError's code, else the error's name). */
export const code = (e: unknown) => (isAppError(e) ? e.code : (e as Error)?.name ?? String(e));

/** A check runner that appends to `uit`: the check returns null when it passes, else what to fix; a throw fails it too. */
export function checker(uit: Uitslag[]) {
  return async (naam: string, f: () => Promise<string | null>) => {
    try {
      const melding = await f();
      uit.push({ check: naam, ok: melding === null, ...(melding ? { melding } : {}) });
    } catch (e) {
      uit.push({ check: naam, ok: false, melding: `threw ${code(e)}: ${(e as Error)?.message ?? e}` });
    }
  };
}
