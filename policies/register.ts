import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Register, Verwerkingsactiviteit } from './types';

export const REGISTER_PATH = join(__dirname, 'verwerkingsregister.yaml');
const SCHEMA = JSON.parse(readFileSync(join(__dirname, 'verwerkingsregister.schema.json'), 'utf8'));

/** Thrown at start when the register is invalid; every problem names its line. */
export class RegisterError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`invalid register ${file}:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'RegisterError';
  }
}

export interface RegisterContext {
  /** Every `Type.field` of the supergraph, to check `uitgezonderd`. */
  fields?: Set<string>;
  /** The derived fields of the supergraph with the categories of their sources, to check `afgeleid`. */
  afgeleid?: Map<string, string[]>;
}

/** Loads and validates a register file. */
export function loadRegister(path: string = REGISTER_PATH, context: RegisterContext = {}): Register {
  return parseRegister(readFileSync(path, 'utf8'), path, context);
}

export function parseRegister(text: string, file = 'register', context: RegisterContext = {}): Register {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const lineOf = (path: (string | number)[]) => lineOfPath(doc, lines, path);
  if (doc.errors.length) throw new RegisterError(file, doc.errors.map((e) => `line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`));
  const raw = doc.toJS() as any;
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile<any>(SCHEMA);
  if (!validate(raw)) {
    throw new RegisterError(file, (validate.errors ?? []).map((e) => {
      const path = e.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      return `line ${lineOf(path)}: ${e.instancePath || '(root)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`;
    }));
  }
  const problems: string[] = [];
  const categorieen = new Map<string, any>();
  raw.categorieen.forEach((c: any, i: number) => {
    if (categorieen.has(c.id)) problems.push(`line ${lineOf(['categorieen', i, 'id'])}: duplicate category "${c.id}"`);
    categorieen.set(c.id, { bijzonder: false, openbaar: false, strafrechtelijk: false, ...c });
  });
  const rollen = new Map<string, any>();
  raw.rollen.forEach((r: any, i: number) => {
    if (rollen.has(r.id)) problems.push(`line ${lineOf(['rollen', i, 'id'])}: duplicate role "${r.id}"`);
    rollen.set(r.id, r);
  });
  const seen = new Set<string>();
  const activiteiten: Verwerkingsactiviteit[] = raw.activiteiten.map((a: any, i: number) => {
    const at = (...p: (string | number)[]) => `line ${lineOf(['activiteiten', i, ...p])}`;
    const key = activiteitRef(a);
    if (seen.has(key)) problems.push(`${at('id')}: duplicate activity ${key}`);
    seen.add(key);
    a.rollen.forEach((r: string, j: number) => { if (!rollen.has(r)) problems.push(`${at('rollen', j)}: unknown role "${r}" in ${key}`); });
    for (const list of ['categorieen', 'metToestemming'] as const) {
      (a[list] ?? []).forEach((c: string, j: number) => { if (!categorieen.has(c)) problems.push(`${at(list, j)}: unknown category "${c}" in ${key}`); });
    }
    const special = [...a.categorieen, ...(a.metToestemming ?? [])].filter((c: string) => categorieen.get(c)?.bijzonder);
    if (special.length && !a.grondslag.avg9) {
      problems.push(`${at('grondslag')}: ${key} grants special category data (${special.join(', ')}) without an AVG art. 9 exception (grondslag.avg9)`);
    }
    const strafrechtelijk = [...a.categorieen, ...(a.metToestemming ?? [])].filter((c: string) => categorieen.get(c)?.strafrechtelijk);
    if (strafrechtelijk.length && !a.grondslag.avg10) {
      problems.push(`${at('grondslag')}: ${key} grants criminal-law data (${strafrechtelijk.join(', ')}) without an AVG art. 10 basis (grondslag.avg10)`);
    }
    (a.uitgezonderd ?? []).forEach((f: string, j: number) => {
      if (context.fields && !context.fields.has(f)) problems.push(`${at('uitgezonderd', j)}: unknown field "${f}" in ${key}`);
    });
    (a.afgeleid ?? []).forEach((g: { veld: string; categorieen: string[] }, j: number) => {
      const bronnen = context.afgeleid?.get(g.veld);
      if (context.afgeleid && !bronnen) problems.push(`${at('afgeleid', j, 'veld')}: "${g.veld}" in ${key} is not a derived field (@afgeleid)`);
      g.categorieen.forEach((c, k) => {
        if (!categorieen.has(c)) problems.push(`${at('afgeleid', j, 'categorieen', k)}: unknown category "${c}" in ${key}`);
        else if (bronnen && !bronnen.includes(c)) problems.push(`${at('afgeleid', j, 'categorieen', k)}: ${g.veld} is not derived from "${c}" in ${key}`);
        if (categorieen.get(c)?.bijzonder && !a.grondslag.avg9) problems.push(`${at('afgeleid', j)}: ${key} uses special category data (${c}) without an AVG art. 9 exception (grondslag.avg9)`);
      });
    });
    (a.voorwaarden?.uitsluiting?.behalve ?? []).forEach((c: string, j: number) => {
      if (!categorieen.has(c)) problems.push(`${at('voorwaarden', 'uitsluiting', 'behalve', j)}: unknown category "${c}" in ${key}`);
    });
    const leeftijd = a.voorwaarden?.leeftijd;
    if (leeftijd && leeftijd.van >= leeftijd.tot) problems.push(`${at('voorwaarden', 'leeftijd')}: age range van ${leeftijd.van} tot ${leeftijd.tot} is empty in ${key}`);
    return {
      ...a, metToestemming: a.metToestemming ?? [], uitgezonderd: a.uitgezonderd ?? [], afgeleid: a.afgeleid ?? [], voorwaarden: a.voorwaarden ?? {},
      geldigVanaf: String(a.geldigVanaf), uri: `${raw.register.basisUri}/${a.id}/versies/${a.versie}`,
    };
  });
  raw.categorieen.forEach((c: any, i: number) => {
    if (c.opslag && !activiteiten.some((a) => a.id === c.opslag.activiteit)) {
      problems.push(`line ${lineOf(['categorieen', i, 'opslag', 'activiteit'])}: category "${c.id}" is kept under unknown activity "${c.opslag.activiteit}"`);
    }
  });
  if (problems.length) throw new RegisterError(file, problems);
  return { ...raw.register, categorieen, rollen, activiteiten };
}

