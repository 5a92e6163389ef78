import { Counter, type Registry } from "prom-client";

/** A Prometheus counter in a service's registry, so services count things without depending on prom-client themselves. */
export function createCounter<L extends string = never>(
  registry: Registry,
  options: { name: string; help: string; labelNames?: readonly L[] },
): Counter<L> {
  return new Counter<L>({ name: options.name, help: options.help, labelNames: options.labelNames ?? [], registers: [registry] });
}
