import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { currentTraceparent, inSpan, traceHeader, traceIdOf, traceparentWhenTracing, useTracingSdk } from "./trace";

// Tracing on: the kit's spans are the SDK's, recorded with their parents and links (this file's
// globals are its own: Jest gives each test file a fresh global scope).
const PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
const OTHER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
const exporter = new InMemorySpanExporter();

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
  useTracingSdk({ outboundInstrumented: true });
});
beforeEach(() => exporter.reset());

const finished = (name: string) => {
  const span = exporter.getFinishedSpans().find((s) => s.name === name);
  if (!span) throw new Error(`no finished span named ${name}`);
  return span;
};

describe("spans with the SDK on", () => {
  it("records a message's span in the trace it carries, as a child of its span, with its kind and attributes", async () => {
    await inSpan("process calls", { kind: "consumer", parent: PARENT, attributes: { "messaging.system": "kafka" } }, async () => {
      await inSpan("inner", {}, async () => undefined);
    });
    const outer = finished("process calls");
    expect(outer.spanContext().traceId).toBe(traceIdOf(PARENT));
    expect(outer.parentSpanContext?.spanId).toBe(PARENT.slice(36, 52));
    expect(outer.kind).toBe(SpanKind.CONSUMER);
    expect(outer.attributes["messaging.system"]).toBe("kafka");
    expect(finished("inner").parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
  });

  it("starts a trace for a batch of many traces, linked to each, and records a failure", async () => {
    await expect(
      inSpan("batch", { parent: null, links: [PARENT, OTHER, "garbage", null] }, () => Promise.reject(new Error("boom"))),
    ).rejects.toThrow("boom");
    const batch = finished("batch");
    expect([traceIdOf(PARENT), traceIdOf(OTHER)]).not.toContain(batch.spanContext().traceId);
    expect(batch.parentSpanContext).toBeUndefined();
    expect(batch.links.map((link) => link.context.traceId)).toEqual([traceIdOf(PARENT), traceIdOf(OTHER)]);
    expect(batch.status.code).toBe(SpanStatusCode.ERROR);
    expect(batch.events.map((event) => event.name)).toEqual(["exception"]);
  });

  it("names the recorded span as the event's trace, and leaves the outgoing header to the HTTP instrumentation", async () => {
    await inSpan("work", { parent: PARENT }, async () => {
      expect(currentTraceparent()).toBe(`00-${traceIdOf(PARENT)}-${trace.getActiveSpan()?.spanContext().spanId}-01`);
      expect(traceHeader()).toEqual({});
      // What a carrier is handed, to send back in its callbacks.
      expect(traceparentWhenTracing()).toBe(currentTraceparent());
    });
  });
});
