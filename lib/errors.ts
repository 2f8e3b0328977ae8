import { GraphQLError } from 'graphql';

/**
 * The one taxonomy of stable error codes (`extensions.code`). Clients branch on these codes,
 * never on messages. `http` is the status used where an error ends a whole HTTP request.
 */
export const ErrorCodes = {
  /** An argument breaks a documented rule (BSN elfproef, unknown region, bad cursor). */
  BAD_USER_INPUT: { http: 400 },
  /** A caseload page asked for more rows than the maximum page size. */
  PAGE_SIZE_EXCEEDED: { http: 400 },
  /** Query limits (refused before any subgraph is called): nesting, aliases, directives, tokens, cost. */
  QUERY_TOO_DEEP: { http: 400 },
  TOO_MANY_ALIASES: { http: 400 },
  TOO_MANY_DIRECTIVES: { http: 400 },
  TOO_MANY_TOKENS: { http: 400 },
  QUERY_TOO_COSTLY: { http: 400 },
  /** The employee or their organisation spent its budget for now (Retry-After says when to try again). */
  RATE_LIMITED: { http: 429 },
  /** The answer would exceed the configured maximum size; ask for less. */
  RESPONSE_TOO_LARGE: { http: 413 },
  /** A source system did not answer within the adapter's timeout; only its fields are lost. */
  SOURCE_TIMEOUT: { http: 504 },
  /** A source system answered with an error or could not be reached; only its fields are lost. */
  SOURCE_UNAVAILABLE: { http: 502 },
  /** A source system answered with something the adapter cannot map. */
  SOURCE_INVALID_RESPONSE: { http: 502 },
  /** A subgraph did not answer within what remained of the request's time budget; only its fields are lost. */
  SUBGRAPH_TIMEOUT: { http: 504 },
  /** The request as a whole ran out of its time budget. */
  GATEWAY_TIMEOUT: { http: 504 },
  /** The gateway could not reach a subgraph; only that subgraph's fields are lost. */
  SUBGRAPH_UNAVAILABLE: { http: 502 },
  /** No bearer token, or one that cannot be read. */
  UNAUTHENTICATED: { http: 401 },
  /** The token's expiry has passed (beyond the allowed clock skew). */
  TOKEN_EXPIRED: { http: 401 },
  /** Bad signature, issuer, audience or algorithm. */
  INVALID_TOKEN: { http: 401 },
  /** No X-Verwerkingsactiviteit header. */
  ACTIVITY_REQUIRED: { http: 403 },
  /** The header names no activity (version) in force in the register. */
  UNKNOWN_ACTIVITY: { http: 403 },
  /** None of the caller's roles may use the activity. */
  ACTIVITY_NOT_ALLOWED: { http: 403 },
  /** A field's data category is not granted by the activity; the field is withheld. */
  NO_LEGAL_BASIS: { http: 403 },
  /** The category is granted only with the young person's consent, which is absent. */
  NO_CONSENT: { http: 403 },
  /**
   * An argument or filter uses a data category the activity does not grant outright (consent-only
   * categories included: membership and totals would reveal them). The whole operation is refused.
   */
  FILTER_NOT_ALLOWED: { http: 403 },
  /**
   * Consent may be recorded, confirmed, withdrawn or seen by an organisation only for its own
   * processing: an activity of the employee's own role, with their own organisation as recipient
   * (withdrawing another's consent only on the young person's recorded request).
   */
  CONSENT_NOT_OWN_PROCESSING: { http: 403 },
  /** A consent recorded by an employee is confirmed by another employee of the same organisation, never by the one who recorded it. */
  CONSENT_FOUR_EYES: { http: 403 },
  /** An employee confirms a consent only when evidence of it was attached (a signed form, a recorded conversation). */
  CONSENT_EVIDENCE_REQUIRED: { http: 400 },
  /** No such consent of this person in the state the change needs (pending to confirm, active to withdraw). */
  CONSENT_NOT_FOUND: { http: 404 },
  /** The person is outside the activity's scope (region, age, own students, nazorg window, self). */
  OUT_OF_SCOPE: { http: 403 },
  /**
   * Whether the person is in scope cannot be decided: a fact the rule needs (residence, birth
   * date, schools) is missing, unsigned, or its source is down (`source` names it). Fail closed:
   * the field is withheld.
   */
  SCOPE_UNVERIFIABLE: { http: 503 },
  /** The audit record could not be written, so no personal data is returned. */
  AUDIT_UNAVAILABLE: { http: 503 },
  /** A subgraph was called without a valid gateway-signed context. */
  GATEWAY_CONTEXT_REQUIRED: { http: 401 },
  /** The request itself is malformed: not JSON, too large a body, or several operations without `operationName`. */
  BAD_REQUEST: { http: 400 },
  /** GraphQL is served over POST only (no operations in URLs). */
  METHOD_NOT_ALLOWED: { http: 405 },
  /** Anything unexpected; the details stay in the server log. */
  INTERNAL_SERVER_ERROR: { http: 500 },
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

/** An expected failure with a stable code. Safe to show to clients as is. */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
    this.code = code;
    this.name = 'AppError';
  }
}

/** A failing source system, translated once at the adapter boundary. */
export class SourceError extends AppError {
  constructor(
    code: 'SOURCE_TIMEOUT' | 'SOURCE_UNAVAILABLE' | 'SOURCE_INVALID_RESPONSE',
    readonly system: string,
    message: string,
  ) {
    super(code, message, { system });
    this.name = 'SourceError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** An AppError that ends the whole HTTP request with its code's status (Apollo reads `extensions.http`). */
export function requestError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(code, message, { ...details, http: { status: ErrorCodes[code].http } });
}
