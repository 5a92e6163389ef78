import { collectDefaultMetrics, Gauge, Registry } from "prom-client";

/** Every VoxBridge metric name starts with this, Node's process metrics included. */
export const METRIC_PREFIX = "voxbridge_";

/**
 * The label naming the service on every series. Not `service`: the Prometheus Operator sets
 * `service` (the Kubernetes Service scraped) on every target, and a clash would rename ours to
 * `exported_service`.
 */
export const SERVICE_LABEL = "voxbridge_service";

/** What `voxbridge_build_info` says about the running build (`VOXBRIDGE_VERSION`, `VOXBRIDGE_REVISION`). */
export type BuildInfo = { VOXBRIDGE_VERSION: string; VOXBRIDGE_REVISION: string };

/**
 * A Prometheus registry per service, with Node's default process metrics (prefixed like ours),
 * labelled by `voxbridge_service`, and `voxbridge_build_info` (always 1; its labels name the build).
 * The event-loop delay histogram samples every 100 ms rather than prom-client's 10 ms: a sampling
 * timer 100 times a second was a third of an idle service's wake-ups, and a 100 ms sample still
 * shows any stall that matters to a request (docs/performance.md).
 */
export function createMetricsRegistry(
  service: string,
  build: BuildInfo = { VOXBRIDGE_VERSION: "unknown", VOXBRIDGE_REVISION: "unknown" },
): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ [SERVICE_LABEL]: service });
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX, eventLoopMonitoringPrecision: 100 });
  new Gauge({
    name: `${METRIC_PREFIX}build_info`,
    help: "The running build: version, source revision and Node.js version (always 1)",
    labelNames: ["version", "revision", "node_version"] as const,
    registers: [registry],
  }).set({ version: build.VOXBRIDGE_VERSION, revision: build.VOXBRIDGE_REVISION, node_version: process.version }, 1);
  return registry;
}
