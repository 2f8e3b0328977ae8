import type { InvalidParam } from './problems';

/**
 * The `fields` parameter's rules from the feature files (fields-fout-cases.feature): required, an
 * array of 1 to 130 paths, each path matching ^[a-zA-Z0-9\._]{1,200}$ (and at most 199
 * characters), naming an existing field (case-sensitive). Returns the problems, empty when valid.
 */
export function fieldsProblems(fields: unknown, known: (path: string) => boolean): { code: 'paramsValidation' | 'paramsCombination'; invalid: InvalidParam[] } | null {
  if (fields === undefined) return { code: 'paramsCombination', invalid: [{ code: 'required', name: 'fields', reason: 'Parameter is verplicht.' }] };
  if (!Array.isArray(fields)) return { code: 'paramsValidation', invalid: [{ code: 'array', name: 'fields', reason: 'Parameter is geen array.' }] };
  if (fields.length < 1) return { code: 'paramsValidation', invalid: [{ code: 'minItems', name: 'fields', reason: 'Array bevat minder dan 1 items.' }] };
  if (fields.length > 130) return { code: 'paramsValidation', invalid: [{ code: 'maxItems', name: 'fields', reason: 'Array bevat meer dan 130 items.' }] };
  const invalid: InvalidParam[] = [];
  fields.forEach((path, i) => {
    const name = `fields[${i}]`;
    if (typeof path !== 'string' || !/^[a-zA-Z0-9._]{1,200}$/.test(path)) {
      invalid.push({ code: 'pattern', name, reason: 'Waarde voldoet niet aan patroon ^[a-zA-Z0-9\\._]{1,200}$.' });
    } else if (path.length > 199) {
      invalid.push({ code: 'pattern', name, reason: 'Waarde voldoet niet aan patroon ^[a-zA-Z0-9\\._]{1,199}$.' });
    } else if (!known(path)) {
      invalid.push({ code: 'fields', name, reason: 'Parameter bevat een niet bestaande veldnaam.' });
    }
  });
  return invalid.length ? { code: 'paramsValidation', invalid } : null;
}
