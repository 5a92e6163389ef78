/**
 * Hold benchmark (`pnpm bench:hold`, see bench/README.md). Self-contained: it starts the processes it
 * measures (a quota, two gateways and a stub) against the machine's Postgres, Redis and Kafka, in a
 * scratch database and a scratch topic prefix, and stops them at the end. Loopback only.
 *
 * (a) Hold round trip: POST /internal/v1/holds over HTTP (keep-alive, like the gateway's client)
 *     against a real quota process, next to the floor it cannot beat: the same check-and-hold Lua
 *     script as one bare EVALSHA from this process. Sequential (concurrency 1) and concurrent.
 * (b) Gateway create-call throughput, POST /v1/calls/outbound, with the gateway asking the real
 *     quota, against the same gateway code asking a stub that grants every hold at once (BASELINE
 *     ONLY: hold-stub-quota.ts). Rounds alternate between the two.
 *
 * Progress goes to stderr, the tables to stdout, the JSON to bench/results/hold-<timestamp>.json.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { LOCAL_SERVICE_TOKEN } from "../../packages/kit/src/http/service-credential";
import { createKafka } from "../../packages/kit/src/kafka/client";
import { createLogger } from "../../packages/kit/src/logger";
import { createRedisClient } from "../../packages/kit/src/redis";
import { createRedisCounters } from "../../services/quota/src/adapters/redis-counters";
import { createBenchOrg, preflight, redact, runGateway } from "./gateway";
import { freePort, migrateBenchDatabase, type Started, serviceDir, startProcess } from "./hold-processes";
import type { PhaseResult } from "./phase";
import { LatencySamples, type LatencySummary, msSince, sleep } from "./stats";

const TARGET_HOLD_P99_MS = 2;
const TARGET_THROUGHPUT_RATIO = 0.9;
const MAX_HOLD_REQUESTS = 200_000;

const log = (message: string): void => {
  process.stderr.write(`[bench:hold] ${message}\n`);
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
function loopbackUrl(name: string, raw: string): string {
  const url = new URL(raw);
  if (!LOOPBACK.has(url.hostname)) throw new Error(`${name} must point at 127.0.0.1 (got ${url.hostname})`);
  return raw;
}
function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer between ${min} and ${max}`);
  return value;
}

const repoRoot = path.resolve(__dirname, "..", "..");
const config = {
  databaseUrl: loopbackUrl(
    "BENCH_DATABASE_URL",
    process.env.BENCH_DATABASE_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/voxbridge_bench_hold",
  ),
  redisUrl: loopbackUrl("REDIS_URL", process.env.REDIS_URL?.trim() || "redis://127.0.0.1:6379"),
  kafkaBrokers: (process.env.KAFKA_BROKERS?.trim() || "127.0.0.1:9092").split(",").map((broker) => {
    loopbackUrl("KAFKA_BROKERS", `kafka://${broker.trim()}`);
    return broker.trim();
  }),
  holdRequests: intFromEnv("BENCH_HOLD_REQUESTS", 5_000, 100, MAX_HOLD_REQUESTS),
  holdConcurrency: intFromEnv("BENCH_HOLD_CONCURRENCY", 16, 1, 256),
  connections: intFromEnv("BENCH_CONNECTIONS", 32, 1, 256),
  seconds: intFromEnv("BENCH_SECONDS", 10, 1, 600),
  warmupSeconds: intFromEnv("BENCH_WARMUP_SECONDS", 3, 0, 60),
  rounds: intFromEnv("BENCH_ROUNDS", 3, 1, 10),
  skipGateway: ["1", "true", "yes"].includes((process.env.BENCH_HOLD_SKIP_GATEWAY ?? "").toLowerCase()),
};

type LatencyRow = { path: string; concurrency: number; requests: number; errors: number; seconds: number; latency: LatencySummary };

/** Runs `operation` `total` times from `concurrency` loops, timing every call into `samples`; returns the errors. */
async function timeLoop(samples: LatencySamples, total: number, concurrency: number, operation: () => Promise<void>): Promise<number> {
  let started = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < total) {
        started++;
        const begin = process.hrtime.bigint();
        try {
          await operation();
          samples.record(msSince(begin));
        } catch {
          errors++;
        }
      }
    }),
  );
  return errors;
}

/**
 * Measures the paths in alternating chunks, so that background load on a shared machine falls on
 * all of them alike rather than on whichever happened to run during a busy spell.
 */
