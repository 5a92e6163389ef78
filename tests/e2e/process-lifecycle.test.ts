import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { topicNames } from "@voxbridge/kit";
import { request } from "undici";
import { testDatabaseUrl, testKafkaBrokers, testRedisUrl } from "../support/env";
import { type ServiceName, spawnService } from "../support/service-processes";
import { deleteTopics } from "../support/stack";

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null>; topicPrefix: string };

/** Runs a service's real entry point (`node --import tsx src/main.ts`) as its own process. */
function runService(service: ServiceName, env: Record<string, string>): Started {
  const topicPrefix = `test-${randomBytes(4).toString("hex")}.`;
  const child = spawnService(
    service,
    {
      DATABASE_URL: testDatabaseUrl(),
      REDIS_URL: testRedisUrl(),
      KAFKA_BROKERS: testKafkaBrokers().join(","),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      LOG_LEVEL: "info",
      // Any free management port: a fixed default collides with another dialer on a shared machine.
      MANAGEMENT_PORT: "0",
      SHUTDOWN_DRAIN_SECONDS: "0",
      ...env,
    },
    ["ignore", "pipe", "pipe"],
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited, topicPrefix };
}

async function listeningPort(started: Started, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /"port":(\d+)/.exec(started.output());
    if (match) return Number(match[1]);
    if (Date.now() > deadline || started.child.exitCode !== null) throw new Error(`service never listened:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("service processes", () => {
  it("exits 78 naming every bad variable when its configuration is invalid", async () => {
    const started = runService("gateway", { GATEWAY_PORT: "eighty", QUOTA_URL: "not a url" });
    expect(await started.exited).toBe(78);
    expect(started.output()).toContain("GATEWAY_PORT");
    expect(started.output()).toContain("QUOTA_URL");
  });

  it("the dialer refuses production with development defaults: retries seconds apart, or the simulator outside a sandbox (exit 78)", async () => {
    const started = runService("dialer", {
      NODE_ENV: "production",
      DIALER_PUBLIC_URL: "https://dialer.example.com",
      QUOTA_URL: "http://127.0.0.1:1",
      QUOTA_API_TOKEN: "q".repeat(32),
      DIALER_RETRY_DELAY_SECONDS: "2",
    });
    expect(await started.exited).toBe(78);
    expect(started.output()).toContain("DIALER_RETRY_DELAY_SECONDS: at least 60");
    expect(started.output()).toContain("VOXBRIDGE_SANDBOX=true");
  });

  it.each<[ServiceName, string]>([
    ["quota", "QUOTA_PORT"],
    ["dialer", "DIALER_PORT"],
  ])("%s answers /healthz and /readyz, then shuts down cleanly on SIGTERM (exit 0)", async (service, portVariable) => {
    const started = runService(service, { [portVariable]: "0", DIALER_GROUP_ID: `test-${randomBytes(4).toString("hex")}` });
    const port = await listeningPort(started);
    expect((await request(`http://127.0.0.1:${port}/healthz`)).statusCode).toBe(200);
    const ready = await request(`http://127.0.0.1:${port}/readyz`);
    expect(ready.statusCode).toBe(200);
    expect(((await ready.body.json()) as { status: string }).status).toBe("ready");
    started.child.kill("SIGTERM");
    expect(await started.exited).toBe(0);
    expect(started.output()).toContain("shutdown complete");
    if (service === "dialer") await deleteTopics(Object.values(topicNames(started.topicPrefix)));
  });
});
