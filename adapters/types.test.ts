import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const adapters = readdirSync(__dirname, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((system) =>
  readdirSync(join(__dirname, system.name), { withFileTypes: true }).filter((d) => d.isDirectory())
    .map((vendor) => join(__dirname, system.name, vendor.name)).filter((dir) => existsSync(join(dir, 'spec', 'openapi.yaml'))));

describe('adapter folders', () => {
  it('exist for all five source systems', () => {
    expect(adapters.map((a) => a.split('/').slice(-2).join('/')).sort()).toEqual(
      ['brp/haal-centraal', 'leerplicht/referentie', 'onderwijs/duo-levering', 'participatie/referentie', 'zorg/referentie']);
  });

  it('have types generated from their current specs (run `npm run generate:types` when this fails)', () => {
    // openapi-typescript is ESM-only inside; run the generator as the npm script does, in check mode.
    const run = () => execFileSync(process.execPath, [require.resolve('tsx/cli'), join(__dirname, '..', 'scripts', 'generate-types.ts'), '--check'],
      { encoding: 'utf8', stdio: 'pipe' });
    expect(run).not.toThrow();
  });

  it.each(adapters)('%s has a client, pure mapping functions and their tests', (dir) => {
    for (const file of ['client.ts', 'mapping.ts', 'mapping.test.ts']) expect(existsSync(join(dir, file))).toBe(true);
  });
});
