/**
 * `npm run keys`: prints fresh secrets for running services in separate processes
 * (docker-compose reads them from .env): the gateway's signing key for subgraph contexts, its
 * public half for the subgraphs, and the audit pseudonym key. Keep them out of version control.
 */
import { randomBytes } from 'node:crypto';
import { generateInternalKeys } from '../lib/internal-context';

generateInternalKeys().then(({ privateJwk, publicJwk }) => {
  console.log(`INTERNAL_SIGNING_KEY='${JSON.stringify(privateJwk)}'`);
  console.log(`INTERNAL_VERIFY_KEY='${JSON.stringify(publicJwk)}'`);
  console.log(`PSEUDONYM_KEY=${randomBytes(32).toString('hex')}`);
});
