import { traceIdOf } from "@voxbridge/kit";
import { request } from "undici";
import { eventually } from "../support/eventually";
import { startKafkaProbe } from "../support/kafka-probe";
import { provisionOrg, startStack, type TestStack } from "../support/stack";

// A partner's traceparent goes from the gateway into the call's events on Kafka (the CloudEvents
// `traceparent` attribute and a Kafka header) and on through the dialer's lifecycle events.
const PARTNER_TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({ SIM_RING_SECONDS: "0.05", SIM_TALK_SECONDS: "0.2" });
});
afterAll(() => stack?.stop());

describe("trace context", () => {
  it("carries the caller's trace from the API through every event of the call", async () => {
    const probe = await eventually("a Kafka probe", () => startKafkaProbe(stack.topics.callEvents).catch(() => null));
    try {
      const org = await provisionOrg();
      const response = await request(`${stack.gatewayUrl}/v1/calls/outbound`, {
        method: "POST",
        headers: { authorization: `Bearer ${org.apiKey}`, "content-type": "application/json", traceparent: PARTNER_TRACE },
        body: JSON.stringify({ to: "+15551234567" }),
      });
      const call = (await response.body.json()) as { id: string };
      expect(response.statusCode).toBe(201);
      // The answer names the request's own span, in the partner's trace.
      const answered = String(response.headers.traceparent);
      expect(traceIdOf(answered)).toBe(traceIdOf(PARTNER_TRACE));
      expect(answered).not.toBe(PARTNER_TRACE);

      const events = await eventually(
        "queued, calling and completed on Kafka",
        async () => {
          const mine = probe.seen.filter((s) => s.event.subject === call.id);
          return ["call.queued", "call.calling", "call.completed"].every((t) => mine.some((s) => s.event.type === t)) ? mine : null;
        },
        30_000,
      );
      for (const seen of events) {
        expect([seen.event.type, traceIdOf(seen.event.traceparent ?? "")]).toEqual([seen.event.type, traceIdOf(PARTNER_TRACE)]);
        expect(seen.traceparentHeader).toBe(seen.event.traceparent);
      }
      // Without a traceparent the gateway starts a trace of its own.
      const fresh = await request(`${stack.gatewayUrl}/healthz`);
      await fresh.body.dump();
      expect(traceIdOf(String(fresh.headers.traceparent))).not.toBe(traceIdOf(PARTNER_TRACE));
    } finally {
      await probe.stop();
    }
  });
});
