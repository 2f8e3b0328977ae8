import { readFileSync } from 'node:fs';

/**
 * Mutual TLS between the gateway and the subgraphs: each side presents a certificate signed by
 * the deployment's own CA and accepts only peers with one. PEM texts; `fromFiles` reads them.
 */
export interface MutualTls {
  /** This side's private key (PEM). */
  key: string;
  /** This side's certificate (PEM), signed by `ca`. */
  cert: string;
  /** The CA that signs every gateway and subgraph certificate (PEM). */
  ca: string;
}

/** `TLS_KEY_FILE`, `TLS_CERT_FILE`, `TLS_CA_FILE` together, or none of them. */
export function mutualTlsFromEnv(env: NodeJS.ProcessEnv = process.env): MutualTls | undefined {
  const files = [env.TLS_KEY_FILE, env.TLS_CERT_FILE, env.TLS_CA_FILE];
  if (files.every((f) => !f)) return undefined;
  if (files.some((f) => !f)) throw new RangeError('TLS_KEY_FILE, TLS_CERT_FILE and TLS_CA_FILE go together; set all three or none');
  const [key, cert, ca] = files.map((f) => readFileSync(f!, 'utf8'));
  return { key, cert, ca };
}
