import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** One service process the supervisor runs (`scripts/serve.ts <role> <name>`). */
export interface ServiceSpec {
  /** `sim-brp`, `subgraph-zorg`, `gateway`. */
  id: string;
  args: string[];
  port: number;
  env: Record<string, string>;
}

export interface SupervisorOptions {
  /** Where `scripts/serve.ts` lives. */
  root: string;
  log: (line: string) => void;
  /** How long a child may take to stop after SIGTERM before it is killed (ms). Default 15000. */
  stopTimeoutMs?: number;
  /** How long a child may take to become ready (ms). Default 120000. */
  readyTimeoutMs?: number;
}

interface Running { spec: ServiceSpec; child: ChildProcess; restarts: number; stopping: boolean }

/** A free loopback port, picked by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Runs services as separate processes, as a container platform would: each in its own Node
 * process (so a simulator's or subgraph's load, or a crash, cannot take the gateway down), started
 * tier by tier once the previous tier is ready, restarted with backoff when it dies, and stopped
 * gracefully in reverse order. Children watch the IPC channel: if the supervisor dies they stop
 * themselves, so none is left as an orphan.
 */
export class Supervisor {
  private readonly running = new Map<string, Running>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {}

  /** Starts the services of one tier and waits until every one answers `/readyz`. */
  async startTier(specs: ServiceSpec[]): Promise<void> {
    for (const spec of specs) this.spawn(spec, 0);
    await Promise.all(specs.map((s) => this.waitReady(s)));
  }

  private spawn(spec: ServiceSpec, restarts: number): void {
    const child = fork(join(this.options.root, 'scripts', 'serve.ts'), spec.args, {
      execArgv: ['--import', 'tsx'], env: { ...process.env, ...spec.env, PORT: String(spec.port) }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const prefix = (chunk: Buffer) => String(chunk).split('\n').filter(Boolean).forEach((line) => this.options.log(`[${spec.id}] ${line}`));
    child.stdout!.on('data', prefix);
    child.stderr!.on('data', prefix);
    const entry: Running = { spec, child, restarts, stopping: false };
    this.running.set(spec.id, entry);
    child.once('exit', (code, signal) => {
      if (this.stopping || entry.stopping) return;
      // Crashed: start it again, waiting longer after each crash (at most 30 s).
      const delay = Math.min(500 * 2 ** restarts, 30_000);
      this.options.log(`[${spec.id}] exited (${signal ?? code}); restarting in ${delay} ms`);
      setTimeout(() => { if (!this.stopping) this.spawn(spec, restarts + 1); }, delay).unref();
    });
  }

  private async waitReady(spec: ServiceSpec): Promise<void> {
    const until = Date.now() + (this.options.readyTimeoutMs ?? 120_000);
    const url = `${spec.env.TLS_CERT_FILE ? 'https' : 'http'}://127.0.0.1:${spec.port}/readyz`;
    while (Date.now() < until) {
      if (this.stopping) return;
      try {
        if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${spec.id} did not become ready within ${this.options.readyTimeoutMs ?? 120_000} ms`);
  }

  /** Kills one service hard (the chaos run); the supervisor restarts it. */
  kill(id: string): void {
    this.running.get(id)?.child.kill('SIGKILL');
  }

  /** Stops tiers in the given order (gateway first), each gracefully: SIGTERM, then SIGKILL after the timeout. */
  async stop(order: string[][]): Promise<void> {
    this.stopping = true;
    for (const tier of order) {
      await Promise.all(tier.map(async (id) => {
        const entry = this.running.get(id);
        if (!entry || entry.child.exitCode !== null || entry.child.signalCode !== null) return;
        entry.stopping = true;
        const exited = new Promise<void>((resolve) => entry.child.once('exit', () => resolve()));
        entry.child.kill('SIGTERM');
        const timer = setTimeout(() => entry.child.kill('SIGKILL'), this.options.stopTimeoutMs ?? 15_000);
        await exited;
        clearTimeout(timer);
      }));
    }
  }
}
