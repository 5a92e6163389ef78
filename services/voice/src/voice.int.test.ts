import { randomUUID } from "node:crypto";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import { createKafka, createLogger, createProducer, LOCAL_MEDIA_TOKEN_KEY, mintMediaStreamToken } from "@voxbridge/kit";
import { playCallee } from "@voxbridge/speech/callee";
import type { CalleeScript } from "@voxbridge/speech/callee-script";
import { createLocalSynthesizer } from "@voxbridge/speech/flite";
import type { Consumer } from "kafkajs";
import { testDatabaseUrl, testKafkaBrokers } from "../../../tests/support/env";
import { eventually } from "../../../tests/support/eventually";
import { deleteTopics, newTopicPrefix } from "../../../tests/support/stack";
import { loadVoiceConfig } from "./config";
import { MEDIA_PATH, type RunningVoice, startVoice } from "./voice";

/**
 * The voice service against real Postgres, Kafka and S3Proxy (behind a TCP relay the test can cut),
 * with a Media Streams client playing Twilio and a callee whose words are flite audio decoded by the
 * service's own recognizer. Conversation tests are few: each takes the time of a real call.
 */
const s3Port = Number(process.env.S3PROXY_PORT ?? 9000);
let voice: RunningVoice;
let store: Awaited<ReturnType<typeof startCuttableRelay>>;
let prefix: string;
let topic: string;
let consumer: Consumer;
const ended: { subject: string; traceparent?: string; data: { outcome: string; media_started: boolean } }[] = [];
const analyzed: {
  subject: string;
  traceparent?: string;
  data: { turns: { speaker: string; text: string; start_ms: number }[]; structured_answers: unknown; recording_available: boolean };
}[] = [];
const kafka = createKafka({
  clientId: "voice-test",
  brokers: testKafkaBrokers(),
  logger: createLogger({ service: "test", level: "silent" }),
});
const producer = createProducer(kafka);
const callee = createLocalSynthesizer({ engine: "flite", voice: "rms" });

const schema = {
  type: "object",
  properties: {
    day: { type: "string", enum: ["monday", "tuesday", "thursday"], description: "Which day suits you for the visit" },
    party_size: { type: "integer", description: "How many people will come" },
    reminder: { type: "boolean", description: "Do you want a reminder text" },
  },
  required: ["day"],
};

beforeAll(async () => {
  store = await startCuttableRelay(s3Port);
  prefix = newTopicPrefix();
  voice = await startVoice(
    loadVoiceConfig({
      DATABASE_URL: testDatabaseUrl(),
      KAFKA_BROKERS: testKafkaBrokers().join(","),
      KAFKA_TOPIC_PREFIX: prefix,
      VOICE_GROUP_ID: `${prefix}voice`,
      VOICE_PORT: "0",
      MANAGEMENT_PORT: "0",
      DB_POOL_SIZE: "3",
      NODE_ENV: "test",
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
      S3_ENDPOINT: store.url,
      S3_BUCKET: `test-${prefix.replace(/\W/g, "")}`,
      VOICE_AGENT_WAIT_MS: "1500",
      RECORDING_UPLOAD_RETRY_SECONDS: "0.2",
    }),
  );
  topic = voice.topics.callEvents;
  await producer.connect();
  consumer = kafka.consumer({ groupId: `${prefix}probe` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value?.toString() ?? "{}");
      if (event.type === "call.analyzed") analyzed.push(event);
      if (event.type === "call.conversation_ended") ended.push(event);
    },
  });
}, 60_000);

afterAll(async () => {
  await consumer?.disconnect();
  await producer.disconnect();
  await voice?.stop();
  await store?.close();
  await deleteTopics([topic, voice.topics.deadLetter]);
});

