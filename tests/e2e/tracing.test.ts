import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { traceIdOf } from "@voxbridge/kit";
import { startReceiver } from "@voxbridge/webhooks/test-harness";
import { request } from "undici";
import { z } from "zod";
import { eventually } from "../support/eventually";
import { type ServiceName, type ServiceProcesses, startServiceProcesses } from "../support/service-processes";
import { provisionOrg } from "../support/stack";
import { startTwilioStandIn } from "../support/twilio-standin";

// With the standard OTEL_* variables set, the five services (their built bundles, as deployed)
// export spans over OTLP/HTTP to a receiver standing in for an OpenTelemetry Collector, and one
// call's spans, from the partner's request to the webhook delivery, share the partner's trace id.

/** OTLP/JSON's ExportTraceServiceRequest (opentelemetry-proto), the parts this test reads. */
const AnyValue = z.object({ stringValue: z.string().optional(), intValue: z.union([z.string(), z.number()]).optional() });
const KeyValue = z.object({ key: z.string(), value: AnyValue });
const ExportTraceServiceRequest = z.object({
  resourceSpans: z.array(
    z.object({
      resource: z.object({ attributes: z.array(KeyValue).default([]) }),
      scopeSpans: z.array(
        z.object({
          scope: z.object({ name: z.string() }).optional(),
          spans: z.array(
            z.object({
              traceId: z.string(),
              spanId: z.string(),
              parentSpanId: z.string().optional(),
              name: z.string(),
              kind: z.number(),
              attributes: z.array(KeyValue).default([]),
              links: z.array(z.object({ traceId: z.string(), spanId: z.string() })).default([]),
            }),
          ),
        }),
      ),
    }),
  ),
});

type ReceivedSpan = {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, string>;
  links: { traceId: string; spanId: string }[];
};

const SPAN_KIND = { server: 2, client: 3, producer: 4, consumer: 5 } as const;

