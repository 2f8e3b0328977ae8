import { GELEVERDE_ADAPTERS } from '../conformance/doelen';
import { ADAPTERS, maakBron } from './registry';

describe('the adapter registry', () => {
  it('builds the default adapter of every source system, and the chosen one', () => {
    for (const systeem of Object.keys(ADAPTERS) as (keyof typeof ADAPTERS)[]) {
      expect(maakBron(systeem, { baseUrl: 'http://127.0.0.1:9' })).toBeDefined();
    }
    expect(() => maakBron('brp', { baseUrl: 'http://127.0.0.1:9' }, { brp: 'andere-leverancier' })).toThrow(/ADAPTER_BRP must be one of haal-centraal/);
  });

  it('has every shipped adapter in the conformance suite (npm run conformance), against its own simulator', () => {
    for (const [systeem, implementaties] of Object.entries(ADAPTERS)) {
      for (const naam of Object.keys(implementaties)) {
        const doel = GELEVERDE_ADAPTERS.find((d) => d.naam.endsWith(`/${naam}`) && d.simulator === systeem);
        expect([systeem, naam, doel !== undefined]).toEqual([systeem, naam, true]);
      }
    }
    expect(GELEVERDE_ADAPTERS.length).toBe(Object.values(ADAPTERS).reduce((n, i) => n + Object.keys(i).length, 0));
  });
});
