import { Webhook } from "standardwebhooks";
import { eventually } from "../../../../tests/support/eventually";
import { callOut, type Harness, lifecycleEvent, type Reply, startHarness, startReceiver } from "../../test/harness";
import { createEndpoint, rotateEndpointSecret } from "./webhook-endpoints";

const verify = (secret: string, request: { headers: Record<string, unknown>; body: string }) =>
  new Webhook(secret).verify(request.body, request.headers as Record<string, string>);

describe("webhook delivery (real Postgres, local receivers)", () => {
  let harness: Harness;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await harness.stop();
  });
  const receiver = async (reply?: (request: { body: string }, index: number) => Reply) => {
    const started = await startReceiver(reply);
    closers.push(started.close);
    return started;
  };

  it("delivers every event of a call to its webhook_url in lifecycle order, signed with the org secret (verified by standardwebhooks)", async () => {
    harness = await startHarness();
    const partner = await receiver();
    const call = callOut();
    for (const type of ["call.queued", "call.calling", "call.completed"] as const)
      await harness.receive(lifecycleEvent(type, harness.orgId, call, partner.url));

    await eventually("three deliveries", async () => partner.received.length === 3);
    const bodies = partner.received.map(
      (request) => verify(harness.orgSecret, request) as { type: string; sequence: number; data: { id: string; metadata: unknown } },
    );
    expect(bodies.map((body) => [body.type, body.sequence])).toEqual([
      ["call.queued", 1],
      ["call.calling", 2],
      ["call.completed", 3],
    ]);
    expect(bodies[2]?.data).toMatchObject({ id: call.id, status: "completed", metadata: { crm_id: "lead-42" } });
    const first = partner.received[0];
    expect(first?.headers["webhook-id"]).toMatch(/^msg_/);
    // Tampering with the body (or signing with another secret) fails verification.
    if (!first) throw new Error("no request");
    expect(() => verify(harness.orgSecret, { ...first, body: first.body.replace("lead-42", "lead-43") })).toThrow();
    expect(() => verify(`whsec_${Buffer.from("another secret of 32 bytes......").toString("base64")}`, first)).toThrow();
    await eventually("all succeeded", async () => (await harness.deliveries(call.id)).every((d) => d.status === "succeeded"));
  });

  it("a redelivered Kafka event creates no second delivery", async () => {
    harness = await startHarness();
    const partner = await receiver();
    const event = lifecycleEvent("call.queued", harness.orgId, callOut(), partner.url);
    expect(await harness.receive(event)).toEqual({ eventId: event.id, sequence: 1, deliveries: 1 });
    expect(await harness.receive(event)).toBeNull();
    await eventually("delivered", async () => partner.received.length === 1);
    expect((await harness.deliveries(event.subject)).length).toBe(1);
  });

  it("the same event taken in by several consumers at once is stored once and spends one sequence number", async () => {
    harness = await startHarness();
    const partner = await receiver();
    const call = callOut();
    const queued = lifecycleEvent("call.queued", harness.orgId, call, partner.url);
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => harness.receive(queued)));
    expect(outcomes.filter((outcome) => outcome !== null)).toEqual([{ eventId: queued.id, sequence: 1, deliveries: 1 }]);
    // The next event of the call follows without a gap.
    const calling = lifecycleEvent("call.calling", harness.orgId, call, partner.url);
    expect(await harness.receive(calling)).toEqual({ eventId: calling.id, sequence: 2, deliveries: 1 });
    await eventually("both delivered", async () => partner.received.length === 2);
  });

  it("a fetched batch numbers each call's new events in order, skips what was seen, and delivers them in that order", async () => {
    harness = await startHarness();
    const partner = await receiver();
    const [first, second] = [callOut(), callOut()];
    const seen = lifecycleEvent("call.queued", harness.orgId, first, partner.url);
    await harness.receive(seen);
    const calling = lifecycleEvent("call.calling", harness.orgId, first, partner.url);
    const otherQueued = lifecycleEvent("call.queued", harness.orgId, second, partner.url);
    const completed = lifecycleEvent("call.completed", harness.orgId, first, partner.url);
    // A redelivered event, and one event twice in the same batch, are each left out.
    const stored = await harness.receiveBatch([seen, calling, otherQueued, calling, completed]);
    expect(stored).toEqual([
      { eventId: calling.id, sequence: 2, deliveries: 1 },
      { eventId: otherQueued.id, sequence: 1, deliveries: 1 },
      { eventId: completed.id, sequence: 3, deliveries: 1 },
    ]);
    expect(await harness.receiveBatch([seen, calling])).toEqual([]);
    await eventually("all delivered", async () => partner.received.length === 4);
    const types = (callId: string) =>
      partner.received
        .map((request) => JSON.parse(request.body))
        .filter((body) => body.data.id === callId)
        .map((body) => body.type);
    expect(types(first.id)).toEqual(["call.queued", "call.calling", "call.completed"]);
    expect(types(second.id)).toEqual(["call.queued"]);
    expect((await harness.deliveries(first.id)).map((delivery) => delivery.sequence)).toEqual([1, 2, 3]);
  });

  it("retries on the configured schedule by the controllable clock, keeps webhook-id, fails when exhausted and delivers on replay", async () => {
    harness = await startHarness({ delaysSeconds: [60, 600] });
    let healthy = false;
    const partner = await receiver(() => ({ status: healthy ? 204 : 500 }));
    const call = callOut();
    await harness.receive(lifecycleEvent("call.queued", harness.orgId, call, partner.url));
    const start = harness.clock().getTime();

    await eventually("first attempt", () => harness.recorded(call.id, 1));
    let [delivery] = await harness.deliveries(call.id);
    expect(delivery?.nextAttemptAt?.getTime()).toBe(start + 60_000);
    harness.advance(60_000);
    await eventually("second attempt", () => harness.recorded(call.id, 2));
    [delivery] = await harness.deliveries(call.id);
    expect(delivery?.nextAttemptAt?.getTime()).toBe(start + 60_000 + 600_000);
    harness.advance(600_000);
    await eventually("exhausted", async () => (await harness.deliveries(call.id))[0]?.status === "failed");
    expect(partner.received.length).toBe(3);
    const ids = new Set(partner.received.map((request) => request.headers["webhook-id"]));
    expect(ids.size).toBe(1);

    healthy = true;
    if (!delivery) throw new Error("no delivery");
    expect(await harness.log.replay(harness.orgId, delivery.id, harness.clock())).toBe(true);
    harness.worker.wake();
    await eventually("replayed", async () => (await harness.deliveries(call.id))[0]?.status === "succeeded");
    expect(partner.received[3]?.headers["webhook-id"]).toBe(partner.received[0]?.headers["webhook-id"]);
    expect((await harness.attempts(delivery.id)).map((attempt) => attempt.responseStatus)).toEqual([500, 500, 500, 204]);
  });

  it("honours Retry-After on 429 (the next attempt waits at least that long)", async () => {
    harness = await startHarness({ delaysSeconds: [1, 1] });
    const partner = await receiver((_, index) => (index === 0 ? { status: 429, headers: { "retry-after": "120" } } : { status: 200 }));
    const call = callOut();
    await harness.receive(lifecycleEvent("call.queued", harness.orgId, call, partner.url));
    const start = harness.clock().getTime();
    await eventually("429 recorded", () => harness.recorded(call.id, 1));
    expect((await harness.deliveries(call.id))[0]?.nextAttemptAt?.getTime()).toBe(start + 120_000);
    harness.advance(120_000);
    await eventually("delivered after Retry-After", async () => (await harness.deliveries(call.id))[0]?.status === "succeeded");
  });

  it("410 Gone fails the delivery at once and disables the endpoint", async () => {
    harness = await startHarness();
    const partner = await receiver(() => ({ status: 410 }));
    const endpoint = await createEndpoint(harness.endpointDeps, harness.orgId, { url: partner.url, enabled: true });
    const call = callOut();
    await harness.receive(lifecycleEvent("call.queued", harness.orgId, call, null));
    await eventually("failed", async () => (await harness.deliveries(call.id))[0]?.status === "failed");
    const stored = await harness.endpointDeps.endpoints.find(harness.orgId, endpoint.id);
    expect(stored).toMatchObject({ enabled: false, disabled_reason: "the endpoint answered 410 Gone" });
    expect(partner.received.length).toBe(1);
    // A disabled endpoint gets no new deliveries.
    await harness.receive(lifecycleEvent("call.queued", harness.orgId, callOut(), null));
    expect(await harness.prisma.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
  });

  it("a receiver slower than the timeout is a failed attempt, retried", async () => {
    harness = await startHarness({ timeoutMs: 300 });
    const partner = await receiver((_, index) => (index === 0 ? { status: 200, hang: true } : { status: 200 }));
    const call = callOut();
    await harness.receive(lifecycleEvent("call.queued", harness.orgId, call, partner.url));
    await eventually("first attempt", () => harness.recorded(call.id, 1));
    expect((await harness.deliveries(call.id))[0]?.lastError).toBe("timed out after 300 ms");
    harness.advance(1_000);
    await eventually("delivered on retry", async () => (await harness.deliveries(call.id))[0]?.status === "succeeded");
  });

  it("does not follow redirects: a 3xx is a failed attempt and the redirect target receives nothing", async () => {
    harness = await startHarness();
    const elsewhere = await receiver();
    const partner = await receiver(() => ({ status: 307, headers: { location: elsewhere.url } }));
    const call = callOut();
    await harness.receive(lifecycleEvent("call.queued", harness.orgId, call, partner.url));
    await eventually("307 recorded", () => harness.recorded(call.id, 1));
    const [delivery] = await harness.deliveries(call.id);
    expect(delivery?.status).toBe("pending");
    expect(elsewhere.received.length).toBe(0);
  });

  it("keeps one call's events in order under failures: a later event waits until the earlier one is delivered", async () => {
    harness = await startHarness({ delaysSeconds: [10, 10, 10] });
    const partner = await receiver((request, index) => ({ status: index < 2 && request.body.includes('"call.queued"') ? 503 : 200 }));
    const call = callOut();
    for (const type of ["call.queued", "call.calling", "call.completed"] as const)
      await harness.receive(lifecycleEvent(type, harness.orgId, call, partner.url));
    await eventually("first failure", () => harness.recorded(call.id, 1));
    await harness.restartWorker(); // also proves nothing is claimed out of order by a fresh instance
    expect(partner.received.length).toBe(1);
    harness.advance(10_000);
    await eventually("second failure", () => harness.recorded(call.id, 2));
    expect(partner.received.every((request) => request.body.includes('"call.queued"'))).toBe(true);
    harness.advance(10_000);
    await eventually("all delivered", async () => partner.received.length === 5);
    expect(partner.received.map((request) => (JSON.parse(request.body) as { sequence: number }).sequence)).toEqual([1, 1, 1, 2, 3]);
  });

  it("loses nothing when the worker restarts mid-retry", async () => {
    harness = await startHarness({ delaysSeconds: [30] });
    let healthy = false;
    const partner = await receiver(() => ({ status: healthy ? 200 : 500 }));
    const call = callOut();
    await harness.receive(lifecycleEvent("call.queued", harness.orgId, call, partner.url));
    await eventually("failed once", () => harness.recorded(call.id, 1));
    await harness.restartWorker();
    healthy = true;
    harness.advance(30_000);
    await eventually("delivered by the new worker", async () => (await harness.deliveries(call.id))[0]?.status === "succeeded");
    expect(partner.received.length).toBe(2);
  });

  it("a delivery claimed by a worker that died mid-attempt is attempted again, with the same webhook-id, once its lease ends", async () => {
    harness = await startHarness();
    const partner = await receiver();
    await harness.stopWorker();
    const call = callOut();
    await harness.receive(lifecycleEvent("call.queued", harness.orgId, call, partner.url));
    const [claimed] = await harness.claimAndVanish(20_000);
    expect(claimed?.event.subject).toBe(call.id);
    harness.startWorker();
    harness.advance(19_000);
    expect((await harness.deliveries(call.id))[0]?.status).toBe("pending");
    harness.advance(1_000);
    await eventually("delivered after the lease", async () => (await harness.deliveries(call.id))[0]?.status === "succeeded");
    expect(partner.received).toHaveLength(1);
    expect(partner.received[0]?.headers["webhook-id"]).toBe(`msg_${claimed?.id.replaceAll("-", "")}`);
  });

  it("fans out to the org's enabled endpoints matching the events filter, each signed with its own secret", async () => {
    harness = await startHarness();
    const all = await receiver();
    const completedOnly = await receiver();
    const allEndpoint = await createEndpoint(harness.endpointDeps, harness.orgId, { url: all.url, enabled: true });
    const filtered = await createEndpoint(harness.endpointDeps, harness.orgId, {
      url: completedOnly.url,
      events: ["call.completed"],
      enabled: true,
    });
    await createEndpoint(harness.endpointDeps, harness.orgId, { url: completedOnly.url, enabled: false });
    const call = callOut();
    await harness.receive(lifecycleEvent("call.queued", harness.orgId, call, null));
    await harness.receive(lifecycleEvent("call.completed", harness.orgId, call, null));
    await eventually("deliveries", async () => all.received.length === 2 && completedOnly.received.length === 1);
    for (const request of all.received) verify(allEndpoint.secret, request);
    expect(verify(filtered.secret, completedOnly.received[0] ?? { headers: {}, body: "" })).toMatchObject({
      type: "call.completed",
      sequence: 2,
    });
    expect(() => verify(harness.orgSecret, all.received[0] ?? { headers: {}, body: "" })).toThrow();
  });

  it("after a secret rotation sends both signatures for 24 h, each verifiable, then only the new one", async () => {
    harness = await startHarness();
    const partner = await receiver();
    const created = await createEndpoint(harness.endpointDeps, harness.orgId, { url: partner.url, enabled: true });
    const rotated = await rotateEndpointSecret(harness.endpointDeps, harness.orgId, created.id);
    expect(rotated.secret).not.toBe(created.secret);
    const first = callOut();
    await harness.receive(lifecycleEvent("call.queued", harness.orgId, first, null));
    // Recorded, not only received, before the clock jumps past the grace period.
    await eventually("delivered", async () => (await harness.deliveries(first.id))[0]?.status === "succeeded", 15_000, harness.state);
    const [request] = partner.received;
    if (!request) throw new Error("no request");
    expect(String(request.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    verify(created.secret, request);
    verify(rotated.secret, request);

    harness.advance(24 * 3_600_000 + 1);
    await harness.receive(lifecycleEvent("call.queued", harness.orgId, callOut(), null));
    await eventually("delivered after grace", async () => partner.received.length === 2, 15_000, harness.state);
    const late = partner.received[1];
    if (!late) throw new Error("no request");
    expect(String(late.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    verify(rotated.secret, late);
    expect(() => verify(created.secret, late)).toThrow();
  });

  it("disables an endpoint whose every attempt failed for 5 days", async () => {
    harness = await startHarness({ delaysSeconds: [3 * 86_400, 3 * 86_400] });
    const partner = await receiver(() => ({ status: 500 }));
    const endpoint = await createEndpoint(harness.endpointDeps, harness.orgId, { url: partner.url, enabled: true });
    const call = callOut();
    await harness.receive(lifecycleEvent("call.queued", harness.orgId, call, null));
    for (let attempt = 1; attempt <= 2; attempt++) {
      await eventually(`attempt ${attempt} recorded`, () => harness.recorded(call.id, attempt));
      expect((await harness.endpointDeps.endpoints.find(harness.orgId, endpoint.id))?.enabled).toBe(true);
      harness.advance(3 * 86_400_000);
    }
    await eventually("disabled", async () => (await harness.endpointDeps.endpoints.find(harness.orgId, endpoint.id))?.enabled === false);
    expect((await harness.endpointDeps.endpoints.find(harness.orgId, endpoint.id))?.disabled_reason).toBe(
      "every attempt failed for 5 days",
    );
  });

  it("fails an oversized payload with a clear error instead of sending it", async () => {
    harness = await startHarness({ maxPayloadBytes: 2_048 });
    const partner = await receiver();
    const call = callOut({ transcript: "x".repeat(4_096) });
    await harness.receive(lifecycleEvent("call.completed", harness.orgId, call, partner.url));
    await eventually("failed", async () => (await harness.deliveries(call.id))[0]?.status === "failed");
    expect((await harness.deliveries(call.id))[0]?.lastError).toBe("payload exceeds 2048 bytes");
    expect(partner.received.length).toBe(0);
  });
});
