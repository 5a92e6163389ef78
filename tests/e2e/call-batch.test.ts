import { CallBatchResponse, CallList } from "@voxbridge/contracts";
import { type ApiClient, apiClient, errorType } from "../support/api-client";
import { provisionOrg, startStack, type TestStack } from "../support/stack";

let stack: TestStack;
let api: ApiClient;

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 1000 })).apiKey);
});

afterAll(async () => {
  await stack?.stop();
});

const later = () => new Date(Date.now() + 3_600_000).toISOString();
const batch = async (calls: unknown[], headers: Record<string, string> = {}) => {
  const response = await api.post("/v1/calls/batch", { calls }, headers);
  expect(response.status).toBe(200);
  return { ...response, items: CallBatchResponse.parse(response.body).items };
};
const total = async () => CallList.parse((await api.get("/v1/calls?limit=1")).body).total;

describe("POST /v1/calls/batch", () => {
  it("answers each item as its own create would, in order; one item's failure leaves the others created", async () => {
    expect((await api.post("/v1/suppressions", { number: "+14155550170" })).status).toBe(201);
    const before = await total();
    const { items } = await batch([
      { to: "+14155550171", schedule_at: later(), metadata: { row: 1 } },
      { to: "not a number" },
      { to: "+14155550170", schedule_at: later() },
      { to: "+14155550172", schedule_at: later(), colour: "red" },
      { to: "+14155550173", schedule_at: later(), agent_id: "00000000-0000-4000-8000-000000000000" },
      { to: "(415) 555-0174", schedule_at: later() },
    ]);
    expect(items.map((item) => [item.index, item.status, item.error?.type ?? null])).toEqual([
      [0, 201, null],
      [1, 422, "validation_failed"],
      [2, 422, "number_suppressed"],
      [3, 422, "validation_failed"],
      [4, 404, "not_found"],
      [5, 201, null],
    ]);
    expect(items[1]?.error).toMatchObject({ param: "to" });
    expect(items[3]?.error).toMatchObject({ param: "colour" });
    expect(items[0]?.call).toMatchObject({ status: "queued", to_number: "+14155550171", metadata: { row: 1 } });
    expect(items[5]?.call?.to_number).toBe("+14155550174");
    expect(await total()).toBe(before + 2);
    for (const item of [items[0], items[5]]) {
      expect((await api.get(`/v1/calls/${item?.call?.id}`)).body).toEqual(item?.call);
    }
  });

  it("replays the whole batch for the same Idempotency-Key and body, creating nothing twice; another body with the key is 422", async () => {
    const calls = [1, 2, 3].map((n) => ({ to: `+1415555018${n}`, schedule_at: later() }));
    const key = `batch-${Date.now()}`;
    const first = await batch(calls, { "idempotency-key": key });
    const before = await total();
    const again = await batch(calls, { "idempotency-key": key });
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.items).toEqual(first.items);
    expect(await total()).toBe(before);
    const other = await api.post("/v1/calls/batch", { calls: calls.slice(0, 2) }, { "idempotency-key": key });
    expect([other.status, errorType(other)]).toEqual([422, "idempotency_key_reused"]);
  });

  it("holds minutes per item: past the org's limit the rest are 402, the accepted ones stay", async () => {
    const small = apiClient(stack.gatewayUrl, (await provisionOrg({ minutes: 20 })).apiKey);
    const response = await small.post("/v1/calls/batch", {
      calls: Array.from({ length: 30 }, (_, n) => ({ to: `+1415555${String(2000 + n)}`, schedule_at: later() })),
    });
    const { items } = CallBatchResponse.parse(response.body);
    const statuses = new Set(items.map((item) => item.status));
    expect([...statuses].sort()).toEqual([201, 402]);
    const accepted = items.filter((item) => item.status === 201).length;
    expect(CallList.parse((await small.get("/v1/calls?limit=1")).body).total).toBe(accepted);
    expect(items.find((item) => item.status === 402)?.error?.type).toBe("quota_exceeded");
  });

  it("refuses a batch that is empty, too long or not a list with 422, creating nothing", async () => {
    const before = await total();
    for (const body of [{ calls: [] }, { calls: Array.from({ length: 1001 }, () => ({ to: "+14155550190" })) }, { calls: "x" }, {}]) {
      const response = await api.post("/v1/calls/batch", body);
      expect([response.status, errorType(response)]).toEqual([422, "validation_failed"]);
    }
    expect(await total()).toBe(before);
  });
});
