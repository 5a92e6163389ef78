import { collectDefaultMetrics, Registry } from "prom-client";

/** A Prometheus registry per service, with Node's default process metrics, labelled by service. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