async function interleaved(
  paths: { label: string; operation: () => Promise<void> }[],
  total: number,
  concurrency: number,
): Promise<LatencyRow[]> {
  const chunks = 10;
  const state = paths.map((path) => ({ ...path, samples: new LatencySamples(total), errors: 0, ms: 0 }));
  for (let chunk = 0; chunk < chunks; chunk++) {
    const size = Math.floor(total / chunks) + (chunk < total % chunks ? 1 : 0);
    for (const path of chunk % 2 === 0 ? state : [...state].reverse()) {
      const begin = process.hrtime.bigint();
      path.errors += await timeLoop(path.samples, size, concurrency, path.operation);
      path.ms += msSince(begin);
    }
  }
  return state.map((path) => ({
    path: path.label,
    concurrency,
    requests: total,
    errors: path.errors,
    seconds: path.ms / 1000,
    latency: path.samples.summary(),
  }));
}

/** POST with a keep-alive agent; resolves with the status once the body has been read. */
/** The quota process runs with the development service credential, as up.sh's does. */
const INTERNAL_AUTH = { authorization: `Bearer ${LOCAL_SERVICE_TOKEN}` };

function postJson(agent: http.Agent, url: URL, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { ...INTERNAL_AUTH, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      },
    );
    req.setTimeout(5_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

const fixed = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? "n/a" : value.toFixed(digits));

