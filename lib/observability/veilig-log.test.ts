import { maskError } from './format-error';
import { logFout, veiligeLog, zonderBsn } from './veilig-log';

describe('logs without BSNs', () => {
  it('replaces every nine digits that pass the elfproef by a keyed pseudonym, the same one each time within a process', () => {
    const a = zonderBsn('refused 999995145 and 999995145, not 123456789 or 9999951450');
    expect(a).not.toContain('999995145 ');
    expect(a).toMatch(/^refused bsn:[0-9a-f]{8} and bsn:[0-9a-f]{8}, not 123456789 or 9999951450$/);
    expect(a.match(/bsn:[0-9a-f]{8}/g)![0]).toBe(a.match(/bsn:[0-9a-f]{8}/g)![1]);
  });

  it('covers the error path: a masked error and its stack are logged without the BSN in its message', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const masked = maskError('gateway', { message: 'x' }, new Error('header for 999995145 is not a legal HTTP header value'));
      expect(masked.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const logged = spy.mock.calls.map((c) => c.join(' ')).join('\n');
      expect(logged).toContain('not a legal HTTP header value');
      expect(logged).not.toContain('999995145');
    } finally {
      spy.mockRestore();
    }
    expect(logFout('oops', new Error('999995145'))).not.toContain('999995145');
    const lines: string[] = [];
    veiligeLog((l) => lines.push(l))('consent for 999995145 seeded');
    expect(lines[0]).not.toContain('999995145');
  });
});
