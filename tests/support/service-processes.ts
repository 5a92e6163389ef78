import { type ChildProcess, type StdioOptions, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { kafkaEnvShape, parseConfig, topicNames } from "@voxbridge/kit";
import { request } from "undici";
import { eventually } from "./eventually";
import { freePort } from "./private-postgres";
import { deleteTopics, newTopicPrefix, stackEnv } from "./stack";
import { startTcpBalancer } from "./tcp-balancer";

export const SERVICES = ["quota", "webhooks", "gateway", "dialer"] as const;
/** The voice service too: started only when a test asks for it (`services`). */
const ALL_SERVICES = [...SERVICES, "voice"] as const;
export type ServiceName = (typeof ALL_SERVICES)[number];

const ROOT = path.resolve(__dirname, "../..");
const PORT_VARIABLE: Record<ServiceName, string> = {
  gateway: "GATEWAY_PORT",
  quota: "QUOTA_PORT",
  dialer: "DIALER_PORT",
  webhooks: "WEBHOOKS_PORT",
  voice: "VOICE_PORT",
};

/** Runs a service's compiled entry point (`pnpm build`) as its own process, as `scripts/up.sh` does. */
export function spawnService(service: ServiceName, env: Record<string, string>, stdio: StdioOptions): ChildProcess {
  return spawn(process.execPath, ["--max-semi-space-size=4", "dist/main.js"], {
    cwd: path.join(ROOT, "services", service),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio,
  });
}

/**
 * The four services as separate processes, started the way `scripts/up.sh` starts them, on fixed
 * ports of their own so a killed instance comes back where its callers look for it. With
 * `instances` above 1, each service runs that many, and callers reach quota and webhooks through a
 * round-robin balancer (as a Kubernetes Service would do). A fault test SIGKILLs an instance, starts
 * it again, and judges the system only from outside (HTTP, the receiver, the simulator's dial log).
 * Each process logs to a file; `logTail` shows it when a test fails.
 */
export async function startServiceProcesses(
  overrides: Record<string, string> = {},
  /** `conversations`: with the voice service among them, the dialer's simulator streams answered calls to it (VOICE_MEDIA_URL). */
  options: { instances?: number; services?: readonly ServiceName[]; conversations?: boolean } = {},
) {
  const instances = options.instances ?? 1;
  const services = options.services ?? SERVICES;
  const topicPrefix = newTopicPrefix();
  const portsOf = Object.fromEntries(
    await Promise.all(services.map(async (s) => [s, await Promise.all(Array.from({ length: instances }, () => freePort()))])),
  ) as Record<ServiceName, number[]>;
  const urlOf = (service: ServiceName, index = 0) => `http://127.0.0.1:${portsOf[service][index]}`;
  const balancers = instances > 1 ? await Promise.all((["quota", "webhooks"] as const).map((s) => startTcpBalancer(() => portsOf[s]))) : [];
  const env = stackEnv(topicPrefix, {
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn",
    QUOTA_URL: balancers[0]?.url ?? urlOf("quota"),
    WEBHOOKS_URL: balancers[1]?.url ?? urlOf("webhooks"),
    ...(services.includes("voice") ? { VOICE_URL: urlOf("voice") } : {}),
    ...(services.includes("voice") && options.conversations ? { VOICE_MEDIA_URL: `${urlOf("voice").replace("http:", "ws:")}/media` } : {}),
    ...overrides,
  });
  const logDir = mkdtempSync(path.join(tmpdir(), "voxbridge-services-"));
  const running = new Map<string, ChildProcess>();
  const key = (service: ServiceName, index: number) => `${service}-${index}`;

  const logFile = (service: ServiceName, index = 0) => path.join(logDir, `${key(service, index)}.log`);
  const logTail = (service: ServiceName, index = 0) => {
    try {
      return readFileSync(logFile(service, index), "utf8").split("\n").slice(-30).join("\n");
    } catch {
      return "";
    }
  };

  const ready = (service: ServiceName, index: number) =>
    eventually(
      `${key(service, index)} ready`,
      async () => {
        const child = running.get(key(service, index));
        if (child && child.exitCode !== null)
          throw new Error(`${key(service, index)} exited (${child.exitCode}):\n${logTail(service, index)}`);
        const response = await request(`${urlOf(service, index)}/readyz`, { headersTimeout: 2_000 }).catch(() => null);
        await response?.body.dump();
        return response?.statusCode === 200;
      },
      60_000,
    );

  const start = async (service: ServiceName, index = 0) => {
    const log = createWriteStream(logFile(service, index), { flags: "a" });
    await once(log, "open");
    const child = spawnService(service, { ...env, [PORT_VARIABLE[service]]: String(portsOf[service][index]) }, ["ignore", log, log]);
    running.set(key(service, index), child);
    await ready(service, index);
  };

  /** Kills the instance as the kernel would (nothing runs after it) and waits for it to be gone. */
  const kill = async (service: ServiceName, index = 0) => {
    const child = running.get(key(service, index));
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  };

  await Promise.all(services.flatMap((service) => Array.from({ length: instances }, (_, index) => start(service, index))));
  return {
    /** Instance 0 of each service. */
    urls: Object.fromEntries(services.map((s) => [s, urlOf(s)])) as Record<ServiceName, string>,
    urlOf,
    topicPrefix,
    start,
    kill,
    logTail,
    stop: async () => {
      await Promise.all(
        [...running.values()].map(async (child) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = once(child, "exit");
          child.kill("SIGTERM");
          await exited;
        }),
      );
      await Promise.all(balancers.map((b) => b.close()));
      // With the services' own Kafka settings: the broker may require TLS and SASL.
      await deleteTopics(Object.values(topicNames(topicPrefix)), { settings: parseConfig(kafkaEnvShape, env) }).catch(() => undefined);
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}
export type ServiceProcesses = Awaited<ReturnType<typeof startServiceProcesses>>;
