import type { Reply } from '../../lib/http/http';

/** One invalid parameter, as the Haal Centraal BRP API reports it. */
export interface InvalidParam { code: string; name: string; reason: string }

const TYPE_400 = 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1';

/**
 * A 400 in the BRP API's shape (RFC 7807 with `code`, `instance` and `invalidParams`), as the
 * feature files of BRP-API/Haal-Centraal-BRP-bevragen specify it: the detail names every
 * faulty parameter, `instance` is the request's path.
 */
export function badRequest(instance: string, code: 'paramsValidation' | 'paramsCombination', invalidParams: InvalidParam[]): Reply {
  const title = code === 'paramsCombination' ? 'Minimale combinatie van parameters moet worden opgegeven.' : 'Een of meerdere parameters zijn niet correct.';
  const names = [...new Set(invalidParams.map((p) => p.name))];
  return {
    status: 400, contentType: 'application/problem+json',
    body: { type: TYPE_400, title, status: 400, detail: `De foutieve parameter(s) zijn: ${names.join(', ')}.`, instance, code, invalidParams },
  };
}

/** 406 and 415, for a request the API cannot answer in JSON or cannot read. */
export function notAcceptable(instance: string): Reply {
  return { status: 406, contentType: 'application/problem+json', body: {
    type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.6', title: 'Gevraagde contenttype wordt niet ondersteund.', status: 406,
    detail: 'Ondersteunde content type: application/json.', instance, code: 'notAcceptable',
  } };
}

export function unsupportedMediaType(instance: string): Reply {
  return { status: 415, contentType: 'application/problem+json', body: {
    type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.13', title: 'Media Type wordt niet ondersteund.', status: 415,
    detail: 'Ondersteunde content type: application/json; charset=utf-8.', instance, code: 'unsupportedMediaType',
  } };
}
