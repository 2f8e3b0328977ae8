import type { ApolloServerPlugin } from '@apollo/server';
import { BETROKKENEN_DOMEINEN } from '../../subgraphs/betrokkenen';

/** Internal parts a public field is joined from, by the public field they belong to. */
const DEEL_VAN: ReadonlyMap<string, string> = new Map(Object.values(BETROKKENEN_DOMEINEN).map((deel) => [deel, 'betrokkenen']));

/**
 * An error of an internal part (`betrokkenenZorg`, which clients cannot ask for) is reported at
 * the public field it belongs to (`betrokkenen`), once per path, code and category: a client never
 * sees the graph's internal field names, and a refused consent is one error, not one per domain.
 */
export const internePadenPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        const gezien = new Set<string>();
        response.body.singleResult.errors = response.body.singleResult.errors
          .map((e) => (e.path?.some((p) => DEEL_VAN.has(String(p))) ? { ...e, path: e.path.map((p) => DEEL_VAN.get(String(p)) ?? p) } : e))
          .filter((e) => {
            if (!e.path) return true;
            const sleutel = `${e.path.join('.')}|${e.extensions?.code}|${e.extensions?.category ?? ''}`;
            if (gezien.has(sleutel)) return false;
            gezien.add(sleutel);
            return true;
          });
      },
    };
  },
};
