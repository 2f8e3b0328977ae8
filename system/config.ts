import { isoDate } from '../lib/dates';
import type { SystemOptions } from './index';

/**
 * Reads the embedded system's configuration from environment variables, validating each.
 * Every variable is optional; see the README's configuration table.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env, today = new Date()): SystemOptions {
  const int = (name: string, min: number, max: number): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`${name} must be an integer from ${min} to ${max}; received "${raw}"`);
    }
    return value;
  };
  const peildatum = env.PEILDATUM || isoDate(today);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(peildatum)) throw new RangeError(`PEILDATUM must be an ISO date (yyyy-mm-dd); received "${peildatum}"`);
  return {
    population: { size: int('POPULATION_SIZE', 0, 2_900_000), seed: int('POPULATION_SEED', 0, 2 ** 31 - 1), peildatum },
    ports: { gateway: int('PORT', 0, 65535) ?? 4000 },
    dataDir: env.DATA_DIR || 'data',
    sourceTimeoutMs: int('SOURCE_TIMEOUT_MS', 1, 600_000),
  };
}
