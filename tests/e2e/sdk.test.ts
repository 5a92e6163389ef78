import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { createVoxBridge, type VoxBridge, VoxBridgeError, verifyWebhook } from "@voxbridge/sdk";
import { startReceiver } from "@voxbridge/webhooks/test-harness";
import { eventually } from "../support/eventually";
import { provisionOrg, startStack, type TestStack } from "../support/stack";

const SDK = path.join(__dirname, "..", "..", "packages", "sdk");
const GENERATED = path.join(SDK, "src", "generated", "openapi.ts");
let stack: TestStack;
let voxbridge: VoxBridge;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  stack = await startStack({ SIM_RING_SECONDS: "0.05", SIM_TALK_SECONDS: "1.2" });
  voxbridge = createVoxBridge({ apiKey: (await provisionOrg()).apiKey, baseUrl: stack.gatewayUrl });
});

afterAll(async () => {
  for (const close of closers) await close();
  await stack?.stop();
});

/**
 * The SDK's own generator (openApiTypesText, through scripts/print-types.ts) applied to `document`.
 * It runs under tsx in a child process: Jest's loader cannot load openapi-typescript's ESM-only dependencies.
 */
async function typesText(document: string): Promise<string> {
  const child = promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/print-types.ts"], {
    cwd: SDK,
    maxBuffer: 64 * 1024 * 1024,
  });
  child.child.stdin?.end(document);
  return (await child).stdout;
}

describe("@voxbridge/sdk against the running services", () => {
  it("drives one call from creation to call.completed, every delivery verified with the endpoint's secret", async () => {
    const partner = await startReceiver();
    closers.push(partner.close);
    const endpoint = await voxbridge.webhookEndpoints.create({ url: partner.url, description: "sdk e2e" });
    expect(endpoint.secret).toMatch(/^whsec_/);

    const created = await voxbridge.calls.create({ to: "+14155550100", metadata: { crm_id: "sdk-e2e" } });
    expect(created).toMatchObject({ status: "queued", to_number: "+14155550100", metadata: { crm_id: "sdk-e2e" } });

    // verifyWebhook throws on any delivery that does not verify, which fails the wait at once.
    const events = await eventually("call.completed delivered", async () => {
      const verified = partner.received.map((delivery) => verifyWebhook(endpoint.secret, delivery.headers, delivery.body));
      return verified.some((event) => event.type === "call.completed") ? verified : null;
    });
    expect(events.map((event) => [event.sequence, event.type, event.data.id])).toEqual([
      [1, "call.queued", created.id],
      [2, "call.calling", created.id],
      [3, "call.completed", created.id],
    ]);
    const completed = events[2]?.data;

    const final = await voxbridge.calls.get(created.id);
    expect(final).toMatchObject({ id: created.id, status: "completed", disposition: "completed", attempt_count: 1, duration_seconds: 1 });
    expect(final.completed_at).toBe(completed?.completed_at);
    expect((await voxbridge.calls.list({ status: "completed" })).items.map((call) => call.id)).toContain(created.id);
    const attempts = await eventually("the attempt ended", async () => {
      const page = await voxbridge.calls.attempts(created.id);
      return page.items[0]?.ended_at ? page : null;
    });
    expect(attempts.items.map((attempt) => [attempt.attempt, attempt.disposition])).toEqual([[1, "completed"]]);

    const log = await eventually("three deliveries logged as succeeded", async () => {
      const page = await voxbridge.deliveries.list({ call_id: created.id, status: "succeeded" });
      return page.total === 3 ? page : null;
    });
    expect(log.items.map((delivery) => delivery.endpoint_id)).toEqual([endpoint.id, endpoint.id, endpoint.id]);
    await voxbridge.webhookEndpoints.delete(endpoint.id);
  });

  it("queues a batch, each item answered on its own", async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const { items } = await voxbridge.calls.createBatch({ calls: [{ to: "+14155550179", schedule_at: later }, { to: "nope" }] });
    expect(items.map((item) => item.status)).toEqual([201, 422]);
    expect(items[0]?.call?.to_number).toBe("+14155550179");
  });

  it("changes a queued call, and rejects a change to a finished one with a 409", async () => {
    const queued = await voxbridge.calls.create({ to: "+14155550178", schedule_at: new Date(Date.now() + 3_600_000).toISOString() });
    expect(await voxbridge.calls.update(queued.id, { metadata: { crm_id: "sdk-edit" } })).toMatchObject({
      metadata: { crm_id: "sdk-edit" },
    });
    await voxbridge.calls.cancel(queued.id);
    const refused = await voxbridge.calls.update(queued.id, { max_attempts: 2 }).catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ status: 409, type: "conflict" });
  });

  it("manages the suppression list, and a call to a listed number rejects with number_suppressed", async () => {
    const entry = await voxbridge.suppressions.create({ number: "+14155550177", reason: "sdk e2e" });
    expect(entry).toMatchObject({ number: "+14155550177", reason: "sdk e2e" });
    expect(await voxbridge.suppressions.create({ number: "+14155550177" })).toEqual(entry);
    expect((await voxbridge.suppressions.list()).items.map((s) => s.id)).toContain(entry.id);
    const refused = await voxbridge.calls.create({ to: "+14155550177" }).catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ status: 422, type: "number_suppressed", error: { param: "to" } });
    await voxbridge.suppressions.delete(entry.id);
    expect((await voxbridge.suppressions.list()).items.map((s) => s.id)).not.toContain(entry.id);
  });

  it("rejects with a VoxBridgeError carrying the error envelope and the request id", async () => {
    const invalid = await voxbridge.calls.create({ to: "not a phone number" }).catch((caught: unknown) => caught);
    expect(invalid).toBeInstanceOf(VoxBridgeError);
    expect(invalid).toMatchObject({
      status: 422,
      type: "validation_failed",
      error: { type: "validation_failed", param: "to", message: expect.any(String), request_id: expect.any(String) },
    });
    const { error, requestId } = invalid as VoxBridgeError;
    expect(requestId).toBe(error.request_id);

    await expect(voxbridge.calls.get(randomUUID())).rejects.toMatchObject({ status: 404, type: "not_found" });
  });

  it("the committed generated types match the document the gateway serves", async () => {
    const served = await (await fetch(`${stack.gatewayUrl}/openapi.json`)).text();
    const expected = (await typesText(served)).split("\n");
    const committed = readFileSync(GENERATED, "utf8").split("\n");
    const lines = Array.from({ length: Math.max(expected.length, committed.length) }, (_, index) => index);
    const firstDifference = lines.find((index) => expected[index] !== committed[index]);
    const verdict =
      firstDifference === undefined
        ? "up to date"
        : `packages/sdk/src/generated/openapi.ts differs from the served document at line ${firstDifference + 1}: ` +
          "run `pnpm --filter @voxbridge/sdk generate` and commit the result";
    expect(verdict).toBe("up to date");
  });
});
