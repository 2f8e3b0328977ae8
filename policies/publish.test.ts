import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { publishedRegister, REGISTER_DOCS } from '../scripts/register';

describe('the published register', () => {
  const { markdown, json } = publishedRegister();

  it('is up to date in docs/ (run `npm run register` when this fails)', () => {
    expect(readFileSync(REGISTER_DOCS.markdown, 'utf8')).toBe(markdown);
    expect(readFileSync(REGISTER_DOCS.json, 'utf8')).toBe(json);
  });

  it('lists per activity its purpose, legal basis and the fields it reaches', () => {
    expect(markdown).toContain('## Toegang tot Wmo-ondersteuning en jeugdhulp (`wmo-jeugd-toegang@1`)');
    expect(markdown).toMatch(/Grondslag: Jeugdwet \(hoofdstuk 7\.4\) en Wet maatschappelijke ondersteuning 2015 \(hoofdstuk 5\)/);
    expect(markdown).toContain('| `Jongere.zorgtoewijzingen` | zorg.detail |  |');
    expect(markdown).toContain('| `Jongere.uitkering` | participatie.uitkering | ja |');
  });

  it('has activity versions shaped like the draft Register API of Logboek Dataverwerkingen', () => {
    const api = JSON.parse(readFileSync(join(__dirname, 'reference', 'logboek-register-verwerkingsactiviteiten-openapi.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const version = ajv.compile({ ...api.components.schemas.ProcessingActivityVersion, additionalProperties: true });
    const activity = ajv.compile(api.components.schemas.ProcessingActivity);
    const doc = JSON.parse(json);
    expect(doc.processingActivities).toHaveLength(10);
    for (const a of doc.processingActivities) {
      expect([a['x-id'], activity(a), activity.errors]).toEqual([a['x-id'], true, null]);
      for (const v of a.versions) expect([a['x-id'], version(v), version.errors]).toEqual([a['x-id'], true, null]);
    }
  });
});
