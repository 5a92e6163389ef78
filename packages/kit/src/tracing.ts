import type { NodeSDK } from "@opentelemetry/sdk-node";
import { useTracingSdk } from "./trace";

/**
 * Whether the standard OpenTelemetry variables ask for traces: an OTLP endpoint, or an exporter
 * named in OTEL_TRACES_EXPORTER other than `none`; and not OTEL_SDK_DISABLED. Off otherwise (the
 * SDK's own default would be on, exporting to localhost:4318).
 */
export function tracingConfigured(env: Record<string, string | undefined>): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (exporters.includes("none")) return false;
  return exporters.length > 0 || Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/** The HTTP requests that are not worth a trace: probes and scrapes, every few seconds. */
const UNTRACED_PATHS = new Set(["/healthz", "/readyz", "/metrics", "/diagnostics"]);

let sdk: NodeSDK | null = null;

/**
 * Starts OpenTelemetry tracing when the environment asks for it (`tracingConfigured`); a no-op
 * otherwise. Must run before the instrumented modules (http, express, pg, ioredis) are first required: each
 * service's `src/tracing.ts` calls it, and is the first import of its `main.ts`. The SDK and the
 * instrumentations are required here, on demand, so that a service with tracing off never loads them.
 * The SDK reads the rest of its settings itself (OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER,
 * OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_RESOURCE_ATTRIBUTES…; docs/observability.md).
 */
export function startTracing(service: string, env: Record<string, string | undefined> = process.env): boolean {
  if (sdk !== null || !tracingConfigured(env)) return false;
  // Required on demand (esbuild leaves `require` of an npm package as it is): see above.
  const { NodeSDK } = require("@opentelemetry/sdk-node") as typeof import("@opentelemetry/sdk-node");
  const { HttpInstrumentation } = require("@opentelemetry/instrumentation-http") as typeof import("@opentelemetry/instrumentation-http");
  const { ExpressInstrumentation, ExpressLayerType } =
    require("@opentelemetry/instrumentation-express") as typeof import("@opentelemetry/instrumentation-express");
  const { UndiciInstrumentation } =
    require("@opentelemetry/instrumentation-undici") as typeof import("@opentelemetry/instrumentation-undici");
  const { PgInstrumentation } = require("@opentelemetry/instrumentation-pg") as typeof import("@opentelemetry/instrumentation-pg");
  const { IORedisInstrumentation } =
    require("@opentelemetry/instrumentation-ioredis") as typeof import("@opentelemetry/instrumentation-ioredis");
  sdk = new NodeSDK({
    ...(env.OTEL_SERVICE_NAME ? {} : { serviceName: service }),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? "").split("?")[0] ?? ""),
      }),
      // No span per middleware or handler: only the route template, which names the server span
      // (`POST /v1/calls/outbound`, `http.route`) instead of the method alone.
      new ExpressInstrumentation({
        ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER, ExpressLayerType.REQUEST_HANDLER],
      }),
      new UndiciInstrumentation(),
      // A span per query, without its parameters (they hold phone numbers and keys); no span for
      // taking a pooled connection, nor for a query outside any span (background polling, which
      // would start a trace of its own every pass), as ioredis' instrumentation does by default.
      new PgInstrumentation({ enhancedDatabaseReporting: false, ignoreConnectSpans: true, requireParentSpan: true }),
      new IORedisInstrumentation(),
    ],
    // Traces only: metrics stay on Prometheus (/metrics), logs on stdout.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  useTracingSdk({ outboundInstrumented: true });
  return true;
}

/** Exports the spans still buffered, then stops the SDK; a no-op when tracing is off. */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = null;
  await running?.shutdown();
}
