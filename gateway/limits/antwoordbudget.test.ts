import { binnenBudget } from './antwoordbudget';
import { groterDan } from './query-limits';

/** A subgraph answer is cut off while it streams in, as soon as the request's budget is spent. */
function stroom(chunks: number, size: number) {
  let gelezen = 0;
  let geannuleerd = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (gelezen === chunks) { controller.close(); return; }
      gelezen++;
      controller.enqueue(new Uint8Array(size).fill(65));
    },
    cancel() { geannuleerd = true; },
  }, { highWaterMark: 0 });
  return { response: new Response(body), gelezen: () => gelezen, geannuleerd: () => geannuleerd };
}

describe('the response-size budget of one request', () => {
  it('passes an answer within the budget through unchanged and counts it', async () => {
    const s = stroom(3, 100);
    const budget = { rest: 1000 };
    expect((await (await binnenBudget(s.response, budget, 'basis')).text()).length).toBe(300);
    expect(budget.rest).toBe(700);
  });

  it('stops reading and cancels the stream as soon as the budget is passed, before the answer is complete', async () => {
    const s = stroom(1000, 1000);
    const budget = { rest: 10_500 };
    await expect(binnenBudget(s.response, budget, 'doorstroom')).rejects.toMatchObject({ extensions: { code: 'RESPONSE_TOO_LARGE', service: 'doorstroom' } });
    expect(s.gelezen()).toBeLessThanOrEqual(12);
    expect(s.geannuleerd()).toBe(true);
  });

  it('measures a built answer without serialising it, and stops counting once it is too large', () => {
    const klein = { data: { a: 'x'.repeat(100) } };
    expect(groterDan(klein, 200)).toBe(false);
    expect(groterDan(klein, 50)).toBe(true);
    expect(groterDan({ data: { n: 'ë'.repeat(60) } }, 100)).toBe(true); // UTF-8 bytes, not characters
    let bezocht = 0;
    const lijst = new Proxy(Array.from({ length: 100_000 }, () => 'y'.repeat(10)), { get(t, k) { if (typeof k === 'string' && /^\d+$/.test(k)) bezocht++; return Reflect.get(t, k); } });
    expect(groterDan({ data: lijst }, 1000)).toBe(true);
    expect(bezocht).toBeLessThan(200);
  });
});
