import {
  CallEvent,
  CallOut,
  CreateAgentRequest,
  CreateOutboundCallRequest,
  CreateWebhookEndpointRequest,
  callProgress,
  ERROR_HTTP_STATUS,
  ErrorCode,
  newCallEvent,
  newCallOut,
  UpdateAgentRequest,
  UpdateWebhookEndpointRequest,
} from "./index";

const call = newCallOut({
  id: "6dc7d9df-fdfe-4205-b867-c360c886060a",
  agent_id: "29568d0d-7a01-447f-9b10-1cc0883f3440",
  to_number: "+15551234567",
  metadata: { crm: "x" },
  scheduled_at: "2026-11-27T00:47:18.090Z",
  created_at: "2026-11-27T00:47:18.090Z",
});

describe("CreateOutboundCallRequest", () => {
  it("defaults max_attempts to 3 and keeps optional fields absent", () => {
    expect(CreateOutboundCallRequest.parse({ to: "+15551234567" })).toEqual({ to: "+15551234567", max_attempts: 3 });
  });

  it.each([
    [{ to: "+15551234567", max_attempts: 1.5 }, "max_attempts"],
    [{ to: "+15551234567", max_attempts: 11 }, "max_attempts"],
    [{ to: "+15551234567", schedule_at: "tomorrow" }, "schedule_at"],
    [{ to: "+15551234567", schedule_at: "2026-11-27T10:00:00" }, "schedule_at"],
    [{ to: "+15551234567", webhook_url: "ftp://example.com/hook" }, "webhook_url"],
    [{ to: "+15551234567", context: [] }, "context"],
    [{ to: "+15551234567", metadata: { blob: "x".repeat(9000) } }, "metadata"],
    [{ to: "+15551234567", unknown: true }, ""],
    [{ to: null }, "to"],
    [{}, "to"],
  ])("refuses %j (at %s)", (body, param) => {
    const result = CreateOutboundCallRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join(".")).toBe(param);
  });

  it("reads null as not given: every optional field null is the same body as none of them", () => {
    const nulls = { from: null, agent_id: null, client_name: null, context: null, metadata: null, schedule_at: null, webhook_url: null };
    expect(CreateOutboundCallRequest.parse({ to: "+15551234567", ...nulls, max_attempts: null })).toEqual(
      CreateOutboundCallRequest.parse({ to: "+15551234567" }),
    );
  });

  it("accepts a schedule time with an offset", () => {
    expect(CreateOutboundCallRequest.parse({ to: "1", schedule_at: "2026-11-27T10:00:00+02:00" }).schedule_at).toBe(
      "2026-11-27T10:00:00+02:00",
    );
  });
});

describe("agent and webhook endpoint bodies", () => {
  it("read null as not given on create", () => {
    expect(
      CreateAgentRequest.parse({
        name: "A",
        system_prompt: "x",
        voice: null,
        language: null,
        max_duration_seconds: null,
        is_default: null,
      }),
    ).toEqual(CreateAgentRequest.parse({ name: "A", system_prompt: "x" }));
    expect(CreateWebhookEndpointRequest.parse({ url: "https://h.example/x", events: null, description: null, enabled: null })).toEqual(
      CreateWebhookEndpointRequest.parse({ url: "https://h.example/x" }),
    );
  });

  it("on PATCH, null clears only the fields documented to clear, and means unchanged elsewhere", () => {
    expect(UpdateAgentRequest.parse({ voice: null, name: null })).toEqual({ voice: null });
    expect(UpdateAgentRequest.safeParse({ name: null, is_active: null }).success).toBe(false);
    expect(UpdateWebhookEndpointRequest.parse({ events: null, description: null, url: null, enabled: null })).toEqual({
      events: null,
      description: null,
    });
  });
});

describe("CallEvent", () => {
  it("round-trips a CloudEvents 1.0 envelope built by newCallEvent, with the call id as subject", () => {
    const event = newCallEvent(
      "call.canceled",
      "/voxbridge/test",
      { org_id: "0b5c3a7e-1f1e-4d5b-9a43-1d2c3b4a5f6e", webhook_url: null, call: { ...call, status: "canceled" } },
      { id: "3f0e2c7a-9b8d-4c6e-a5f4-3e2d1c0b9a87", time: new Date("2026-11-27T01:00:00Z") },
    );
    expect(event).toMatchObject({
      specversion: "1.0",
      subject: call.id,
      time: "2026-11-27T01:00:00.000Z",
      datacontenttype: "application/json",
    });
    expect(CallEvent.parse(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it("refuses an unknown type and a call.queued without its agent", () => {
    const base = {
      specversion: "1.0",
      id: "3f0e2c7a-9b8d-4c6e-a5f4-3e2d1c0b9a87",
      source: "/x",
      subject: call.id,
      time: "2026-11-27T01:00:00Z",
      datacontenttype: "application/json",
    };
    const data = { org_id: "0b5c3a7e-1f1e-4d5b-9a43-1d2c3b4a5f6e", webhook_url: null, call };
    expect(CallEvent.safeParse({ ...base, type: "call.exploded", data }).success).toBe(false);
    expect(CallEvent.safeParse({ ...base, type: "call.queued", data }).success).toBe(false);
  });
});

describe("error codes", () => {
  it("map every code to a 4xx, except the two that mean we or a dependency failed", () => {
    const expected = (code: string) => (code === "internal" ? 500 : code === "dependency_unavailable" ? 503 : "4xx");
    const classOf = (status: number) => (status >= 400 && status < 500 ? "4xx" : status);
    expect(ErrorCode.options.map((code) => [code, classOf(ERROR_HTTP_STATUS[code])])).toEqual(
      ErrorCode.options.map((code) => [code, expected(code)]),
    );
    expect(ERROR_HTTP_STATUS).toMatchObject({
      unauthenticated: 401,
      quota_exceeded: 402,
      not_found: 404,
      validation_failed: 422,
      no_default_agent: 400,
    });
  });
});

describe("callProgress", () => {
  const at = (status: CallOut["status"], attempt_count: number, next_attempt_at: string | null = null) =>
    callProgress({ status, attempt_count, next_attempt_at });

  it("only grows along a call's life: queued, each attempt, its retry pending, then any end", () => {
    const life = [
      at("queued", 0, "2026-01-01T00:00:00.000Z"),
      at("calling", 1),
      at("calling", 1, "x"),
      at("calling", 2),
      at("calling", 2, "x"),
    ];
    for (const [index, progress] of life.slice(1).entries()) expect(progress).toBeGreaterThan(life[index] ?? Number.NaN);
    for (const end of ["completed", "failed", "canceled"] as const) expect(at(end, 0)).toBeGreaterThan(at("calling", 10, "x"));
  });

  it("ranks every end alike, so a record that ended never moves again", () => {
    expect(new Set([at("completed", 3), at("failed", 1), at("canceled", 0)]).size).toBe(1);
  });
});

describe("CallOut", () => {
  it("reads a snapshot without next_attempt_at (an event from before the field) as null", () => {
    const { next_attempt_at: _, ...older } = call;
    expect(CallOut.parse(older).next_attempt_at).toBeNull();
  });
});
