import { randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { request } from "undici";
import { createBenchOrg } from "./gateway";
import { freePort, type Started, serviceDir, startProcess } from "./hold-processes";
import { sleep } from "./stats";
import { recordSummary } from "./summary";
import { TARGETS } from "./targets";

/**
 * Resident memory of each service, idle and under load, run two ways in the same run: through the
 * transpiler (`node --import tsx src/main.ts`, how production ran before `pnpm build`) and compiled
 * (`node dist/main.js`). Idle: 10 s after all four are ready. Loaded: the highest RSS sampled every
 * 250 ms while 16 clients create calls for 20 s (answered at once, 1 s of talk, so every service
 * works). Linux only (/proc). Needs Postgres, Redis and Kafka (scripts/up.sh brings them up) and a
 * build (`pnpm build`). Run: pnpm --filter @voxbridge/bench bench:rss
 */
const REPO = path.resolve(__dirname, "../..");
const SERVICES = ["quota", "webhooks", "gateway", "dialer"] as const;
const LOAD_MS = Number(process.env.BENCH_LOAD_MS ?? 20_000);

const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
};

type Row = Record<(typeof SERVICES)[number], { idle: number; loaded: number }>;

async function measure(mode: "transpiled" | "compiled"): Promise<Row> {
  const prefix = `bench-rss-${randomBytes(3).toString("hex")}.`;
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()]))) as Record<string, number>;
  const common = {
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/voxbridge",
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? "127.0.0.1:9092",
    KAFKA_TOPIC_PREFIX: prefix,
    NODE_ENV: "development",
    LOG_LEVEL: "warn",
    MANAGEMENT_PORT: "0",
    QUOTA_URL: `http://127.0.0.1:${ports.quota}`,
    WEBHOOKS_URL: `http://127.0.0.1:${ports.webhooks}`,
    GATEWAY_GROUP_ID: `${prefix}gateway`,
    DIALER_GROUP_ID: `${prefix}dialer`,
    WEBHOOKS_GROUP_ID: `${prefix}webhooks`,
    SIM_RING_SECONDS: "0.1",
    SIM_TALK_SECONDS: "1",
    DIALER_ORG_CONCURRENCY: "200",
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
  };
  const logFd = openSync(path.join(os.tmpdir(), `voxbridge-rss-${mode}.log`), "w");
  const started: Started[] = [];
  try {
    for (const service of SERVICES) {
      started.push(
        await startProcess({
          name: service,
          cwd: serviceDir(REPO, service),
          script: mode === "compiled" ? "dist/main.js" : "src/main.ts",
          port: ports[service] as number,
          env: { ...common, [`${service.toUpperCase()}_PORT`]: String(ports[service]) },
          logFd,
        }),
      );
    }
    const pids = Object.fromEntries(started.map((s) => [s.name, s.child.pid as number]));
    await sleep(10_000);
    const row = Object.fromEntries(SERVICES.map((s) => [s, { idle: rssMb(pids[s] as number), loaded: 0 }])) as Row;

    const org = createBenchOrg(REPO, `bench rss ${mode}`);
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        for (const s of SERVICES) row[s].loaded = Math.max(row[s].loaded, rssMb(pids[s] as number));
        await sleep(250);
      }
    })();
    const until = Date.now() + LOAD_MS;
    let n = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (Date.now() < until) {
          const response = await request(`http://127.0.0.1:${ports.gateway}/v1/calls/outbound`, {
            method: "POST",
            headers: { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json" },
            body: JSON.stringify({ to: `+1415556${String(1000 + (n++ % 9000))}` }),
          });
          await response.body.dump();
        }
      }),
    );
    await sleep(3_000);
    sampling = false;
    await sampler;
    return row;
  } finally {
    for (const s of started.reverse()) await s.stop();
    closeSync(logFd);
  }
}

async function main() {
  const before = await measure("transpiled");
  const after = await measure("compiled");
  const mb = (v: number) => v.toFixed(0).padStart(5);
  console.log(`\nRSS in MB (targets: idle ≤ ${TARGETS.rssIdleMb}, loaded ≤ ${TARGETS.rssLoadedMb})`);
  console.log("| service  | tsx idle | tsx loaded | compiled idle | compiled loaded | idle / target | loaded / target |");
  console.log("| -------- | -------- | ---------- | ------------- | --------------- | ------------- | --------------- |");
  for (const s of SERVICES) {
    console.log(
      `| ${s.padEnd(8)} | ${mb(before[s].idle)}    | ${mb(before[s].loaded)}      | ${mb(after[s].idle)}         | ${mb(after[s].loaded)}           | ${(after[s].idle / TARGETS.rssIdleMb).toFixed(2).padStart(13)} | ${(after[s].loaded / TARGETS.rssLoadedMb).toFixed(2).padStart(15)} |`,
    );
  }
  recordSummary(
    "rss",
    Object.fromEntries(
      SERVICES.flatMap((s) => [
        [`${s}_idle_mb`, after[s].idle],
        [`${s}_loaded_mb`, after[s].loaded],
      ]),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
