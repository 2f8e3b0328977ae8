import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Validates responses against an OpenAPI 3.1 spec's own response schemas (JSON Schema 2020-12).
 * `discriminator` mappings are enforced (rewritten as if/then dispatch); other OpenAPI-only
 * keywords such as `example` are ignored.
 */
export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly spec: Record<string, any>;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(specPath: string) {
    this.spec = enforceDiscriminators(parse(readFileSync(specPath, 'utf8')));
    // The BRP spec's patterns use escapes (\') that unicode-mode RegExps refuse.
    this.ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(this.ajv);
    for (const f of ['int32', 'int64']) this.ajv.addFormat(f, true);
    this.ajv.addSchema(this.spec, 'spec');
  }

  /** Errors (empty when valid) of `body` as the response to `method path` with `status`. */
  errors(path: string, method: string, status: number, contentType: string, body: unknown): string[] {
    const key = `${method} ${path} ${status} ${contentType}`;
    let validate = this.cache.get(key);
    if (!validate) {
      let response = this.spec.paths?.[path]?.[method.toLowerCase()]?.responses?.[String(status)];
      if (!response) throw new Error(`spec has no ${status} response for ${method} ${path}`);
      let pointer = ['paths', path, method.toLowerCase(), 'responses', String(status)];
      if (response.$ref) {
        pointer = response.$ref.replace(/^#\//, '').split('/').map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
        response = pointer.reduce((o: any, k: string) => o[k], this.spec);
      }
      if (!response.content?.[contentType]) throw new Error(`spec has no ${contentType} content for ${key}`);
      const segments = [...pointer, 'content', contentType, 'schema'];
      const ref = `spec#/${segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
      validate = this.ajv.compile({ $ref: ref });
      this.cache.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  }
}

/**
 * JSON Schema has no `discriminator`: a base schema with a mapping validates only its own
 * properties. Rewrite each such base B as dispatch (if type = X then the schema X), and let
 * the mapped schemas extend an abstract copy of B, so the dispatch never recurses.
 */
function enforceDiscriminators(spec: Record<string, any>): Record<string, any> {
  const schemas: Record<string, any> = spec.components?.schemas ?? {};
  for (const [name, schema] of Object.entries({ ...schemas })) {
    const mapping: Record<string, string> | undefined = schema.discriminator?.mapping;
    if (!mapping || schema.oneOf || schema.anyOf) continue;
    const property: string = schema.discriminator.propertyName;
    const abstract = `${name}__abstract`;
    const { discriminator: _d, ...rest } = schema;
    schemas[abstract] = rest;
    const baseRef = `#/components/schemas/${name}`;
    for (const target of Object.values(mapping)) {
      const sub = schemas[target.split('/').pop()!];
      sub?.allOf?.forEach((part: any) => { if (part.$ref === baseRef) part.$ref = `#/components/schemas/${abstract}`; });
    }
    schemas[name] = {
      allOf: [
        { $ref: `#/components/schemas/${abstract}` },
        ...Object.entries(mapping).map(([value, target]) => ({
          if: { properties: { [property]: { const: value } }, required: [property] },
          then: { $ref: target },
        })),
      ],
    };
  }
  return spec;
}
