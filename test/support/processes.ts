import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Runs `npm start`'s script (the supervisor with every service in its own process) as a child in
 * a process group of its own, and resolves once the gateway says it is ready.
 */
export function startProcesses(env: Record<string, string>, timeoutMs = 180_000): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'start.ts')], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    child.stdout!.on('data', (d) => { out += d; if (out.includes('Gateway ready')) { clearTimeout(timer); resolve({ child, output: () => out }); } });
    child.stderr!.on('data', (d) => { out += d; });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited with ${code}:\n${out}`)); });
  });
}

/** The pids of a process's children whose command line contains `match` (tsx also runs an esbuild child). */
export function childPids(pid: number, match = 'scripts/serve.ts'): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid), '-f', match], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills a whole process group hard (a crash of the machine, as far as the services can tell). */
export function killGroup(child: ChildProcess): void {
  try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
}