/** A local OTLP/HTTP trace receiver (JSON encoding): what a Collector's `otlp` receiver accepts on /v1/traces. */
async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/traces" || req.headers["content-type"] !== "application/json") {
        res.writeHead(415).end();
        return;
      }
      const body = ExportTraceServiceRequest.parse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      for (const { resource, scopeSpans } of body.resourceSpans) {
        const service = resource.attributes.find((a) => a.key === "service.name")?.value.stringValue ?? "";
        for (const { scope, spans: received } of scopeSpans)
          for (const span of received)
            spans.push({
              service,
              scope: scope?.name ?? "",
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? "",
              name: span.name,
              kind: span.kind,
              attributes: Object.fromEntries(
                span.attributes.map(({ key, value }) => [key, String(value.stringValue ?? value.intValue ?? "")]),
              ),
              links: span.links.map(({ traceId, spanId }) => ({ traceId, spanId })),
            });
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const PARTNER_TRACE = "00-5bf92f3577b34da6a3ce929d0e0e4737-a0f067aa0ba902b8-01";
const SERVICES: ServiceName[] = ["quota", "webhooks", "gateway", "dialer", "voice"];

let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;

const TRACING_ENV = {
  OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
  // Export within a fifth of a second rather than the default five.
  OTEL_BSP_SCHEDULE_DELAY: "200",
};

beforeAll(async () => {
  otlp = await startOtlpReceiver();
});
afterAll(() => otlp?.close());

describe("OpenTelemetry tracing, the simulator dialing", () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let system: ServiceProcesses;
  beforeAll(async () => {
    receiver = await startReceiver();
    system = await startServiceProcesses(
      { ...TRACING_ENV, OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, SIM_RING_SECONDS: "0.05", SIM_TALK_SECONDS: "0.2" },
      { services: SERVICES },
    );
  }, 120_000);
  // Stopped before the next stack starts: both dialers would claim from the same table.
  afterAll(async () => {
    await system?.stop();
    await receiver?.close();
  });

  it("exports one call's spans from every service in the partner's trace", async () => {
    const org = await provisionOrg();
    const response = await request(`${system.urls.gateway}/v1/calls/outbound`, {
      method: "POST",
      headers: { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json", traceparent: PARTNER_TRACE },
      body: JSON.stringify({ to: "+15551234567", webhook_url: receiver.url }),
    });
    const call = (await response.body.json()) as { id: string };
    expect(response.statusCode).toBe(201);
    const traceId = traceIdOf(PARTNER_TRACE);
    const answered = String(response.headers.traceparent);
    expect(traceIdOf(answered)).toBe(traceId);

    // The call ends (the simulator's short call) and its completion reaches the partner's receiver.
    await eventually("call.completed delivered", async () => receiver.received.some((r) => r.body.includes('"call.completed"')), 30_000);
    // What the trace must hold, each named so that a failure says which part is missing. Spans
    // arrive in batches, so the test waits until all are there (or its time is up).
    const expectations = (spans: ReceivedSpan[]) => {
      const of = (service: string) => spans.filter((span) => span.service === service);
      const gatewayServer = of("gateway").find(
        (span) => span.kind === SPAN_KIND.server && span.parentSpanId === PARTNER_TRACE.slice(36, 52),
      );
      const gatewayClients = new Set(
        of("gateway")
          .filter((span) => span.kind === SPAN_KIND.client)
          .map((span) => span.spanId),
      );
      const deliveries = new Set(
        of("webhooks")
          .filter((span) => span.name === "deliver webhook")
          .map((span) => span.spanId),
      );
      return {
        // The gateway's server span is the partner's span's child, and names itself in the answer.
        "gateway: server span, child of the partner's": gatewayServer?.spanId === answered.slice(36, 52),
        "gateway: server span named by its route": gatewayServer?.name === "POST /v1/calls/outbound",
        // Postgres and Redis through their instrumentations; Kafka sends and consumes through the kit's spans.
        "gateway: Postgres query": of("gateway").some((span) => span.scope.includes("instrumentation-pg")),
        "gateway: Redis command": of("gateway").some((span) => span.scope.includes("instrumentation-ioredis")),
        "gateway: Kafka send": of("gateway").some(
          (span) => span.kind === SPAN_KIND.producer && span.attributes["messaging.system"] === "kafka",
        ),
        // The gateway's hold request is the quota service's server span, its child over HTTP.
        "quota: server span, child of the gateway's request": of("quota").some(
          (span) => span.kind === SPAN_KIND.server && gatewayClients.has(span.parentSpanId),
        ),
        "quota: Kafka consume": of("quota").some((span) => span.kind === SPAN_KIND.consumer),
        // The dialer dials in the call's trace; the webhook worker delivers in it, its POST a client span.
        "dialer: dial span for the call": of("dialer").some(
          (span) => span.name === "dial" && span.attributes["voxbridge.call_id"] === call.id,
        ),
        "dialer: Kafka send": of("dialer").some((span) => span.kind === SPAN_KIND.producer),
        "webhooks: POST to the receiver, in a delivery span": of("webhooks").some(
          (span) => span.kind === SPAN_KIND.client && deliveries.has(span.parentSpanId) && span.attributes["url.full"] === receiver.url,
        ),
        // The voice service handles the call's events from Kafka in the trace too.
        "voice: Kafka consume": of("voice").some((span) => span.kind === SPAN_KIND.consumer),
      };
    };
    const allMet = Object.fromEntries(Object.keys(expectations([])).map((name) => [name, true]));
    const met = await eventually(
      "the call's spans from every service",
      async () => {
        const found = expectations(otlp.spans.filter((span) => span.traceId === traceId));
        return Object.values(found).every(Boolean) ? found : null;
      },
      30_000,
    ).catch(() => expectations(otlp.spans.filter((span) => span.traceId === traceId)));
    expect(met).toEqual(allMet);
    // The partner's receiver is handed the trace on, as the client span's child.
    const delivered = receiver.received.find((r) => r.body.includes('"call.completed"'));
    expect(traceIdOf(String(delivered?.headers.traceparent))).toBe(traceId);
  });
});

describe("OpenTelemetry tracing, dialing through Twilio", () => {
  it("traces the dialer's carrier request inside the dial, and the carrier's callbacks, in the call's trace", async () => {
    const twilio = await startTwilioStandIn({ callbackBase: () => carrier.urls.dialer });
    const carrier: ServiceProcesses = await startServiceProcesses(
      {
        ...TRACING_ENV,
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
        ...twilio.dialerEnv("+15550001111"),
      },
      { services: ["quota", "webhooks", "gateway", "dialer"] },
    );
    try {
      const org = await provisionOrg();
      const response = await request(`${carrier.urls.gateway}/v1/calls/outbound`, {
        method: "POST",
        headers: { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ to: "+15551234568", from: "+15550001111" }),
      });
      const call = (await response.body.json()) as { id: string };
      expect([response.statusCode, call]).toEqual([201, expect.objectContaining({ id: expect.any(String) })]);
      const traceId = traceIdOf(String(response.headers.traceparent));
      const found = await eventually(
        "the dial and its request to the carrier",
        async () => {
          const spans = otlp.spans.filter((span) => span.traceId === traceId && span.service === "dialer");
          const dial = spans.find((span) => span.name === "dial" && span.attributes["voxbridge.call_id"] === call.id);
          const create = spans.find(
            (span) =>
              span.kind === SPAN_KIND.client && span.parentSpanId === dial?.spanId && span.attributes["url.full"]?.startsWith(twilio.url),
          );
          return dial && create ? { dial, create } : null;
        },
        30_000,
        async () => ({
          creates: twilio.calls.length,
          dialerSpans: otlp.spans
            .filter((span) => span.service === "dialer")
            .map(({ name, traceId: trace, parentSpanId, attributes }) => ({ name, trace, parentSpanId, url: attributes["url.full"] })),
          dialerLog: carrier.logTail("dialer"),
        }),
      );
      expect(found.create.attributes["http.request.method"]).toBe("POST");
      expect(twilio.calls.map((c) => c.form.get("To"))).toContain("+15551234568");

      // Twilio sends no traceparent, but calls back the signed URL it was given, which names the dial.
      const created = twilio.calls.find((c) => c.form.get("To") === "+15551234568");
      const statusUrl = new URL(created?.form.get("StatusCallback") ?? "");
      expect(statusUrl.searchParams.get("traceparent")?.slice(0, 52)).toBe(`00-${traceId}-${found.dial.spanId}`);
      expect(new URL(created?.form.get("AsyncAmdStatusCallback") ?? "").searchParams.get("traceparent")).toBe(
        statusUrl.searchParams.get("traceparent"),
      );
      expect(await twilio.advance(String(created?.json.sid), "ringing")).toBe(204);
      // The callback's handling is in the call's trace, under the dial, linked to the request's own span.
      const callback = await eventually(
        "the status callback's span in the call's trace, linked to its HTTP span",
        async () => {
          const handled = otlp.spans.find(
            (span) => span.service === "dialer" && span.name === "twilio callback" && span.attributes["voxbridge.call_id"] === call.id,
          );
          const server = otlp.spans.find(
            (span) => span.service === "dialer" && span.kind === SPAN_KIND.server && span.spanId === handled?.links[0]?.spanId,
          );
          return handled && server ? { handled, server } : null;
        },
        30_000,
        async () => ({
          callbackSpans: otlp.spans
            .filter((span) => span.service === "dialer" && (span.name === "twilio callback" || span.kind === SPAN_KIND.server))
            .map(({ name, traceId: trace, parentSpanId, links, attributes }) => ({ name, trace, parentSpanId, links, attributes })),
          dialerLog: carrier.logTail("dialer"),
        }),
      );
      expect(callback.handled).toMatchObject({ traceId, parentSpanId: found.dial.spanId });
      expect(callback.handled.attributes).toMatchObject({ "voxbridge.attempt": "1", "twilio.call_status": "ringing" });
      expect(callback.handled.links).toEqual([{ traceId: callback.server.traceId, spanId: callback.server.spanId }]);
      expect(callback.server.name).toBe("POST /twilio/status");
      expect(callback.server.traceId).not.toBe(traceId);
    } finally {
      await carrier.stop();
      await twilio.close();
    }
  });
});
