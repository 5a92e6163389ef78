import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { sleep } from "./stats";

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type Started = { name: string; url: string; child: ChildProcess; stop: () => Promise<void> };

/**
 * Starts one process the benchmark owns in `cwd`: a service's compiled `dist/main.js` (what
 * production runs; `pnpm build`), or a benchmark's own `.ts` script through tsx. Waits until
 * `<url>/readyz` answers 200, and returns how to stop it (SIGTERM, then SIGKILL after 20 s). Its
 * output goes to `logFile`'s descriptor, so a failing start can be diagnosed.
 */
export async function startProcess(options: {
  name: string;
  cwd: string;
  script: string;
  port: number;
  env: Record<string, string>;
  logFd: number;
  readyTimeoutMs?: number;
}): Promise<Started> {
  const args = options.script.endsWith(".ts") ? ["--import", "tsx", options.script] : ["--max-semi-space-size=4", options.script];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", options.logFd, options.logFd],
  });
  let exited: number | null = null;
  child.on("exit", (code) => {
    exited = code ?? -1;
  });
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (exited !== null) return;
    const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await done;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited !== null) throw new Error(`${options.name} exited with ${exited} while starting (see the bench log)`);
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.status === 200) return { name: options.name, url, child, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.name} not ready after ${options.readyTimeoutMs ?? 60_000} ms (see the bench log)`);
    }
    await sleep(250);
  }
}

/** Applies the migrations of the services the benchmark runs (gateway, quota, and webhooks for the CLI's signing secret). */
export function migrateBenchDatabase(repoRoot: string, databaseUrl: string): void {
  execFileSync(
    "pnpm",
    ["--silent", "--filter", "@voxbridge/gateway", "--filter", "@voxbridge/quota", "--filter", "@voxbridge/webhooks", "run", "migrate"],
    { cwd: repoRoot, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "ignore", "inherit"], timeout: 180_000 },
  );
}

export const serviceDir = (repoRoot: string, service: string) => path.join(repoRoot, "services", service);
