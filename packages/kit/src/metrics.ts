import { collectDefaultMetrics, Registry } from "prom-client";

/**
 * A Prometheus registry per service, with Node's default process metrics, labelled by service. The
 * event-loop delay histogram samples every 100 ms rather than prom-client's 10 ms: a sampling timer
 * 100 times a second was a third of an idle service's wake-ups, and a 100 ms sample still shows any
 * stall that matters to a request (docs/performance.md).
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  return registry;
}
