import { startSystem, type RunningSystem, type SystemOptions } from '../../system';

/** The fixed day the test population is generated for and the system believes it is. */
export const TEST_DAY = '2026-11-01';
export const testClock = () => new Date(`${TEST_DAY}T12:00:00Z`);

/** Starts the whole system on free loopback ports, with the default population size, in memory. */
export function startTestSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  return startSystem({
    population: { seed: 20260101, size: 10_000, peildatum: TEST_DAY },
    clock: testClock,
    ports: { gateway: 0 },
    dataDir: ':memory:',
    log: () => {},
    ...options,
  });
}
