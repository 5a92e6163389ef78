import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";

/**
 * W3C Trace Context (`traceparent: 00-<trace id>-<parent id>-<flags>`), carried from the gateway
 * through the internal HTTP calls, the CloudEvents on Kafka (the `traceparent` extension attribute
 * and a Kafka header) and every service's handling of them, so each log line about a call names
 * its trace (`traceId`). Written by hand rather than with OpenTelemetry: only the context is
 * propagated (no spans are exported), and that is a regex and an AsyncLocalStorage.
 */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const storage = new AsyncLocalStorage<{ traceparent: string }>();

/** A well-formed version-00 traceparent whose ids are not all zeros. */
export const isTraceparent = (value: unknown): value is string =>
  typeof value === "string" && TRACEPARENT.test(value) && !/^00-0{32}-/.test(value) && !/-0{16}-/.test(value);

/** A new traceparent: in the given trace (a child of its parent), or in a new trace. */
export const newTraceparent = (parent?: string): string =>
  `00-${parent && isTraceparent(parent) ? parent.slice(3, 35) : randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-01`;

export const traceIdOf = (traceparent: string): string => traceparent.slice(3, 35);

/** The traceparent of the work in progress, if any. */
export const currentTraceparent = (): string | undefined => storage.getStore()?.traceparent;

/** Runs `work` (and everything it starts) in the trace of `traceparent`; untraced when it is not one. */
export function withTrace<T>(traceparent: string | null | undefined, work: () => T): T {
  return isTraceparent(traceparent) ? storage.run({ traceparent }, work) : work();
}

/** The `traceparent` header for an outgoing internal request: a child of the current trace, if any. */
export function traceHeader(): { traceparent?: string } {
  const traceparent = currentTraceparent();
  return traceparent ? { traceparent: newTraceparent(traceparent) } : {};
}
