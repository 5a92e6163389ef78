import { createVoxBridge, type VoxBridgeOptions } from "./client";
import { VoxBridgeError } from "./errors";
import { VoxBridgeConnectionError } from "./retry";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const envelope = (type: string, message: string, param: string | null = null) => ({
  error: { type, message, param, request_id: "req_1" },
});
const queued = { id: "6ba7b810-9dad-41d1-80b4-00c04fd430c8", status: "queued", to_number: "+14155550100" };
const busy = () => json(429, envelope("rate_limited", "Too many requests"));

/** A fetch that answers from a script, in order, and records what it was sent (and when, for the timing tests). */
function scripted(...answers: (() => Response)[]) {
  const sent: { request: Request; at: number }[] = [];
  const fetch = async (request: Request) => {
    const answer = answers[sent.length];
    sent.push({ request, at: Date.now() });
    if (!answer) throw new Error(`unexpected request ${sent.length}: ${request.method} ${request.url}`);
    return answer();
  };
  return { fetch, sent, keys: () => sent.map((s) => s.request.headers.get("idempotency-key")) };
}

const sdk = (fetch: VoxBridgeOptions["fetch"], options: Partial<VoxBridgeOptions> = {}) =>
  createVoxBridge({ apiKey: "sk_live_test", baseUrl: "https://api.test", fetch, ...options });

