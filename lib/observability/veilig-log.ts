import { createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { isValidBsn } from '../domain/bsn';

/** A key for this process only: the same BSN reads the same in one process's log, and cannot be looked up anywhere. */
const SLEUTEL = randomBytes(32);

/**
 * Replaces every BSN in a log text (nine digits that pass the elfproef, standing alone) by a
 * pseudonym keyed for this process, `bsn:1a2b3c4d`: logs can be correlated within a run, and never
 * name a person. Every log line of the gateway and the subgraphs passes through this, the error
 * path (stack traces, masked errors) included.
 */
export function zonderBsn(tekst: string): string {
  return tekst.replace(/(?<!\d)\d{9}(?!\d)/g, (m) => (isValidBsn(m) ? `bsn:${createHmac('sha256', SLEUTEL).update(m).digest('hex').slice(0, 8)}` : m));
}

/** A log function whose lines never name a person. */
export function veiligeLog(log: (line: string) => void): (line: string) => void {
  return (line) => log(zonderBsn(line));
}

/** An unexpected error as one log text, BSNs replaced. */
export function logFout(waar: string, error: unknown): string {
  return zonderBsn(`${waar} ${error instanceof Error ? inspect(error, { depth: 4 }) : String(error)}`);
}
