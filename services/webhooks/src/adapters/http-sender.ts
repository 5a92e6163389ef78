import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { isPrivateName, isPublicAddress } from "@voxbridge/kit";
import { Agent, buildConnector } from "undici";
import type { WebhookSender } from "../app/ports";
import { parseRetryAfter } from "../domain/retry-schedule";

export type HttpSenderOptions = {
  /** Whole-attempt deadline: connect, headers and body (15 s in production). */
  timeoutMs: number;
  /** Bytes of a response body read before the connection is dropped. */
  maxResponseBytes: number;
  allowPrivateNetworks: boolean;
  /** Resolves a host to every address; injectable so tests can play a rebinding DNS server. */
  resolveHost?: (host: string) => Promise<string[]>;
  connectionsPerOrigin?: number;
};

const systemResolve = async (host: string) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Connects only to the address it checked: resolves the host itself, refuses when any address is
 * not public, then connects to that address (keeping the name for TLS SNI and certificate checks).
 * A DNS answer that changes between the creation check and the connection cannot reach a private address.
 */
function safeConnector(options: Pick<HttpSenderOptions, "allowPrivateNetworks" | "resolveHost" | "timeoutMs">): buildConnector.connector {
  const base = buildConnector({ timeout: options.timeoutMs });
  if (options.allowPrivateNetworks) return base;
  const resolve = options.resolveHost ?? systemResolve;
  return (connectOptions, callback) => {
    const host = connectOptions.hostname.replace(/^\[|\]$/g, "");
    if (!isIP(host) && isPrivateName(host)) {
      callback(new Error(`refused: ${host} is a private name`), null);
      return;
    }
    const addresses = isIP(host) ? Promise.resolve([host]) : resolve(host);
    addresses.then(
      (resolved) => {
        const blocked = resolved.length === 0 ? "nothing" : resolved.find((address) => !isPublicAddress(address));
        const target = resolved[0];
        if (blocked !== undefined || target === undefined) {
          callback(new Error(`refused: ${host} resolves to a non-public address (${blocked ?? "nothing"})`), null);
          return;
        }
        base({ ...connectOptions, hostname: target, servername: connectOptions.servername ?? (isIP(host) ? undefined : host) }, callback);
      },
      (error: unknown) =>
        callback(new Error(`refused: ${host} does not resolve (${error instanceof Error ? error.message : String(error)})`), null),
    );
  };
}

/** POSTs with undici through the SSRF-checking connector; never follows redirects; reads at most a capped body. */
export function createHttpSender(options: HttpSenderOptions): WebhookSender & { close: () => Promise<void> } {
  const agent = new Agent({
    connect: safeConnector(options),
    connections: options.connectionsPerOrigin ?? 32,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    keepAliveTimeout: 4_000,
  });
  return {
    async send({ url, headers, body }) {
      const started = performance.now();
      const deadline = AbortSignal.timeout(options.timeoutMs);
      const elapsed = () => Math.round(performance.now() - started);
      try {
        const target = new URL(url);
        const response = await agent.request({
          origin: target.origin,
          path: `${target.pathname}${target.search}`,
          method: "POST",
          headers,
          body,
          signal: deadline,
        });
        await response.body.dump({ limit: options.maxResponseBytes }).catch(() => undefined);
        const retryAfter = response.headers["retry-after"];
        return {
          status: response.statusCode,
          error: response.statusCode >= 200 && response.statusCode < 300 ? null : `HTTP ${response.statusCode}`,
          retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, new Date()),
          durationMs: elapsed(),
        };
      } catch (error) {
        const reason = deadline.aborted ? `timed out after ${options.timeoutMs} ms` : describeFailure(error, options.timeoutMs);
        return { status: null, error: reason, retryAfterMs: null, durationMs: elapsed() };
      }
    },
    close: () => agent.close(),
  };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "HeadersTimeoutError" || error.name === "BodyTimeoutError")
      return `timed out after ${timeoutMs} ms`;
    const code = (error as { code?: string }).code;
    return (code ? `${code}: ${error.message}` : error.message).slice(0, 300);
  }
  return String(error).slice(0, 300);
}