/** Lets the client run until it parks on its retry timer (fake timers never fire on their own). */
async function untilWaiting() {
  for (let turn = 0; jest.getTimerCount() === 0; turn++) {
    if (turn > 1_000) throw new Error("the client never started waiting");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("calls.create", () => {
  it("sends the API key and a random UUID Idempotency-Key, and resolves to the created call", async () => {
    const api = scripted(() => json(201, queued));
    await expect(sdk(api.fetch).calls.create({ to: "+14155550100" })).resolves.toEqual(queued);
    const [sent] = api.sent;
    expect(sent?.request.method).toBe("POST");
    expect(sent?.request.url).toBe("https://api.test/v1/calls/outbound");
    expect(sent?.request.headers.get("authorization")).toBe("Bearer sk_live_test");
    expect(await sent?.request.json()).toEqual({ to: "+14155550100" });
    expect(api.keys()[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("retries a 429 with the same Idempotency-Key and the same body", async () => {
    const api = scripted(busy, () => json(201, queued));
    await expect(sdk(api.fetch).calls.create({ to: "+14155550100" }, { idempotencyKey: "order-42" })).resolves.toEqual(queued);
    expect(api.keys()).toEqual(["order-42", "order-42"]);
    expect(await Promise.all(api.sent.map((s) => s.request.json()))).toEqual([{ to: "+14155550100" }, { to: "+14155550100" }]);
  });

  it("keeps one generated key across retries of a 503", async () => {
    const api = scripted(
      () => json(503, envelope("dependency_unavailable", "Try again")),
      () => json(201, queued),
    );
    await sdk(api.fetch).calls.create({ to: "+14155550100" });
    const [first, second] = api.keys();
    expect(first).toEqual(expect.any(String));
    expect(second).toBe(first);
  });

  it("does not retry a 422 and throws a VoxBridgeError carrying the envelope and the x-request-id", async () => {
    const invalid = {
      error: {
        type: "validation_failed",
        message: "to: not a phone number",
        param: "to",
        details: [{ param: "to", message: "not a phone number" }],
        request_id: "req_abc",
      },
    };
    const api = scripted(() => json(422, invalid, { "x-request-id": "req_abc" }));
    const error = await sdk(api.fetch)
      .calls.create({ to: "nope" })
      .catch((caught: unknown) => caught);
    expect(api.sent).toHaveLength(1);
    expect(error).toBeInstanceOf(VoxBridgeError);
    expect(error).toMatchObject({ status: 422, type: "validation_failed", message: "to: not a phone number", requestId: "req_abc" });
    expect((error as VoxBridgeError).error).toEqual(invalid.error);
  });
});

describe("the retry policy", () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ["nextTick", "queueMicrotask", "setImmediate"] }));
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it("waits the seconds Retry-After asks for before retrying", async () => {
    const api = scripted(
      () => json(429, envelope("rate_limited", "Slow down"), { "retry-after": "2" }),
      () => json(201, queued),
    );
    const created = sdk(api.fetch).calls.create({ to: "+14155550100" });
    await untilWaiting();
    await jest.advanceTimersByTimeAsync(1_999);
    expect(api.sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await expect(created).resolves.toEqual(queued);
    expect(api.sent).toHaveLength(2);
  });

  it("reads Retry-After as an HTTP date too", async () => {
    jest.setSystemTime(new Date("2026-06-01T14:00:00Z"));
    const later = { "retry-after": "Mon, 01 Jun 2026 14:00:05 GMT" };
    const api = scripted(
      () => json(503, envelope("dependency_unavailable", "Busy"), later),
      () => json(201, queued),
    );
    const created = sdk(api.fetch).calls.create({ to: "+14155550100" });
    await untilWaiting();
    await jest.advanceTimersByTimeAsync(4_999);
    expect(api.sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await created;
    expect(api.sent[1]?.at).toBe(new Date("2026-06-01T14:00:05Z").getTime());
  });

  it("never waits longer than 30 s at a time, whatever Retry-After says", async () => {
    const api = scripted(
      () => json(429, envelope("rate_limited", "Later"), { "retry-after": "3600" }),
      () => json(201, queued),
    );
    const created = sdk(api.fetch).calls.create({ to: "+14155550100" });
    await untilWaiting();
    await jest.advanceTimersByTimeAsync(30_000);
    await created;
    expect((api.sent[1]?.at ?? 0) - (api.sent[0]?.at ?? 0)).toBe(30_000);
  });

  it("backs off exponentially without Retry-After, gives up after maxRetries and throws the last answer", async () => {
    jest.spyOn(Math, "random").mockReturnValue(0);
    const unavailable = () => json(503, envelope("dependency_unavailable", "Quota service unavailable"), { "x-request-id": "req_last" });
    const api = scripted(unavailable, unavailable, unavailable, unavailable);
    const outcome = sdk(api.fetch)
      .calls.create({ to: "+14155550100" })
      .catch((caught: unknown) => caught);
    for (let retry = 0; retry < 3; retry++) {
      await untilWaiting();
      await jest.runOnlyPendingTimersAsync();
    }
    const error = await outcome;
    expect(api.sent).toHaveLength(4);
    const gaps = api.sent.slice(1).map((s, i) => s.at - (api.sent[i]?.at ?? 0));
    // Half of each doubling step is fixed, the other half random (0 here): 0.25 s, 0.5 s, 1 s.
    expect(gaps).toEqual([250, 500, 1_000]);
    expect(error).toBeInstanceOf(VoxBridgeError);
    expect(error).toMatchObject({ status: 503, type: "dependency_unavailable", requestId: "req_last" });
    expect(new Set(api.keys()).size).toBe(1);
  });

  it("does not retry at all with maxRetries: 0", async () => {
    const api = scripted(busy);
    await expect(sdk(api.fetch, { maxRetries: 0 }).calls.create({ to: "+14155550100" })).rejects.toMatchObject({ status: 429 });
    expect(api.sent).toHaveLength(1);
  });
});

describe("the other methods", () => {
  it("cancel posts to the call's cancel route with an Idempotency-Key, and retries a 429", async () => {
    const api = scripted(busy, () => json(200, { ...queued, status: "canceled" }));
    await expect(sdk(api.fetch).calls.cancel("call-1")).resolves.toMatchObject({ status: "canceled" });
    expect(api.sent.map((s) => `${s.request.method} ${s.request.url}`)).toEqual([
      "POST https://api.test/v1/calls/call-1/cancel",
      "POST https://api.test/v1/calls/call-1/cancel",
    ]);
    expect(api.keys()[1]).toBe(api.keys()[0]);
  });

  it("cancel of a call being dialed resolves with the 202's call: still calling, cancel_requested_at set", async () => {
    const requested = { ...queued, status: "calling", cancel_requested_at: "2026-06-01T14:00:20.000Z" };
    const api = scripted(() => json(202, requested));
    await expect(sdk(api.fetch).calls.cancel("call-1")).resolves.toEqual(requested);
    expect(api.sent).toHaveLength(1);
  });

  it("puts list filters in the query string", async () => {
    const api = scripted(() => json(200, { items: [], total: 0, limit: 10, offset: 0 }));
    await sdk(api.fetch).calls.list({ status: "completed", limit: 10 });
    expect(api.sent[0]?.request.url).toBe("https://api.test/v1/calls?status=completed&limit=10");
  });

  it("resolves a 204 delete to undefined", async () => {
    const api = scripted(() => new Response(null, { status: 204 }));
    await expect(sdk(api.fetch).webhookEndpoints.delete("endpoint-1")).resolves.toBeUndefined();
    expect(api.sent[0]?.request.method).toBe("DELETE");
  });

  it("an answer without the error envelope still throws a VoxBridgeError, typed internal", async () => {
    const api = scripted(() => new Response("<html>Bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }));
    await expect(sdk(api.fetch, { maxRetries: 0 }).usage.get()).rejects.toMatchObject({
      status: 502,
      type: "internal",
      requestId: null,
      error: { type: "internal", param: null },
    });
  });

  it("refuses a negative maxRetries and a timeout that is not a positive whole number of milliseconds", () => {
    expect(() => sdk(scripted().fetch, { maxRetries: -1 })).toThrow(RangeError);
    expect(() => sdk(scripted().fetch, { timeoutMs: 0 })).toThrow(RangeError);
    expect(() => sdk(scripted().fetch, { timeoutMs: 1.5 })).toThrow(RangeError);
  });
});

describe("which answers are retried", () => {
  const now = { "retry-after": "0" };
  const answer = (status: number, type: string) => () => json(status, envelope(type, "not now"), now);

  it.each([
    [408, "internal"],
    [409, "idempotency_key_in_flight"],
    [429, "rate_limited"],
    [500, "internal"],
    [502, "internal"],
    [503, "dependency_unavailable"],
    [504, "internal"],
  ])("calls.create retries a %i (%s) with the same Idempotency-Key and body", async (status, type) => {
    const api = scripted(answer(status, type), () => json(201, queued));
    await expect(sdk(api.fetch).calls.create({ to: "+14155550100" })).resolves.toEqual(queued);
    expect(api.sent).toHaveLength(2);
    expect(new Set(api.keys()).size).toBe(1);
    expect(await Promise.all(api.sent.map((s) => s.request.json()))).toEqual([{ to: "+14155550100" }, { to: "+14155550100" }]);
  });

  it("reads retry the same answers: calls.get after a 503 and a 500", async () => {
    const api = scripted(answer(503, "dependency_unavailable"), answer(500, "internal"), () => json(200, queued));
    await expect(sdk(api.fetch).calls.get("call-1")).resolves.toEqual(queued);
    expect(api.sent.map((s) => s.request.headers.get("idempotency-key"))).toEqual([null, null, null]);
  });

  it("never retries a 409 that is an answer: canceling a finished call", async () => {
    const api = scripted(answer(409, "conflict"));
    await expect(sdk(api.fetch).calls.cancel("call-1")).rejects.toMatchObject({ status: 409, type: "conflict" });
    expect(api.sent).toHaveLength(1);
  });

  it.each([[400], [401], [402], [404], [422], [501]])("never retries a %i", async (status) => {
    const api = scripted(answer(status, "validation_failed"));
    await expect(sdk(api.fetch).calls.create({ to: "+14155550100" })).rejects.toMatchObject({ status });
    expect(api.sent).toHaveLength(1);
  });

  it("retries a write without an Idempotency-Key only after a 429, never after a 5xx it may have acted on", async () => {
    const limited = scripted(answer(429, "rate_limited"), () => json(201, { id: "agent-1" }));
    await expect(sdk(limited.fetch).agents.create({ name: "a", system_prompt: "p" } as never)).resolves.toEqual({ id: "agent-1" });
    expect(limited.sent).toHaveLength(2);
    const failed = scripted(answer(503, "dependency_unavailable"));
    await expect(sdk(failed.fetch).agents.create({ name: "a", system_prompt: "p" } as never)).rejects.toMatchObject({ status: 503 });
    expect(failed.sent).toHaveLength(1);
  });
});

describe("connection failures and the request timeout", () => {
  const networkError = (code: string) => () => {
    throw new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });
  };

  it("retries a dropped connection of calls.create with the same Idempotency-Key", async () => {
    const api = scripted(networkError("ECONNRESET"), () => json(201, queued));
    await expect(sdk(api.fetch).calls.create({ to: "+14155550100" })).resolves.toEqual(queued);
    expect(api.sent).toHaveLength(2);
    expect(new Set(api.keys()).size).toBe(1);
  });

  it("retries a write without a key only when the connection was never made", async () => {
    const refused = scripted(networkError("ECONNREFUSED"), () => json(201, { id: "agent-1" }));
    await expect(sdk(refused.fetch).agents.create({ name: "a", system_prompt: "p" } as never)).resolves.toEqual({ id: "agent-1" });
    const reset = scripted(networkError("ECONNRESET"));
    const error = await sdk(reset.fetch)
      .agents.create({ name: "a", system_prompt: "p" } as never)
      .catch((e: unknown) => e);
    expect([reset.sent.length, error instanceof VoxBridgeConnectionError, error instanceof TypeError]).toEqual([1, true, true]);
  });

  it("gives up on an attempt after timeoutMs, retries it, and throws a VoxBridgeConnectionError once retries are spent", async () => {
    const hang = () => new Promise<Response>(() => {}) as unknown as Response;
    const api = scripted(hang, hang);
    const started = Date.now();
    const error = await sdk(api.fetch, { timeoutMs: 50, maxRetries: 1 })
      .calls.create({ to: "+14155550100" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VoxBridgeConnectionError);
    expect(error).toMatchObject({ timedOut: true, message: "no answer from VoxBridge within 50 ms" });
    expect(api.sent).toHaveLength(2);
    expect(new Set(api.keys()).size).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it("passes any other failure through untouched, without retrying (an abort of the caller's own, say)", async () => {
    let sent = 0;
    const client = sdk(async () => {
      sent++;
      throw new DOMException("aborted", "AbortError");
    });
    await expect(client.usage.get()).rejects.toMatchObject({ name: "AbortError" });
    expect(sent).toBe(1);
  });
});
