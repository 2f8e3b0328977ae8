import { createHmac } from 'node:crypto';

/**
 * Keyed pseudonyms of BSNs for the audit log (never the plain BSN there). The same key gives
 * the same pseudonym, so inzage by data subject works; without the key it cannot be reversed
 * by trying all BSNs.
 */
export function createPseudonymiser(key: string): (bsn: string) => string {
  if (typeof key !== 'string' || key.length < 32) throw new RangeError(`the pseudonym key must be at least 32 characters; received ${key?.length ?? 0}`);
  return (bsn) => createHmac('sha256', key).update(`BSN:${bsn}`).digest('hex');
}
