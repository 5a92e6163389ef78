import { execFileSync } from "node:child_process";
import autocannon from "autocannon";
import { MAX_OPERATIONS_PER_PHASE } from "./config";
import { countKind, type PhaseName, type PhaseResult } from "./phase";
import { LatencySamples } from "./stats";

export const CREATE_CALL_PATH = "/v1/calls/outbound";
const REQUEST_TIMEOUT_SECONDS = 10;

/** Hides anything that looks like a credential before text reaches the terminal. */
export function redact(text: string): string {
  return text.replace(/sk_(live|test)_[A-Za-z0-9_-]+/g, "sk_$1_[redacted]").replace(/whsec_[A-Za-z0-9_-]+/g, "whsec_[redacted]");
}

export class GatewayUnreachableError extends Error {}

/** Any HTTP answer at all means something is listening; a refused or timed-out connection does not. */
export async function assertReachable(gatewayUrl: string): Promise<void> {
  try {
    const response = await fetch(`${gatewayUrl}/`, { signal: AbortSignal.timeout(5_000) });
    await response.body?.cancel();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.message : String(error));
    throw new GatewayUnreachableError(`gateway unreachable at ${gatewayUrl} (${cause}); start the stack with ./scripts/up.sh`);
  }
}

export type BenchOrg = { orgId: string; apiKey: string };

/** Creates a throwaway organization with the operator CLI; the API key stays in memory only. */
export function createBenchOrg(repoRoot: string, name: string): BenchOrg {
  let stdout: string;
  try {
    stdout = execFileSync("pnpm", ["--silent", "admin", "org:create", "--name", name, "--minutes", "100000000"], {
      cwd: repoRoot,
      env: process.env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      timeout: 120_000,
      maxBuffer: 1024 * 1024,
    });
  } catch (error) {
    const out = (error as { stdout?: unknown }).stdout;
    const detail = typeof out === "string" && out.trim() !== "" ? `: ${redact(out.trim()).slice(0, 500)}` : "";
    throw new Error(`\`pnpm admin org:create\` failed (${error instanceof Error ? error.message.split("\n")[0] : String(error)})${detail}`);
  }
  const line = stdout
    .split("\n")
    .map((candidate) => candidate.trim())
    .filter((candidate) => candidate.startsWith("{"))
    .pop();
  let parsed: unknown;
  try {
    parsed = line === undefined ? undefined : JSON.parse(line);
  } catch {
    parsed = undefined;
  }
  const record = (parsed ?? {}) as Record<string, unknown>;
  if (typeof record.org_id !== "string" || typeof record.api_key !== "string" || record.api_key === "") {
    throw new Error(`\`pnpm admin org:create\` did not print the expected JSON line (got: ${redact(stdout.trim()).slice(0, 300)})`);
  }
  return { orgId: record.org_id, apiKey: record.api_key };
}

let numberSequence = 0;

/** Destination numbers cycle through +15551231000..+15551239999, avoiding the simulator's failure endings 0001-0003. */
export function nextBody(): string {
  const suffix = 1000 + (numberSequence++ % 9000);
  return JSON.stringify({ to: `+1555123${suffix}`, metadata: { bench: true } });
}

export function headers(apiKey: string): Record<string, string> {
  return { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
}

/** One create-call: null when the gateway answered 201, else the kind of failure. */
export async function createOneCall(gatewayUrl: string, apiKey: string): Promise<string | null> {
  const response = await fetch(`${gatewayUrl}${CREATE_CALL_PATH}`, { method: "POST", headers: headers(apiKey), body: nextBody() });
  await response.arrayBuffer();
  return response.status === 201 ? null : `http_${response.status}`;
}

/** One create-call before the load starts: proves the key works and the gateway answers 201. */
export async function preflight(gatewayUrl: string, apiKey: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${gatewayUrl}${CREATE_CALL_PATH}`, {
      method: "POST",
      headers: headers(apiKey),
      body: nextBody(),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_SECONDS * 1000),
    });
  } catch (error) {
    throw new GatewayUnreachableError(
      `preflight POST ${CREATE_CALL_PATH} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const text = await response.text();
  if (response.status !== 201) {
    throw new Error(`preflight POST ${CREATE_CALL_PATH} answered ${response.status}, expected 201: ${redact(text).slice(0, 500)}`);
  }
}

/**
 * Drives POST /v1/calls/outbound with autocannon. Latency comes from the raw per-response times
 * (autocannon's own coordinated-omission correction is off: with a rate it uses an expected interval of
 * ceil(1/rate) ms, which floods the histogram with synthetic small values).
 */
export async function runGateway(
  gatewayUrl: string,
  apiKey: string,
  connections: number,
  phase: PhaseName,
  seconds: number,
  rate: number | null,
): Promise<PhaseResult & { autocannon: { p50: number; p99: number; non2xx: number; errors: number; timeouts: number } }> {
  const samples = new LatencySamples(MAX_OPERATIONS_PER_PHASE);
  const errorKinds: Record<string, number> = {};
  let ok = 0;
  let errors = 0;

  const options: autocannon.Options = {
    url: `${gatewayUrl}${CREATE_CALL_PATH}`,
    connections,
    duration: seconds,
    timeout: REQUEST_TIMEOUT_SECONDS,
    pipelining: 1,
    method: "POST",
    headers: headers(apiKey),
    requests: [{ method: "POST", setupRequest: (request) => ({ ...request, body: nextBody() }) }],
    maxOverallRequests: Math.max(connections, MAX_OPERATIONS_PER_PHASE),
  };
  // autocannon only accepts ignoreCoordinatedOmission together with a rate.
  if (rate !== null) Object.assign(options, { overallRate: rate, ignoreCoordinatedOmission: true });

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    // Invalid options are thrown synchronously by autocannon; the executor turns that into a rejection.
    const instance = autocannon(options, (error: unknown, finished: autocannon.Result) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(finished);
    });
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      samples.record(responseTime);
      if (statusCode === 201) {
        ok++;
      } else {
        errors++;
        countKind(errorKinds, `http_${statusCode}`);
      }
    });
    instance.on("reqError", (error: unknown) => {
      errors++;
      const message = error instanceof Error ? error.message : String(error);
      const code = (error as { code?: unknown }).code;
      countKind(errorKinds, message === "request timed out" ? "timeout" : typeof code === "string" ? code : message.slice(0, 80));
    });
  });

  const durationSeconds = result.duration > 0 ? result.duration : seconds;
  return {
    phase,
    connections: result.connections,
    targetRate: rate,
    durationSeconds,
    ok,
    errors,
    errorKinds,
    throughput: ok / durationSeconds,
    latency: samples.summary(),
    autocannon: {
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    },
  };
}
