/** `npm run register`: publishes the register as docs/verwerkingsregister.md and docs/verwerkingsregister.json. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { categoryMap } from '../policies/categories';
import { afgeleideVelden } from '../policies/declaraties';
import { registerAsJson, registerAsMarkdown } from '../policies/publish';
import { loadRegister } from '../policies/register';
import { checkedInSupergraph } from '../schema/compose';

export function publishedRegister(): { markdown: string; json: string } {
  const categories = categoryMap(checkedInSupergraph());
  const register = loadRegister(undefined, { fields: new Set(categories.fields()), afgeleid: afgeleideVelden(checkedInSupergraph()) });
  return { markdown: registerAsMarkdown(register, categories), json: `${JSON.stringify(registerAsJson(register), null, 2)}\n` };
}

export const REGISTER_DOCS = { markdown: join(__dirname, '..', 'docs', 'verwerkingsregister.md'), json: join(__dirname, '..', 'docs', 'verwerkingsregister.json') };

if (require.main === module) {
  const { markdown, json } = publishedRegister();
  writeFileSync(REGISTER_DOCS.markdown, markdown);
  writeFileSync(REGISTER_DOCS.json, json);
  console.log(`wrote ${REGISTER_DOCS.markdown} and ${REGISTER_DOCS.json}`);
}
