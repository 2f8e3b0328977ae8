import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCodes } from '../errors';
import { logFout } from './veilig-log';

/** Codes that graphql-js and Apollo Server give to request errors; safe to show as they are. */
const REQUEST_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST']);

/**
 * Shows expected errors (our taxonomy, GraphQL request errors) as they are and masks anything
 * unexpected as INTERNAL_SERVER_ERROR, keeping the original in the server log.
 */
export function maskError(service: string, formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    const { http: _status, ...extensions } = original.extensions;
    return { ...formatted, extensions };
  }
  const code = formatted.extensions?.code;
  // Apollo's own code for "which operation?" is our BAD_REQUEST: one taxonomy for clients.
  if (code === 'OPERATION_RESOLUTION_FAILURE') return { ...formatted, extensions: { code: 'BAD_REQUEST' } };
  // Errors relayed by the gateway from a subgraph carry our codes but are no longer AppErrors.
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' && (REQUEST_CODES.has(code) || code in ErrorCodes)) {
    const { stacktrace: _drop, http: _status, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  console.error(logFout(`[${service}] unexpected error`, original));
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
