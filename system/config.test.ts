import { configFromEnv } from './config';

describe('configuration from the environment: parsed and validated once', () => {
  it('reads START_TIMEOUT_MS (how long npm start waits for each service) and leaves it to the default when absent', () => {
    expect(configFromEnv({ START_TIMEOUT_MS: '300000' }).startTimeoutMs).toBe(300_000);
    expect(configFromEnv({}).startTimeoutMs).toBeUndefined();
  });

  it('refuses a value that is not a whole number in range, naming the variable', () => {
    for (const fout of ['abc', '10', '99999999999', '1.5']) expect(() => configFromEnv({ START_TIMEOUT_MS: fout })).toThrow(/START_TIMEOUT_MS/);
    expect(() => configFromEnv({ MONITOR_DREMPEL: '0' })).toThrow(/MONITOR_DREMPEL/);
  });
});

describe('ADAPTER_<SYSTEM>: configuration picks the implementation', () => {
  it('takes a shipped adapter per source system and leaves the rest to their defaults', () => {
    expect(configFromEnv({ ADAPTER_PARTICIPATIE: 'referentie' }).adapters).toEqual({ participatie: 'referentie' });
    expect(configFromEnv({}).adapters).toBeUndefined();
  });

  it('refuses an adapter that is not shipped, naming the variable and the known ones', () => {
    expect(() => configFromEnv({ ADAPTER_ZORG: 'onbekend' })).toThrow('ADAPTER_ZORG must be one of referentie; received "onbekend"');
  });
});
