/**
 * `npm run keys`: prints fresh secrets for running services in separate processes (docker-compose
 * reads them from .env): the gateway's master secret for subgraph contexts, each subgraph's key
 * derived from it (a subgraph gets only its own), and the audit pseudonym key. Keep them out of
 * version control.
 */
import { randomBytes } from 'node:crypto';
import { generateMasterSecret, subgraphKey } from '../lib/internal-context';
import { SUBGRAPHS } from '../schema/compose';

const master = generateMasterSecret();
console.log(`INTERNAL_CONTEXT_SECRET=${master}`);
for (const { name } of SUBGRAPHS) console.log(`INTERNAL_CONTEXT_KEY_${name.toUpperCase()}=${Buffer.from(subgraphKey(master, name)).toString('base64url')}`);
console.log(`PSEUDONYM_KEY=${randomBytes(32).toString('hex')}`);
