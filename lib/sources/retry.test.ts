import { retryWithBackoff } from './retry';

describe('retryWithBackoff', () => {
  it('retries with doubling delays up to the maximum until the call succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retryWithBackoff(async () => {
      if (++calls < 5) throw new Error(`down ${calls}`);
      return 'up';
    }, { initialMs: 100, maxMs: 300, wait: async (ms) => { waits.push(ms); } });
    expect(result).toBe('up');
    expect(waits).toEqual([100, 200, 300, 300]);
  });

  it('stops when its signal is aborted, rejecting with the last error', async () => {
    const controller = new AbortController();
    let calls = 0;
    const attempt = retryWithBackoff(async () => { calls++; throw new Error('still down'); },
      { signal: controller.signal, wait: async () => { if (calls === 2) controller.abort(); } });
    await expect(attempt).rejects.toThrow('still down');
    expect(calls).toBe(2);
  });
});
