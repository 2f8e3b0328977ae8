/** The 1-100 distinct BSNs of a `{bsns: [...]}` body, or null when the body breaks the spec. */
export function bsnList(body: unknown): string[] | null {
  const bsns = (body as { bsns?: unknown } | null)?.bsns;
  if (!Array.isArray(bsns) || bsns.length < 1 || bsns.length > 100) return null;
  if (!bsns.every((b) => typeof b === 'string' && /^[0-9]{9}$/.test(b))) return null;
  return [...new Set(bsns as string[])];
}
