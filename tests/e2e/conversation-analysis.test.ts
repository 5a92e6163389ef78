import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type CallAnalyzedEvent, type CallOut, newCallDataEvent, TranscriptTurnList, WebhookEvent } from "@voxbridge/contracts";
import { createLogger } from "@voxbridge/kit";
import { createVoxBridge, verifyWebhook } from "@voxbridge/sdk";
import { startReceiver } from "@voxbridge/webhooks/test-harness";
import pg from "pg";
import { type ApiClient, apiClient, errorType } from "../support/api-client";
import { testDatabaseUrl } from "../support/env";
import { eventually } from "../support/eventually";
import { publishEvents } from "../support/publish";
import { provisionOrg, startGatewayAlone, startStack, type TestOrg, type TestStack } from "../support/stack";
import { createCall, finalCall, getCall } from "./dialer-support";

// call.analyzed, as the voice service publishes it, through the real gateway (projection, transcript
// route, recording routes, retention) and the real webhook service (a signed delivery). The voice
// service's internal API is played by a real HTTP server answering as its contract says.

const VOICE_TOKEN = "voice-api-test-token-0123456789";
const WAV = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(40, 1), Buffer.from("two channels of audio")]);

/** The voice service's internal recording API, as its contract says: WAV, a redirect, 404; DELETE 204. */
async function startVoiceStandIn() {
  const recordings = new Map<string, "audio" | "redirect">();
  const requests: { method: string; path: string; authorized: boolean }[] = [];
  const server: Server = createServer((req, res) => {
    const authorized = req.headers.authorization === `Bearer ${VOICE_TOKEN}`;
    requests.push({ method: req.method ?? "", path: req.url ?? "", authorized });
    const match = /^\/internal\/calls\/([0-9a-f-]+)\/recording$/.exec(req.url ?? "");
    if (!authorized) return void res.writeHead(401).end();
    const id = match?.[1];
    if (!id || !recordings.has(id)) return void res.writeHead(req.method === "DELETE" ? 204 : 404).end();
    if (req.method === "DELETE") {
      recordings.delete(id);
      return void res.writeHead(204).end();
    }
    if (recordings.get(id) === "redirect")
      return void res.writeHead(302, { location: `https://store.example/rec/${id}.wav?sig=abc` }).end();
    res.writeHead(200, { "content-type": "audio/wav", "content-length": String(WAV.length) }).end(WAV);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    recordings,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let stack: TestStack;
let voice: Awaited<ReturnType<typeof startVoiceStandIn>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let org: TestOrg;
let api: ApiClient;
let db: pg.Pool;

beforeAll(async () => {
  voice = await startVoiceStandIn();
  receiver = await startReceiver();
  stack = await startStack({ SIM_RING_SECONDS: "0.05", SIM_TALK_SECONDS: "0.2", VOICE_URL: voice.url, VOICE_API_TOKEN: VOICE_TOKEN });
  org = await provisionOrg({ minutes: 100 });
  api = apiClient(stack.gatewayUrl, org.apiKey);
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
  await voice?.close();
  await db?.end();
});

const turns = [
  { speaker: "callee" as const, text: "tuesday", attempt: 1, start_ms: 9_000, end_ms: 9_600 },
  { speaker: "agent" as const, text: "This call is recorded. Hi Jane.", attempt: 1, start_ms: 300, end_ms: 2_800 },
  { speaker: "callee" as const, text: "hello", attempt: 1, start_ms: 3_100, end_ms: 3_500 },
  { speaker: "agent" as const, text: "Which day suits you?", attempt: 1, start_ms: 4_000, end_ms: 6_000 },
];
const TRANSCRIPT = "agent: This call is recorded. Hi Jane.\ncallee: hello\nagent: Which day suits you?\ncallee: tuesday";

const analyzed = (call: CallOut, overrides: Partial<CallAnalyzedEvent["data"]> = {}) =>
  newCallDataEvent<CallAnalyzedEvent>(
    "call.analyzed",
    "voice",
    {
      call_id: call.id,
      org_id: org.orgId,
      attempt: 1,
      turns,
      structured_answers: { preferred_day: "tuesday" },
      recording_available: false,
      ...overrides,
    },
    { id: randomUUID(), time: new Date() },
  );

/** A call that was answered and ended (the simulator's talking callee), as the partner sees it. */
const endedCall = async (body: Record<string, unknown> = {}) => {
  const call = await createCall(api, { to: "+15557654321", client_name: "Jane", ...body });
  return finalCall(api, call.id);
};

/** Proof the gateway's projector handled an event: its id is among the ones it recorded. */
const projected = (eventId: string) =>
  eventually(`event ${eventId} projected`, async () =>
    (await db.query("SELECT 1 FROM gateway.processed_events WHERE event_id = $1", [eventId])).rowCount === 1 ? true : null,
  );

describe("call.analyzed onto the record", () => {
  it("fills transcript (one line per turn, conversation order) and structured_answers, and the transcript route lists the turns, paged", async () => {
    const call = await endedCall();
    expect(call).toMatchObject({ status: "completed", transcript: null, structured_answers: null, recording_url: null });
    await publishEvents(stack.topics.callEvents, [analyzed(call)]);
    const record = await eventually("the record analyzed", async () => {
      const current = await getCall(api, call.id);
      return current.transcript === null ? null : current;
    });
    expect(record).toMatchObject({
      status: "completed",
      transcript: TRANSCRIPT,
      structured_answers: { preferred_day: "tuesday" },
      recording_url: null,
    });

    const page = TranscriptTurnList.parse((await api.get(`/v1/calls/${call.id}/transcript`)).body);
    expect(page.total).toBe(4);
    expect(page.items.map((turn) => `${turn.speaker}: ${turn.text}`).join("\n")).toBe(TRANSCRIPT);
    expect(page.items[1]).toEqual({ speaker: "callee", text: "hello", attempt: 1, start_ms: 3_100, end_ms: 3_500 });
    const second = TranscriptTurnList.parse((await api.get(`/v1/calls/${call.id}/transcript?limit=1&offset=1`)).body);
    expect(second).toMatchObject({ total: 4, limit: 1, offset: 1, items: [{ text: "hello" }] });
  });

  it("moves only forward: a late analysis with the recording adds recording_url; a redelivery or an older analysis changes nothing", async () => {
    const call = await endedCall();
    const first = analyzed(call);
    await publishEvents(stack.topics.callEvents, [first]);
    await projected(first.id);
    const withRecording = analyzed(call, { recording_available: true });
    await publishEvents(stack.topics.callEvents, [withRecording]);
    await projected(withRecording.id);
    expect((await getCall(api, call.id)).recording_url).toBe(`/v1/calls/${call.id}/recording`);

    const stale = analyzed(call, { turns: [turns[0] as (typeof turns)[number]], structured_answers: null, recording_available: false });
    await publishEvents(stack.topics.callEvents, [stale, first]);
    await projected(stale.id);
    expect(await getCall(api, call.id)).toMatchObject({
      transcript: TRANSCRIPT,
      structured_answers: { preferred_day: "tuesday" },
      recording_url: `/v1/calls/${call.id}/recording`,
    });
    expect(TranscriptTurnList.parse((await api.get(`/v1/calls/${call.id}/transcript`)).body).total).toBe(4);
  });

  it("answers 404 for another organization's call on the transcript route, and an empty page before any analysis", async () => {
    const call = await endedCall();
    const other = apiClient(stack.gatewayUrl, (await provisionOrg()).apiKey);
    const foreign = await other.get(`/v1/calls/${call.id}/transcript`);
    expect([foreign.status, errorType(foreign)]).toEqual([404, "not_found"]);
    expect((await api.get(`/v1/calls/${call.id}/transcript`)).body).toEqual({ items: [], total: 0, limit: 25, offset: 0 });
    const bad = await api.get(`/v1/calls/${call.id}/transcript?limit=0`);
    expect([bad.status, errorType(bad)]).toEqual([422, "validation_failed"]);
  });
});

describe("call.analyzed delivered to the partner", () => {
  it("reaches the call's webhook_url, signed, after the call's final event, as the record with the conversation", async () => {
    const call = await endedCall({ webhook_url: receiver.url });
    const event = analyzed(call, { recording_available: true });
    await publishEvents(stack.topics.callEvents, [event]);
    const { mine, delivery, body } = await eventually("call.analyzed delivered", async () => {
      const mine = receiver.received
        .map((delivery) => ({ delivery, body: WebhookEvent.parse(JSON.parse(delivery.body)) }))
        .filter(({ body }) => body.data.id === call.id);
      const found = mine.find(({ body }) => body.type === "call.analyzed");
      return found ? { mine, ...found } : null;
    });
    const types = mine.map(({ body }) => body.type);
    expect(types).toContain("call.completed");
    expect(types.indexOf("call.analyzed")).toBeGreaterThan(types.indexOf("call.completed"));
    expect(() => verifyWebhook(org.webhookSecret, delivery.headers, delivery.body)).not.toThrow();
    expect(body.data).toMatchObject({
      id: call.id,
      status: "completed",
      transcript: TRANSCRIPT,
      structured_answers: { preferred_day: "tuesday" },
      recording_url: `/v1/calls/${call.id}/recording`,
    });
  });
});

describe("an endpoint subscribed to call.analyzed only", () => {
  it("receives the call's call.analyzed and none of its lifecycle events", async () => {
    const own = await provisionOrg({ minutes: 10 });
    const ownApi = apiClient(stack.gatewayUrl, own.apiKey);
    const endpoint = await ownApi.post("/v1/webhook-endpoints", { url: receiver.url, events: ["call.analyzed"] });
    expect(endpoint.status).toBe(201);
    const call = await finalCall(ownApi, (await createCall(ownApi, { to: "+15557654321" })).id);
    await publishEvents(stack.topics.callEvents, [analyzed(call, { org_id: own.orgId })]);
    const mine = await eventually("call.analyzed at the endpoint", async () => {
      const bodies = receiver.received
        .map((delivery) => WebhookEvent.parse(JSON.parse(delivery.body)))
        .filter((body) => body.data.id === call.id);
      return bodies.some((body) => body.type === "call.analyzed") ? bodies : null;
    });
    // Deliveries to one destination go in the call's order, so any earlier event would have come first.
    expect(mine.map((body) => body.type)).toEqual(["call.analyzed"]);
  });
});

describe("the recording", () => {
  const recordedCall = async (mode: "audio" | "redirect") => {
    const call = await endedCall();
    voice.recordings.set(call.id, mode);
    const event = analyzed(call, { recording_available: true });
    await publishEvents(stack.topics.callEvents, [event]);
    await projected(event.id);
    return call;
  };

  it("GET streams the voice service's WAV with the service credential, for the org's key only", async () => {
    const call = await recordedCall("audio");
    const response = await fetch(`${stack.gatewayUrl}/v1/calls/${call.id}/recording`, {
      headers: { authorization: `Bearer ${org.apiKey}` },
    });
    expect([response.status, response.headers.get("content-type")]).toEqual([200, "audio/wav"]);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(WAV);
    expect(voice.requests.filter((request) => request.path.includes(call.id)).every((request) => request.authorized)).toBe(true);
    const foreign = await apiClient(stack.gatewayUrl, (await provisionOrg()).apiKey).get(`/v1/calls/${call.id}/recording`);
    expect([foreign.status, errorType(foreign)]).toEqual([404, "not_found"]);
  });

  it("GET passes on the voice service's redirect to a short-lived signed URL", async () => {
    const call = await recordedCall("redirect");
    const response = await fetch(`${stack.gatewayUrl}/v1/calls/${call.id}/recording`, {
      headers: { authorization: `Bearer ${org.apiKey}` },
      redirect: "manual",
    });
    expect([response.status, response.headers.get("location")]).toEqual([302, `https://store.example/rec/${call.id}.wav?sig=abc`]);
  });

  it("GET answers 404 for a call without a recording, without asking the voice service", async () => {
    const call = await endedCall();
    const response = await api.get(`/v1/calls/${call.id}/recording`);
    expect([response.status, errorType(response)]).toEqual([404, "not_found"]);
    expect(voice.requests.some((request) => request.path.includes(call.id))).toBe(false);
  });

  it("GET answers 404 when the voice service has no recording for it", async () => {
    const call = await recordedCall("audio");
    voice.recordings.delete(call.id);
    const response = await api.get(`/v1/calls/${call.id}/recording`);
    expect([response.status, errorType(response)]).toEqual([404, "not_found"]);
  });

  it("DELETE asks the voice service to delete it, then recording_url is gone for good and GET is 404", async () => {
    const call = await recordedCall("audio");
    const deleted = await api.delete(`/v1/calls/${call.id}/recording`);
    expect(deleted.status).toBe(204);
    expect(voice.requests.some((request) => request.method === "DELETE" && request.path.includes(call.id))).toBe(true);
    expect(voice.recordings.has(call.id)).toBe(false);
    expect((await getCall(api, call.id)).recording_url).toBeNull();
    expect((await api.get(`/v1/calls/${call.id}/recording`)).status).toBe(404);
    expect((await api.delete(`/v1/calls/${call.id}/recording`)).status).toBe(404);
    // A late call.analyzed announcing the recording again does not bring the URL back.
    const late = analyzed(call, { attempt: 2, recording_available: true });
    await publishEvents(stack.topics.callEvents, [late]);
    await projected(late.id);
    expect((await getCall(api, call.id)).recording_url).toBeNull();
  });

  it("answers 503 dependency_unavailable when the voice service is down, for GET and DELETE", async () => {
    const call = await recordedCall("audio");
    const alone = await startGatewayAlone(createLogger({ service: "test", level: "silent" }), {
      VOICE_URL: "http://127.0.0.1:1",
      VOICE_API_TOKEN: VOICE_TOKEN,
    });
    try {
      const viaAlone = apiClient(alone.url, org.apiKey);
      for (const response of [
        await viaAlone.get(`/v1/calls/${call.id}/recording`),
        await viaAlone.delete(`/v1/calls/${call.id}/recording`),
      ]) {
        expect([response.status, errorType(response)]).toEqual([503, "dependency_unavailable"]);
      }
      expect((await getCall(api, call.id)).recording_url).toBe(`/v1/calls/${call.id}/recording`);
    } finally {
      await alone.stop();
    }
  });
});

describe("the recording routes against the real voice service", () => {
  it("present the gateway's credential, which voice accepts: its 404 for an unknown recording is the partner's 404, its DELETE a 204", async () => {
    // A gateway of its own, pointed at this stack's real voice service with the development credential.
    const alone = await startGatewayAlone(createLogger({ service: "test", level: "silent" }), { VOICE_URL: stack.serviceUrls.voice });
    try {
      const call = await endedCall();
      const event = analyzed(call, { recording_available: true });
      await publishEvents(stack.topics.callEvents, [event]);
      await projected(event.id);
      const viaAlone = apiClient(alone.url, org.apiKey);
      // A refused credential would be a 503 (the voice service's 401/403 is not the partner's business).
      const missing = await viaAlone.get(`/v1/calls/${call.id}/recording`);
      expect([missing.status, errorType(missing)]).toEqual([404, "not_found"]);
      expect((await viaAlone.delete(`/v1/calls/${call.id}/recording`)).status).toBe(204);
      expect((await getCall(api, call.id)).recording_url).toBeNull();
    } finally {
      await alone.stop();
    }
  });
});

describe("the SDK", () => {
  it("calls.transcript lists the turns, calls.recording resolves the WAV, calls.deleteRecording deletes it, and a missing one rejects with 404", async () => {
    const voxbridge = createVoxBridge({ apiKey: org.apiKey, baseUrl: stack.gatewayUrl });
    const call = await endedCall();
    voice.recordings.set(call.id, "audio");
    const event = analyzed(call, { recording_available: true });
    await publishEvents(stack.topics.callEvents, [event]);
    await projected(event.id);
    const page = await voxbridge.calls.transcript(call.id, { limit: 2 });
    expect([page.total, page.items.map((turn) => turn.speaker)]).toEqual([4, ["agent", "callee"]]);
    const recording = await voxbridge.calls.recording(call.id);
    expect([recording.contentType, Buffer.from(recording.audio).equals(WAV)]).toEqual(["audio/wav", true]);
    await voxbridge.calls.deleteRecording(call.id);
    await expect(voxbridge.calls.recording(call.id)).rejects.toMatchObject({ status: 404, type: "not_found" });
  });
});

describe("personal data in logs", () => {
  it("a projected call.analyzed and the transcript route leave no turn text and no answer in the gateway's log, even at trace level", async () => {
    const lines: string[] = [];
    const alone = await startGatewayAlone(
      createLogger({ service: "gateway", level: "trace", destination: { write: (line: string) => void lines.push(line) } }),
      { VOICE_URL: voice.url, VOICE_API_TOKEN: VOICE_TOKEN },
    );
    try {
      const call = await endedCall();
      const secret = `zanzibar${randomUUID().slice(0, 8)}`;
      const event = analyzed(call, {
        turns: [{ speaker: "callee", text: `my code is ${secret}`, attempt: 1, start_ms: 0, end_ms: 900 }],
        structured_answers: { code: `${secret}-answer` },
      });
      await publishEvents(alone.topics.callEvents, [event]);
      const viaAlone = apiClient(alone.url, org.apiKey);
      await eventually("the analysis projected by this gateway", async () => {
        const page = TranscriptTurnList.parse((await viaAlone.get(`/v1/calls/${call.id}/transcript`)).body);
        return page.items[0]?.text.includes(secret) ? page : null;
      });
      expect((await viaAlone.get(`/v1/calls/${call.id}`)).body).toMatchObject({ structured_answers: { code: `${secret}-answer` } });
      const log = lines.join("");
      expect(log).toContain(`/v1/calls/${call.id}/transcript`);
      expect(log).not.toContain(secret);
    } finally {
      await alone.stop();
    }
  });
});

describe("retention of the conversation", () => {
  it("clears transcript, answers, recording_url and the turns of calls analyzed longer ago than TRANSCRIPT_RETENTION_DAYS, and keeps recent ones", async () => {
    const [old, recent] = [await endedCall(), await endedCall()];
    const events = [analyzed(old, { recording_available: true }), analyzed(recent)];
    await publishEvents(stack.topics.callEvents, events);
    for (const event of events) await projected(event.id);
    await db.query("UPDATE gateway.calls SET analyzed_at = now() - interval '91 days' WHERE id = $1", [old.id]);
    const pass = await stack.runRetention();
    expect(pass.gateway.deleted.call_turns).toBeGreaterThanOrEqual(1);
    expect(await getCall(api, old.id)).toMatchObject({
      status: "completed",
      transcript: null,
      structured_answers: null,
      recording_url: null,
    });
    expect((await api.get(`/v1/calls/${old.id}/transcript`)).body).toMatchObject({ total: 0 });
    expect((await getCall(api, recent.id)).transcript).toBe(TRANSCRIPT);
  });
});
