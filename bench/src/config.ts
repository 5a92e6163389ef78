import path from "node:path";

/** Everything the benchmark can be told through the environment (see bench/README.md). */
export type BenchConfig = {
  gatewayUrl: string;
  databaseUrl: string;
  /** Concurrent HTTP connections for the gateway and pool size / workers for the baseline. */
  connections: number;
  /** Length of every measured phase, in seconds. */
  seconds: number;
  /** Length of the warm-up of each system, in seconds. */
  warmupSeconds: number;
  /** Skip the gateway (no CLI, no HTTP): measure only the bare Postgres baseline. */
  baselineOnly: boolean;
  /** Monorepo root: cwd of the operator CLI. */
  repoRoot: string;
  /** Where the JSON results go (gitignored). */
  resultsDir: string;
};

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Hard ceiling on requests / transactions per phase, whatever the duration. */
export const MAX_OPERATIONS_PER_PHASE = 5_000_000;
/** Pause between phases so background work (outbox relay, dialer, webhooks) can drain. */
export const SETTLE_SECONDS = 2;

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max} (got ${JSON.stringify(raw)})`);
  }
  return value;
}

function flagFromEnv(name: string): boolean {
  const raw = (process.env[name] ?? "").trim().toLowerCase();
  return raw !== "" && raw !== "0" && raw !== "false" && raw !== "no";
}

/** The benchmark only ever targets this machine: refuses any non-loopback host. */
function assertLoopback(name: string, url: URL): void {
  if (!LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`${name} must point at 127.0.0.1 (got host ${JSON.stringify(url.hostname)})`);
  }
  // libpq-style `?host=` overrides the authority; only a loopback host or a local socket directory is allowed.
  const hostParam = url.searchParams.get("host");
  if (hostParam !== null && !LOOPBACK_HOSTS.has(hostParam) && !hostParam.startsWith("/")) {
    throw new Error(`${name} must point at 127.0.0.1 (got host parameter ${JSON.stringify(hostParam)})`);
  }
}

export function parseUrl(name: string, raw: string, protocols: string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new Error(`${name} must use ${protocols.join(" or ")} (got ${url.protocol})`);
  }
  assertLoopback(name, url);
  return url;
}

export function loadConfig(): BenchConfig {
  const gatewayUrl = process.env.GATEWAY_URL?.trim() || "http://127.0.0.1:8080";
  const databaseUrl = process.env.DATABASE_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/voxbridge";
  parseUrl("GATEWAY_URL", gatewayUrl, ["http:"]);
  parseUrl("DATABASE_URL", databaseUrl, ["postgresql:", "postgres:"]);
  const repoRoot = path.resolve(__dirname, "..", "..");
  return {
    gatewayUrl: gatewayUrl.replace(/\/+$/, ""),
    databaseUrl,
    connections: intFromEnv("BENCH_CONNECTIONS", 32, 1, 256),
    seconds: intFromEnv("BENCH_SECONDS", 10, 1, 600),
    warmupSeconds: intFromEnv("BENCH_WARMUP_SECONDS", 3, 0, 60),
    baselineOnly: flagFromEnv("BENCH_BASELINE_ONLY"),
    repoRoot,
    resultsDir: path.join(repoRoot, "bench", "results"),
  };
}
