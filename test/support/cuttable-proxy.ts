import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a service the test (or the chaos run) does not own, such as the
 * machine's PostgreSQL: `cut()` drops every connection and refuses new ones, `restore()` passes
 * them on again. Cutting the path is how a service is "stopped" without stopping it for others.
 */
export function cuttableProxy(target: { host: string; port: number }, up = true) {
  const sockets = new Set<Socket>();
  const state = { up };
  const server = createServer((client) => {
    if (!state.up) { client.destroy(); return; }
    const upstream = connect(target);
    for (const s of [client, upstream]) { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => s.destroy()); }
    client.pipe(upstream).pipe(client);
  });
  return {
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port))),
    cut: () => { state.up = false; sockets.forEach((s) => s.destroy()); },
    restore: () => { state.up = true; },
    close: () => { sockets.forEach((s) => s.destroy()); server.close(); },
  };
}
