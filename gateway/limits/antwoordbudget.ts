import { AppError } from '../../lib/errors';

/**
 * Reads a subgraph's answer while it streams in, and stops as soon as the request's answers
 * together pass the response-size limit (`budget`, shared by every subgraph call of one client
 * request): a too large answer is never built, only refused (RESPONSE_TOO_LARGE, 413), and the
 * rest of the subgraph's stream is cancelled unread.
 */
export async function binnenBudget(response: Response, budget: { rest: number }, subgraph: string): Promise<Response> {
  if (!response.body) return response;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    budget.rest -= value.byteLength;
    if (budget.rest < 0) {
      await reader.cancel().catch(() => undefined);
      throw new AppError('RESPONSE_TOO_LARGE', `the answer passed the response-size limit while ${subgraph} was sending it; ask for fewer fields or a smaller page`, { service: subgraph });
    }
    chunks.push(value);
  }
  return new Response(Buffer.concat(chunks), { status: response.status, statusText: response.statusText, headers: response.headers });
}