function latencyTable(rows: LatencyRow[]): string {
  const floor = new Map(rows.filter((row) => row.path.startsWith("redis")).map((row) => [row.concurrency, row.latency]));
  const lines = [
    "| path | concurrency | requests | errors | p50 ms | p99 ms | max ms | p50 / baseline | p99 / baseline |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const row of rows) {
    const base = floor.get(row.concurrency);
    const ratio = (mine: number | null, theirs: number | null | undefined) => (mine && theirs ? `${(mine / theirs).toFixed(1)}x` : "n/a");
    lines.push(
      `| ${row.path} | ${row.concurrency} | ${row.requests} | ${row.errors} | ${fixed(row.latency.p50)} | ${fixed(row.latency.p99)} | ${fixed(row.latency.max)} | ${ratio(row.latency.p50, base?.p50)} | ${ratio(row.latency.p99, base?.p99)} |`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const prefix = `bench-${randomBytes(4).toString("hex")}.`;
  mkdirSync(path.join(repoRoot, "bench", "results"), { recursive: true });
  const logFile = path.join(repoRoot, "bench", "results", `hold-${stamp}.log`);
  const logFd = openSync(logFile, "a");
  const logger = createLogger({ service: "bench", level: "silent" });
  const started: Started[] = [];
  const redis = createRedisClient(config.redisUrl, logger);
  const failures: string[] = [];
  const report: Record<string, unknown> = {
    started_at: new Date().toISOString(),
    config: { ...config, databaseUrl: config.databaseUrl.replace(/\/\/[^@/]*@/, "//***@") },
    environment: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, loadavg: os.loadavg() },
    topic_prefix: prefix,
  };

  try {
    log(
      `migrating ${report.config && (report.config as { databaseUrl: string }).databaseUrl} (gateway, quota, webhooks); services log to ${path.relative(repoRoot, logFile)}`,
    );
    migrateBenchDatabase(repoRoot, config.databaseUrl);
    const common = {
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      KAFKA_BROKERS: config.kafkaBrokers.join(","),
      KAFKA_TOPIC_PREFIX: prefix,
      NODE_ENV: "development",
      LOG_LEVEL: "info",
      // Several processes of one service may run side by side: no fixed management port.
      MANAGEMENT_PORT: "0",
    };
    const quotaPort = await freePort();
    log(`starting quota on ${quotaPort}`);
    const quota = await startProcess({
      name: "quota",
      cwd: serviceDir(repoRoot, "quota"),
      script: "dist/main.js",
      port: quotaPort,
      env: { ...common, QUOTA_PORT: String(quotaPort), DB_POOL_SIZE: "8" },
      logFd,
    });
    started.push(quota);
    await redis.connect();

    // ---- (a) hold round trip -------------------------------------------------------------------
    const orgId = randomUUID();
    const agent = new http.Agent({ keepAlive: true, maxSockets: config.holdConcurrency });
    const limit = await fetch(`${quota.url}/internal/v1/orgs/${orgId}/limit`, {
      method: "PUT",
      headers: { ...INTERNAL_AUTH, "content-type": "application/json" },
      body: JSON.stringify({ minutes_limit: 2_000_000_000 }),
    });
    if (limit.status !== 200) throw new Error(`PUT limit answered ${limit.status}: ${await limit.text()}`);
    const holdsUrl = new URL(`${quota.url}/internal/v1/holds`);
    const httpHold = async () => {
      const answer = await postJson(agent, holdsUrl, JSON.stringify({ org_id: orgId, call_id: randomUUID() }));
      if (answer.status !== 200 || !answer.text.includes('"granted":true')) throw new Error(`hold answered ${answer.status}`);
    };
    // The floor: the same script quota runs, one EVALSHA from here, on a scratch org loaded like a rebuild would.
    const counters = createRedisCounters(redis);
    const scratchOrg = randomUUID();
    const period = "2000-01";
    await counters.load(scratchOrg, period, { limit: 2_000_000_000, used: 0, holds: [] });
    const redisHold = async () => {
      if ((await counters.hold(scratchOrg, period, randomUUID(), 1)).outcome !== "granted") throw new Error("not granted");
    };

    log("warming up both paths (1,000 holds each)");
    await timeLoop(new LatencySamples(1_000), 1_000, 4, httpHold);
    await timeLoop(new LatencySamples(1_000), 1_000, 4, redisHold);
    const rows: LatencyRow[] = [];
    for (const concurrency of [...new Set([1, config.holdConcurrency])]) {
      log(`${config.holdRequests} holds on each path at concurrency ${concurrency}, interleaved in chunks`);
      const measured = await interleaved(
        [
          { label: "redis EVALSHA, same script (baseline)", operation: redisHold },
          { label: "quota POST /internal/v1/holds", operation: httpHold },
        ],
        config.holdRequests,
        concurrency,
      );
      for (const row of measured) {
        log(
          `  ${row.path}: p50 ${fixed(row.latency.p50)} ms, p99 ${fixed(row.latency.p99)} ms, ${row.errors} errors, ${(row.requests / row.seconds).toFixed(0)}/s`,
        );
      }
      rows.push(...measured);
    }
    agent.destroy();
    await counters.drop(scratchOrg, [period]);
    const sequentialP99 = rows.find((row) => row.path.startsWith("quota") && row.concurrency === 1)?.latency.p99 ?? null;
    report.hold_round_trip = { org_id: orgId, rows, sequential_p99_ms: sequentialP99, target_p99_ms: TARGET_HOLD_P99_MS };
    if (rows.some((row) => row.errors > 0)) failures.push("hold requests failed");

    process.stdout.write(`\n## (a) hold round trip, loopback\n\n${latencyTable(rows)}\n\n`);
    process.stdout.write(
      `quota hold p99 at concurrency 1: ${fixed(sequentialP99)} ms  target < ${TARGET_HOLD_P99_MS} ms  ${sequentialP99 !== null && sequentialP99 < TARGET_HOLD_P99_MS ? "met" : "NOT met"}\n`,
    );

    // ---- (b) gateway create-call throughput: real quota vs a stub ------------------------------
    if (!config.skipGateway) {
      const stubPort = await freePort();
      log(`starting the stub quota (baseline only) on ${stubPort}`);
      const stub = await startProcess({
        name: "stub quota",
        cwd: path.join(repoRoot, "bench"),
        script: "src/hold-stub-quota.ts",
        port: stubPort,
        env: { BENCH_STUB_PORT: String(stubPort) },
        logFd,
      });
      started.push(stub);
      const gateways: Record<"real" | "stub", Started> = {} as Record<"real" | "stub", Started>;
      for (const [which, quotaUrl] of [
        ["real", quota.url],
        ["stub", stub.url],
      ] as const) {
        const port = await freePort();
        log(`starting gateway (${which} quota) on ${port}`);
        gateways[which] = await startProcess({
          name: `gateway (${which} quota)`,
          cwd: serviceDir(repoRoot, "gateway"),
          script: "dist/main.js",
          port,
          env: {
            ...common,
            GATEWAY_PORT: String(port),
            QUOTA_URL: quotaUrl,
            GATEWAY_GROUP_ID: `${prefix}gateway`,
            RATE_LIMIT_PER_WINDOW: "1000000000",
            // Postgres allows 100 connections in all, shared with whatever else runs here.
            DB_POOL_SIZE: "10",
          },
          logFd,
        });
        started.push(gateways[which]);
      }
      process.env.DATABASE_URL = config.databaseUrl; // the operator CLI provisions in the bench database
      const org = createBenchOrg(repoRoot, `bench-hold-${stamp}`);
      for (const which of ["real", "stub"] as const) await preflight(gateways[which].url, org.apiKey);

      const results: Record<"real" | "stub", PhaseResult[]> = { real: [], stub: [] };
      const phase = async (which: "real" | "stub", kind: "warmup" | "peak", seconds: number) => {
        log(`gateway (${which} quota) ${kind} for ${seconds} s at ${config.connections} connections`);
        const result = await runGateway(gateways[which].url, org.apiKey, config.connections, kind, seconds, null);
        log(
          `  ${result.throughput.toFixed(1)} created/s, p50 ${fixed(result.latency.p50, 2)} ms, p99 ${fixed(result.latency.p99, 2)} ms, errors ${result.errors}`,
        );
        await sleep(2_000);
        return result;
      };
      if (config.warmupSeconds > 0) {
        await phase("real", "warmup", config.warmupSeconds);
        await phase("stub", "warmup", config.warmupSeconds);
      }
      for (let round = 0; round < config.rounds; round++) {
        // Alternate which goes first, so neither always runs on a machine still busy with the other's background work.
        const order = round % 2 === 0 ? (["stub", "real"] as const) : (["real", "stub"] as const);
        for (const which of order) results[which].push(await phase(which, "peak", config.seconds));
      }
      const mean = (list: PhaseResult[], pick: (result: PhaseResult) => number) => list.reduce((sum, r) => sum + pick(r), 0) / list.length;
      const real = mean(results.real, (r) => r.throughput);
      const stubbed = mean(results.stub, (r) => r.throughput);
      // Each round measures both back to back; the median of the rounds' ratios resists a busy spell in one round.
      const roundRatios = results.real.map((r, i) => r.throughput / Math.max(results.stub[i]?.throughput ?? 0, 1e-9)).sort((a, b) => a - b);
      const ratio = roundRatios.length > 0 ? (roundRatios[Math.floor((roundRatios.length - 1) / 2)] ?? null) : null;
      const errors = [...results.real, ...results.stub].reduce((sum, r) => sum + r.errors, 0);
      const total = [...results.real, ...results.stub].reduce((sum, r) => sum + r.ok + r.errors, 0);
      if (total === 0 || errors / total > 0.01) failures.push(`gateway errors ${errors}/${total}`);
      report.gateway_throughput = {
        results,
        real_mean_rps: real,
        stub_mean_rps: stubbed,
        round_ratios: roundRatios,
        median_round_ratio: ratio,
        target_ratio: TARGET_THROUGHPUT_RATIO,
      };

      const row = (label: string, list: PhaseResult[]) =>
        `| ${label} | ${list.map((r) => r.throughput.toFixed(0)).join(" / ")} | ${mean(list, (r) => r.throughput).toFixed(1)} | ${fixed(
          mean(list, (r) => r.latency.p50 ?? 0),
          2,
        )} | ${fixed(
          mean(list, (r) => r.latency.p99 ?? 0),
          2,
        )} | ${list.reduce((s, r) => s + r.errors, 0)} |`;
      process.stdout.write(
        [
          "",
          `## (b) gateway POST /v1/calls/outbound, ${config.connections} connections, ${config.rounds} x ${config.seconds} s each`,
          "",
          "| gateway asks | created/s per round | mean created/s | p50 ms | p99 ms | errors |",
          "| --- | --- | ---: | ---: | ---: | ---: |",
          row("real quota (Postgres ledger + Redis)", results.real),
          row("stub quota, grants at once (BASELINE ONLY)", results.stub),
          "",
          `per-round ratios (real / stub): ${roundRatios.map((r) => r.toFixed(2)).join(", ")}`,
          `median ratio: ${fixed(ratio, 2)}  target >= ${TARGET_THROUGHPUT_RATIO}  ${ratio !== null && ratio >= TARGET_THROUGHPUT_RATIO ? "met" : "NOT met"}`,
          "",
        ].join("\n"),
      );
    }
  } finally {
    for (const process_ of started.reverse()) await process_.stop().catch(() => undefined);
    await redis.quit().catch(() => redis.disconnect());
    const admin = createKafka({ clientId: "bench-hold", brokers: config.kafkaBrokers, logger }).admin();
    await admin
      .connect()
      .then(async () => {
        const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
        if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
      })
      .catch(() => undefined)
      .finally(() => admin.disconnect());
    closeSync(logFd);
  }

  report.failures = failures;
  const file = path.join(repoRoot, "bench", "results", `hold-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`results written to ${path.relative(repoRoot, file)}`);
  for (const failure of failures) log(`FAIL ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`FATAL ${redact(error instanceof Error ? (error.stack ?? error.message) : String(error))}`);
    process.exit(1);
  },
);
