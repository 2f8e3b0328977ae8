import { randomBytes } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { isValidBsn } from '../../lib/domain/bsn';
import type { CategoryMap } from '../../policies/categories';
import type { TraceContext } from '../../lib/observability/trace';
import type { AuditRecord, AuditStore } from '../../stores/audit';
import { logregel } from '../../stores/logregel';
import type { Toegang } from './activity';
import { subjectsOf } from './argument-filter';
import type { RefusalAudit } from './enforce';

/** The audit sink of the gateway's own refusals (records like the subgraphs', service `gateway`, status error). */
export function refusalAudit(store: AuditStore, pseudonym: (bsn: string) => string, log: (line: string) => void): RefusalAudit {
  return async (ctx, geweigerd) => {
    const { toegang, trace } = ctx.context as { toegang: Toegang; trace?: TraceContext & { link?: string | null } };
    const now = new Date().toISOString();
    const subjects = subjectsOf(ctx.document!, ctx.operation!, ctx.schema, ctx.request.variables);
    const record = (subject: string | null): AuditRecord => logregel({
      trace: { traceId: trace?.traceId ?? randomBytes(16).toString('hex'), spanId: trace?.spanId ?? randomBytes(8).toString('hex'), parentSpanId: null },
      service: 'gateway', operation: ctx.operationName ?? 'query', start: now, end: now, mislukt: true, activiteit: toegang.activiteit,
      wie: { medewerker: toegang.principal.medewerker, rol: toegang.rol, organisatie: toegang.principal.organisatie },
      subject: subject ? pseudonym(subject) : '', aanroeper: trace?.link, extra: { 'jf.categorieen.verstrekt': [], 'jf.categorieen.geweigerd': geweigerd },
    });
    try {
      await store.append(subjects.length ? subjects.map(record) : [record(null)]);
    } catch (error) {
      // The request is refused either way; the missing record is an operational alarm.
      log(`gateway: could not audit a refusal: ${(error as Error).message}`);
    }
  };
}

/** Codes of operations refused before anything ran: query limits, parsing, validation, a malformed request. */
const VROEG = new Set(['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES', 'TOO_MANY_TOKENS', 'QUERY_TOO_COSTLY', 'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

/** Every 9-digit number in a text that passes the BSN elfproef: whom an operation names, even when it cannot be parsed. */
export function bsnsIn(tekst: string): string[] {
  return [...new Set([...tekst.matchAll(/(?<!\d)\d{9}(?!\d)/g)].map((m) => m[0]).filter(isValidBsn))];
}

/**
 * Refusals before execution (the query limits, a parse or validation failure) of an operation that
 * names a person are audited as refused processing too: one record per person named, with the
 * categories the operation asked for where it could be read, and the code it was refused with.
 * The FG sees attempts on a person, also the ones that never reached a subgraph.
 */
export function vroegeWeigeringPlugin(store: AuditStore, pseudonym: (bsn: string) => string, categories: CategoryMap, log: (line: string) => void): ApolloServerPlugin<{ toegang?: Toegang; trace?: TraceContext & { link?: string | null } }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, request, document, schema, operation }) {
          const { toegang, trace } = contextValue;
          // A limit's refusal reaches here wrapped as a validation error: its own code is on the original.
          const code = errors.map((e) => String((e.originalError as { extensions?: { code?: string } } | undefined)?.extensions?.code ?? e.extensions?.code
            ?? (e.message.startsWith('Syntax Error') ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED'))).find((c) => VROEG.has(c));
          // An operation that was resolved is audited by the legal-basis step and the subgraphs; here only what never ran.
          if (!toegang || !code || operation) return;
          const subjects = bsnsIn(`${request.query ?? ''} ${JSON.stringify(request.variables ?? {})}`);
          if (!subjects.length) return;
          const gevraagd = document ? gevraagdeCategorieen(schema, document, categories) : ['onbekend'];
          const now = new Date().toISOString();
          const records = subjects.map((bsn) => logregel({
            trace: { traceId: trace?.traceId ?? randomBytes(16).toString('hex'), spanId: trace?.spanId ?? randomBytes(8).toString('hex'), parentSpanId: null },
            service: 'gateway', operation: request.operationName ?? 'query', start: now, end: now, mislukt: true, activiteit: toegang.activiteit,
            wie: { medewerker: toegang.principal.medewerker, rol: toegang.rol, organisatie: toegang.principal.organisatie },
            subject: pseudonym(bsn), aanroeper: trace?.link, extra: { 'jf.categorieen.verstrekt': [], 'jf.categorieen.geweigerd': Object.fromEntries(gevraagd.map((c) => [c, code])) },
          }));
          await store.append(records).catch((error) => log(`gateway: could not audit a refusal: ${(error as Error).message}`));
        },
      };
    },
  };
}

/** The categories of every field a document selects (reading fails soft: an unreadable document asked for "onbekend"). */
function gevraagdeCategorieen(schema: GraphQLSchema, document: DocumentNode, categories: CategoryMap): string[] {
  const found = new Set<string>();
  try {
    const info = new TypeInfo(schema);
    visit(document, visitWithTypeInfo(info, {
      Field(node) {
        const parent = info.getParentType();
        const c = parent ? categories.of(parent.name, node.name.value) : undefined;
        if (c) found.add(c);
      },
    }));
  } catch {
    return ['onbekend'];
  }
  return found.size ? [...found].sort() : ['onbekend'];
}