/** A TCP relay in front of S3Proxy that the test can cut: while cut, it drops every connection (open ones too). */
async function startCuttableRelay(port: number) {
  const sockets = new Set<Socket>();
  let down = false;
  const server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(port, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut(value: boolean) {
      down = value;
      if (value) for (const s of sockets) s.destroy();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const event = (type: string, callId: string, orgId: string, data: Record<string, unknown> = {}, traceparent?: string) => ({
  key: callId,
  value: JSON.stringify({
    specversion: "1.0",
    id: randomUUID(),
    source: "test",
    type,
    subject: callId,
    time: new Date().toISOString(),
    datacontenttype: "application/json",
    ...(traceparent ? { traceparent } : {}),
    data: { org_id: orgId, webhook_url: null, ...data },
  }),
  headers: { ce_type: type },
});

async function queueCall(conversation: Record<string, unknown> = {}, traceparent?: string) {
  const callId = randomUUID();
  const orgId = randomUUID();
  await producer.send({
    topic,
    messages: [
      event(
        "call.queued",
        callId,
        orgId,
        {
          conversation: {
            agent_id: randomUUID(),
            system_prompt: "You book visits.",
            first_message: "Hi Ana, this is the clinic.",
            voicemail_message: "Please call the clinic back.",
            voice: null,
            language: "en-US",
            answer_schema: schema,
            record: true,
            recording_disclosure: "This call is recorded.",
            max_duration_seconds: 120,
            engine: "local",
            simulated_callee: null,
            ...conversation,
          },
        },
        traceparent,
      ),
    ],
  });
  return { callId, orgId };
}

const mediaUrl = () => `ws://127.0.0.1:${voice.port}${MEDIA_PATH}`;
const token = (callId: string, attempt = 1) => mintMediaStreamToken(LOCAL_MEDIA_TOKEN_KEY, { callId, attempt }, new Date());

async function talk(callId: string, script: CalleeScript) {
  // The stream may arrive before the service has read the call's event; it waits for it.
  const run = await playCallee({ url: mediaUrl(), callId, attempt: 1, token: token(callId), script, voice: callee, maxFrames: 4_500 });
  return run;
}

async function endCall(callId: string, orgId: string) {
  await producer.send({ topic, messages: [event("call.completed", callId, orgId)] });
  return eventually(`call.analyzed for ${callId}`, async () => analyzed.find((e) => e.subject === callId), 30_000);
}

async function recording(callId: string) {
  const response = await fetch(`http://127.0.0.1:${voice.port}/internal/calls/${callId}/recording`, {
    headers: { authorization: "Bearer local-development-only-token" },
  });
  return { status: response.status, type: response.headers.get("content-type"), body: Buffer.from(await response.arrayBuffer()) };
}

describe("a scripted callee talks with the local engine", () => {
  it("answers every question by voice; the answers, a two-speaker transcript in order and a two-channel recording come out in call.analyzed", async () => {
    const { callId, orgId } = await queueCall();
    const run = await talk(callId, { answers: { day: "thursday", party_size: 4, reminder: true } });
    expect(run.marks).toEqual(expect.arrayContaining(["opening", "ask:day", "ask:party_size", "ask:reminder", "close"]));
    const result = await endCall(callId, orgId);
    expect(result.data.structured_answers).toEqual({ day: "thursday", party_size: 4, reminder: true });
    expect(ended.find((e) => e.subject === callId)?.data).toMatchObject({ outcome: "talked", media_started: true });
    expect(result.data.recording_available).toBe(true);
    const speakers = new Set(result.data.turns.map((t) => t.speaker));
    expect(speakers).toEqual(new Set(["agent", "callee"]));
    expect(result.data.turns.find((t) => t.speaker === "agent")?.text).toMatch(/^This call is recorded\. Hi Ana/);
    const starts = result.data.turns.map((t) => t.start_ms);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const wav = await recording(callId);
    expect(wav.status).toBe(200);
    expect(wav.type).toBe("audio/wav");
    expect(wav.body.readUInt16LE(22)).toBe(2); // channels
    expect(wav.body.readUInt32LE(24)).toBe(8000);
    const seconds = wav.body.readUInt32LE(40) / (8000 * 4);
    expect(Math.abs(seconds * 1000 - run.durationMs)).toBeLessThan(2_000);
  }, 120_000);

  it("hears an opt-out, acknowledges it and ends the call; its events carry the call's trace on", async () => {
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const { callId, orgId } = await queueCall({}, traceparent);
    const run = await talk(callId, { opt_out: true });
    expect(run.marks.at(-1)).toBe("opt_out");
    const result = await endCall(callId, orgId);
    expect(result.data.turns.some((t) => t.speaker === "agent" && /will not call you again/.test(t.text))).toBe(true);
    expect(result.data.structured_answers).toEqual({});
    expect(ended.find((e) => e.subject === callId)?.data).toMatchObject({ outcome: "opt_out" });
    expect([result.traceparent, ended.find((e) => e.subject === callId)?.traceparent]).toEqual([traceparent, traceparent]);
  }, 120_000);

  it("stops talking when the callee barges in: clear is sent and the transcript keeps only what was played", async () => {
    const { callId, orgId } = await queueCall({
      answer_schema: null,
      first_message: "Hi Ana, this is the clinic calling about the visit you asked us to book for next week.",
    });
    const run = await talk(callId, { interrupts: true });
    expect(run.clears).toBeGreaterThanOrEqual(1);
    const result = await endCall(callId, orgId);
    const opening = result.data.turns.find((t) => t.speaker === "agent");
    expect(opening?.text.length).toBeGreaterThan(0);
    expect(opening?.text.length).toBeLessThan(
      "This call is recorded. Hi Ana, this is the clinic calling about the visit you asked us to book for next week.".length,
    );
  }, 120_000);
});

describe("the media endpoint refuses what does not prove itself", () => {
  it("closes a stream with a bad token, a token for another call, a wrong stream id or a malformed frame, and keeps serving", async () => {
    const { callId } = await queueCall();
    const open = async (messages: (sid: string) => (object | string)[]) => {
      const { WebSocket } = await import("ws");
      const ws = new WebSocket(mediaUrl());
      await new Promise((resolve) => ws.once("open", resolve));
      const sent = { frames: 0 };
      ws.on("message", () => {
        sent.frames += 1;
      });
      for (const message of messages("MZ1")) ws.send(typeof message === "string" ? message : JSON.stringify(message));
      const code = await new Promise<number>((resolve) => ws.once("close", (c) => resolve(c)));
      return { code, ...sent };
    };
    const start = (t: string, id = callId) => ({
      event: "start",
      streamSid: "MZ1",
      start: { streamSid: "MZ1", customParameters: { call_id: id, attempt: "1", token: t } },
    });
    const frame = (sid: string, payload = Buffer.alloc(160, 0xff).toString("base64")) => ({
      event: "media",
      streamSid: sid,
      media: { timestamp: "0", payload },
    });
    expect(await open(() => [start("v1.junk")])).toEqual({ code: 1008, frames: 0 });
    expect(await open(() => [start(token(randomUUID()))])).toEqual({ code: 1008, frames: 0 });
    expect(
      await open(() => [start(mintMediaStreamToken("another-key-another-key-another-key", { callId, attempt: 1 }, new Date()))]),
    ).toEqual({ code: 1008, frames: 0 });
    expect(await open(() => [frame("MZ1")])).toEqual({ code: 1008, frames: 0 });
    expect((await open((sid) => [start(token(callId)), frame(`${sid}x`)])).code).toBe(1008);
    expect((await open(() => [start(token(callId)), "not json"])).code).toBe(1007);
    expect((await open((sid) => [start(token(callId)), frame(sid, Buffer.alloc(2000).toString("base64"))])).code).toBe(1007);
    const health = await fetch(`http://127.0.0.1:${voice.managementPort}/healthz`);
    expect(health.status).toBe(200);
  }, 60_000);

  it("ends a stream for a call it has not learned after waiting for it", async () => {
    const run = await playCallee({
      url: mediaUrl(),
      callId: randomUUID(),
      attempt: 1,
      token: "",
      script: { silent: true },
      voice: callee,
    }).catch(() => null);
    expect(run).not.toBeNull();
    const unknown = randomUUID();
    const started = Date.now();
    const lost = await playCallee({
      url: mediaUrl(),
      callId: unknown,
      attempt: 1,
      token: token(unknown),
      script: { silent: true },
      voice: callee,
    });
    expect(lost.agentFrames).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    // The dialer hears of it: an agent error nobody heard, so it may dial again.
    const report = await eventually("the unheard agent error reported", async () => ended.find((e) => e.subject === unknown), 15_000);
    expect(report.data).toMatchObject({ outcome: "agent_error", media_started: false });
  }, 30_000);
});

describe("recordings when the object store is down", () => {
  it("keeps the recording, uploads it once the store is back, and announces it with a second call.analyzed", async () => {
    store.cut(true);
    const { callId, orgId } = await queueCall({ answer_schema: null, first_message: "Hi Ana." });
    await talk(callId, {});
    const first = await endCall(callId, orgId);
    expect(first.data.recording_available).toBe(false);
    expect((await recording(callId)).status).toBe(404);
    store.cut(false);
    const second = await eventually(
      "a second call.analyzed with the recording",
      async () => analyzed.filter((e) => e.subject === callId)[1],
      30_000,
    );
    expect(second.data.recording_available).toBe(true);
    expect(second.data.turns).toEqual(first.data.turns);
    expect((await recording(callId)).status).toBe(200);
  }, 120_000);
});
