import { problem, type Reply } from '../lib/http/http';

/** The 1-100 distinct BSNs of a `{bsns: [...]}` body, or null when the body breaks the spec. */
export function bsnList(body: unknown): string[] | null {
  const bsns = (body as { bsns?: unknown } | null)?.bsns;
  if (!Array.isArray(bsns) || bsns.length < 1 || bsns.length > 100) return null;
  if (!bsns.every((b) => typeof b === 'string' && /^[0-9]{9}$/.test(b))) return null;
  return [...new Set(bsns as string[])];
}

/** The problem reply for a body that breaks the batch rule, the same in every simulator. */
export const badBsnList = (): Reply => problem(400, 'Invalid request', 'bsns must hold 1 to 100 nine-digit numbers', 'BSNS');
