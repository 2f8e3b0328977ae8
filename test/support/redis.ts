import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../system/supervisor';

/** A private redis-server on a free loopback port, for tests that cut or share Redis. */
export interface PrivateRedis { url: string; port: number; stop(): Promise<void> }

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 20_000);
    child.stdout!.on('data', (d) => { out += d; if (out.includes('Ready to accept connections')) { clearTimeout(timer); resolve(); } });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`redis-server exited with ${code}:\n${out}`)); });
  });
  return {
    url: `redis://127.0.0.1:${port}`, port,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    }),
  };
}
