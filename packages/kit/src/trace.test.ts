import { createLogger } from "./logger";
import { currentTraceparent, inRequestSpan, inSpan, isTraceparent, traceHeader, traceIdOf, traceparentWhenTracing } from "./trace";

// Tracing off (no SDK started): spans record nothing, but the context is joined and handed on.
const PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
const OTHER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
const spanIdOf = (traceparent: string) => traceparent.slice(36, 52);

describe("trace context", () => {
  it("accepts only well-formed version-00 traceparents with non-zero ids", () => {
    expect(isTraceparent(PARENT)).toBe(true);
    for (const bad of [
      undefined,
      "",
      "00-abc-def-01",
      `01${PARENT.slice(2)}`,
      `${PARENT}-extra`,
      `00-${"0".repeat(32)}-00f067aa0ba902b7-01`,
      `00-4bf92f3577b34da6a3ce929d0e0e4736-${"0".repeat(16)}-01`,
    ])
      expect([bad, isTraceparent(bad)]).toEqual([bad, false]);
  });

  it("runs a span in the caller's trace with a span id of its own, or starts a new trace", async () => {
    const child = await inSpan("work", { parent: PARENT }, async () => currentTraceparent() ?? "");
    expect(isTraceparent(child)).toBe(true);
    expect(traceIdOf(child)).toBe(traceIdOf(PARENT));
    expect(spanIdOf(child)).not.toBe(spanIdOf(PARENT));
    for (const missing of [undefined, null, "garbage"]) {
      const fresh = await inSpan("work", { parent: missing ?? null }, async () => currentTraceparent() ?? "");
      expect([missing, isTraceparent(fresh), traceIdOf(fresh) === traceIdOf(PARENT)]).toEqual([missing, true, false]);
    }
  });

  it("nests a span without a parent of its own in the span in progress, and records a rejection by rethrowing it", async () => {
    await inSpan("outer", { parent: PARENT }, async () => {
      const outer = currentTraceparent() ?? "";
      const inner = await inSpan("inner", {}, async () => currentTraceparent() ?? "");
      expect(traceIdOf(inner)).toBe(traceIdOf(PARENT));
      expect(spanIdOf(inner)).not.toBe(spanIdOf(outer));
      await expect(inSpan("failing", { links: [OTHER] }, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    });
  });

  it("keeps the trace across awaits inside a span, sends it to internal calls, and names it in every log line", async () => {
    const lines: string[] = [];
    const logger = createLogger({ service: "test", level: "info", destination: { write: (line: string) => void lines.push(line) } });
    await inSpan("work", { parent: PARENT }, async () => {
      const mine = currentTraceparent();
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentTraceparent()).toBe(mine);
      expect(traceHeader()).toEqual({ traceparent: mine });
      // Nothing recorded to join: a carrier's callback URL is left without one.
      expect(traceparentWhenTracing()).toBeUndefined();
      logger.info("inside");
    });
    logger.info("outside");
    expect(currentTraceparent()).toBeUndefined();
    expect(traceHeader()).toEqual({});
    const [inside, outside] = lines.map((line) => JSON.parse(line) as { traceId?: string });
    expect(inside?.traceId).toBe(traceIdOf(PARENT));
    expect(outside?.traceId).toBeUndefined();
  });

  it("gives a request a span: a child of the caller's traceparent, or a new trace's root", () => {
    const seen: string[] = [];
    inRequestSpan(PARENT, "GET", (traceparent) => {
      seen.push(traceparent, currentTraceparent() ?? "");
    });
    inRequestSpan(undefined, "GET", (traceparent) => seen.push(traceparent));
    const [joined, inside, fresh] = seen as [string, string, string];
    expect(traceIdOf(joined)).toBe(traceIdOf(PARENT));
    expect(joined).not.toBe(PARENT);
    expect(inside).toBe(joined);
    expect(isTraceparent(fresh)).toBe(true);
    expect(traceIdOf(fresh)).not.toBe(traceIdOf(PARENT));
  });
});
