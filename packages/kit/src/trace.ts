import {
  type Attributes,
  type Context,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { parseTraceParent, W3CTraceContextPropagator } from "@opentelemetry/core";
import { AlwaysOffSampler, TracerProvider } from "@opentelemetry/sdk-trace";

/**
 * W3C Trace Context through OpenTelemetry's API: every service's HTTP requests, the CloudEvents on
 * Kafka (the `traceparent` extension attribute and a Kafka header of the same name) and each
 * consumer's, dialer's and webhook worker's handling of them run in spans of one trace per call.
 *
 * With tracing configured (`startTracing`, docs/observability.md) the spans are OpenTelemetry SDK
 * spans, exported over OTLP. Without it, the same code runs on a tracer that records nothing
 * (OpenTelemetry's always-off sampler): spans are id-only objects, so the context is still joined,
 * handed on and named in every log line (`traceId`), at the cost of two random ids per span.
 */
let mode: "unset" | "context-only" | "sdk" = "unset";
/** Outgoing HTTP requests carry the trace by themselves (the undici instrumentation injects it). */
let outboundInstrumented = false;

// Kafka headers and event attributes are always W3C, whatever OTEL_PROPAGATORS says for HTTP.
const w3c = new W3CTraceContextPropagator();
// Records nothing, but gives each span ids of its own: for tracing off, and for requests the HTTP
// instrumentation leaves out (health probes) while it is on.
const idOnlyProvider = () => new TracerProvider({ sampler: new AlwaysOffSampler() });
let idOnlyTracer: ReturnType<TracerProvider["getTracer"]> | null = null;

/** Registers the context manager, W3C propagation and the id-only tracer, unless an SDK did. */
function ensureTraceContext(): void {
  if (mode !== "unset") return;
  mode = "context-only";
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(w3c);
  trace.setGlobalTracerProvider(idOnlyProvider());
}

/** Called once an OpenTelemetry SDK registered its globals (`startTracing`). */
export function useTracingSdk(options: { outboundInstrumented: boolean }): void {
  mode = "sdk";
  outboundInstrumented = options.outboundInstrumented;
}

const tracer = () => {
  ensureTraceContext();
  return trace.getTracer("voxbridge");
};

/** A well-formed version-00 traceparent whose ids are not all zeros. */
export const isTraceparent = (value: unknown): value is string =>
  typeof value === "string" && value.startsWith("00-") && value.length === 55 && parseTraceParent(value) !== null;

export const traceIdOf = (traceparent: string): string => traceparent.slice(3, 35);

/** The context whose remote parent is `traceparent`; the root context when it is not one. */
const contextOf = (traceparent: string | null | undefined): Context =>
  isTraceparent(traceparent) ? w3c.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter) : ROOT_CONTEXT;

const traceparentIn = (ctx: Context): string | undefined => {
  const carrier: { traceparent?: string } = {};
  w3c.inject(ctx, carrier, defaultTextMapSetter);
  return carrier.traceparent;
};

/** The traceparent of the span in progress (the event it emits carries it), if any. */
export const currentTraceparent = (): string | undefined => {
  ensureTraceContext();
  return traceparentIn(context.active());
};

/**
 * The traceparent of the span in progress, only when tracing is on: for a party that sends no
 * header of its own but hands back what it was given (a carrier's callback URL). None with tracing
 * off, where there is no recorded trace to join, and what was handed out stays as it was.
 */
export const traceparentWhenTracing = (): string | undefined => (mode === "sdk" ? currentTraceparent() : undefined);

/** The trace id of the span in progress, if any (every log line names it). */
export const currentTraceId = (): string | undefined => {
  if (mode === "unset") return undefined;
  const span = trace.getSpanContext(context.active());
  return span && isSpanContextValid(span) ? span.traceId : undefined;
};

/**
 * The `traceparent` header for an outgoing internal request: the span in progress, as the callee's
 * parent. Empty when tracing is on: the undici instrumentation then adds the header itself, for
 * the client span it makes (a second header would be a duplicate).
 */
export function traceHeader(): { traceparent?: string } {
  if (outboundInstrumented) return {};
  const traceparent = currentTraceparent();
  return traceparent ? { traceparent } : {};
}

const KINDS = {
  internal: SpanKind.INTERNAL,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
} as const;

export type SpanOptions = {
  kind?: keyof typeof KINDS;
  /**
   * The work's parent: the traceparent an event or message carries (a missing or malformed one
   * starts a new trace). Unset: the span in progress, if any.
   */
  parent?: string | null | undefined;
  /** Traceparents the work also belongs to (a batch of messages from many traces): span links. */
  links?: readonly (string | null | undefined)[];
  attributes?: Attributes;
};

/**
 * Runs `work` in a new span, ended when `work` settles (a rejection is recorded on it). Everything
 * `work` starts (queries, requests, events it emits, log lines) is in that span's trace.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  ensureTraceContext();
  const parent = options.parent === undefined ? context.active() : contextOf(options.parent);
  const links: Link[] = [];
  for (const traceparent of options.links ?? []) {
    const linked = trace.getSpanContext(contextOf(traceparent));
    if (linked) links.push({ context: linked });
  }
  const span = tracer().startSpan(
    name,
    { kind: KINDS[options.kind ?? "internal"], ...(options.attributes ? { attributes: options.attributes } : {}), links },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

const failed = (span: Span, error: unknown) => {
  if (!span.isRecording()) return;
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
};

/**
 * An incoming request's span: the HTTP instrumentation's server span when tracing is on; else (or
 * for a request it leaves out) a new span, a child of the caller's `traceparent` or the root of a
 * new trace. `work` runs in it; the answer's `traceparent` header names it.
 */
export function inRequestSpan(incoming: string | undefined, method: string, work: (traceparent: string, end: () => void) => void): void {
  ensureTraceContext();
  if (mode === "sdk") {
    const active = trace.getSpan(context.active());
    const traceparent = active && traceparentIn(context.active());
    if (active && traceparent) {
      work(traceparent, () => undefined);
      return;
    }
  }
  idOnlyTracer ??= idOnlyProvider().getTracer("voxbridge");
  const parent = contextOf(incoming);
  const span = idOnlyTracer.startSpan(method, { kind: SpanKind.SERVER }, parent);
  const inside = trace.setSpan(parent, span);
  context.with(inside, () => work(traceparentIn(inside) ?? "", () => span.end()));
}
