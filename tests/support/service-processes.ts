import { type ChildProcess, type StdioOptions, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { topicNames } from "@voxbridge/kit";
import { request } from "undici";
import { eventually } from "./eventually";
import { freePort } from "./private-postgres";
import { deleteTopics, newTopicPrefix, stackEnv } from "./stack";

export const SERVICES = ["quota", "webhooks", "gateway", "dialer"] as const;
export type ServiceName = (typeof SERVICES)[number];

const ROOT = path.resolve(__dirname, "../..");
const PORT_VARIABLE: Record<ServiceName, string> = {
  gateway: "GATEWAY_PORT",
  quota: "QUOTA_PORT",
  dialer: "DIALER_PORT",
  webhooks: "WEBHOOKS_PORT",
};

/** Runs a service's compiled entry point (`pnpm build`) as its own process, as `scripts/up.sh` does. */
export function spawnService(service: ServiceName, env: Record<string, string>, stdio: StdioOptions): ChildProcess {
  return spawn(process.execPath, ["--enable-source-maps", "dist/main.js"], {
    cwd: path.join(ROOT, "services", service),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio,
  });
}

/**
 * The four services as separate processes, started the way `scripts/up.sh` starts them, on fixed
 * ports of their own so a killed service comes back where its callers look for it. A fault test
 * SIGKILLs one and starts it again, and judges the system only from outside (HTTP, the receiver,
 * the simulator's dial log). Each process logs to a file; `logTail` shows it when a test fails.
 */
export async function startServiceProcesses(overrides: Record<string, string> = {}) {
  const topicPrefix = newTopicPrefix();
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()]))) as Record<ServiceName, number>;
  const urls = Object.fromEntries(SERVICES.map((s) => [s, `http://127.0.0.1:${ports[s]}`])) as Record<ServiceName, string>;
  const env = stackEnv(topicPrefix, {
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn",
    QUOTA_URL: urls.quota,
    WEBHOOKS_URL: urls.webhooks,
    ...Object.fromEntries(SERVICES.map((s) => [PORT_VARIABLE[s], String(ports[s])])),
    ...overrides,
  });
  const logDir = mkdtempSync(path.join(tmpdir(), "voxbridge-services-"));
  const running = new Map<ServiceName, ChildProcess>();

  const ready = (service: ServiceName) =>
    eventually(
      `${service} ready`,
      async () => {
        const child = running.get(service);
        if (child && child.exitCode !== null) throw new Error(`${service} exited (${child?.exitCode}):\n${logTail(service)}`);
        const response = await request(`${urls[service]}/readyz`, { headersTimeout: 2_000 }).catch(() => null);
        await response?.body.dump();
        return response?.statusCode === 200;
      },
      60_000,
    );

  const logFile = (service: ServiceName) => path.join(logDir, `${service}.log`);
  const logTail = (service: ServiceName) => {
    try {
      return readFileSync(logFile(service), "utf8").split("\n").slice(-30).join("\n");
    } catch {
      return "";
    }
  };

  const start = async (service: ServiceName) => {
    const log = createWriteStream(logFile(service), { flags: "a" });
    await once(log, "open");
    const child = spawnService(service, env, ["ignore", log, log]);
    running.set(service, child);
    await ready(service);
  };

  /** Kills the process as the kernel would (nothing runs after it) and waits for it to be gone. */
  const kill = async (service: ServiceName) => {
    const child = running.get(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  };

  await Promise.all(SERVICES.map(start));
  return {
    urls,
    topicPrefix,
    start,
    kill,
    logTail,
    stop: async () => {
      await Promise.all(
        [...running.entries()].map(async ([, child]) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = once(child, "exit");
          child.kill("SIGTERM");
          await exited;
        }),
      );
      await deleteTopics(Object.values(topicNames(topicPrefix)), env.KAFKA_BROKERS?.split(",")).catch(() => undefined);
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}
export type ServiceProcesses = Awaited<ReturnType<typeof startServiceProcesses>>;