function lineOfPath(doc: Document, lines: LineCounter, path: (string | number)[]): number {
  let node: any = doc.contents;
  let last = node;
  for (const key of path) {
    if (isMap(node)) node = node.items.find((p: any) => p.key?.value === key)?.value ?? node.items.find((p: any) => p.key?.value === key)?.key;
    else if (isSeq(node)) node = node.items[key as number];
    else break;
    if (!node) break;
    last = node;
  }
  return last?.range ? lines.linePos(last.range[0]).line : 1;
}

/** The version of an activity in force on `day` (the latest whose geldigVanaf has come). */
export function huidigeVersie(register: Register, id: string, day: string): Verwerkingsactiviteit | undefined {
  return register.activiteiten.filter((a) => a.id === id && a.geldigVanaf <= day).sort((a, b) => b.versie - a.versie)[0];
}

/** A reference to an activity, as headers, contexts and audit records carry it: `id` or `id@versie`. */
export interface ActiviteitRef { id: string; versie?: number }

/** The `id@versie` reference of an activity version, as contexts and audit records name it. */
export function activiteitRef(a: Pick<Verwerkingsactiviteit, 'id' | 'versie'>): string {
  return `${a.id}@${a.versie}`;
}

/** Parses `id` or `id@versie` (lower-case id, version from 1); null when the text is neither. */
export function parseActiviteitRef(text: string): ActiviteitRef | null {
  const m = /^([a-z0-9][a-z0-9-]*)(?:@([1-9][0-9]*))?$/.exec(text.trim());
  return m ? { id: m[1], ...(m[2] ? { versie: Number(m[2]) } : {}) } : null;
}

/** Categories granted by an activity without consent, including the public ones. */
export function toegestaneCategorieen(register: Register, a: Verwerkingsactiviteit): Set<string> {
  return new Set([...a.categorieen, ...[...register.categorieen.values()].filter((c) => c.openbaar).map((c) => c.id)]);
}
