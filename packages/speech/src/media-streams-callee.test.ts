import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { FRAME_BYTES, MULAW_SILENCE } from "./line-audio";
import { openCalleeStream, prepareCallee } from "./media-streams-callee";
import type { SpeechSynthesizer } from "./synthesizer";

// The callee against a WebSocket server standing where the voice service stands: what it sends is
// checked against Twilio's Media Streams messages, and the server plays the agent's side.

type Message = { event: string; sequenceNumber?: string; streamSid?: string; [key: string]: unknown };

/** Each sentence as 0.1 s of a constant non-silent code (a stand-in voice: the callee's timing is under test, not speech). */
const voice: SpeechSynthesizer = { synthesize: async () => new Uint8Array(800).fill(0x10) };

let server: WebSocketServer;
let url: string;
const connections: { ws: WebSocket; received: Message[] }[] = [];

beforeEach(async () => {
  server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/media`;
  connections.length = 0;
  server.on("connection", (ws) => {
    const connection = { ws, received: [] as Message[] };
    connections.push(connection);
    ws.on("message", (data) => connection.received.push(JSON.parse(data.toString()) as Message));
  });
});
afterEach(async () => {
  for (const { ws } of connections) ws.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const until = async (what: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
const agentFrame = (streamSid: string) => ({
  event: "media",
  streamSid,
  media: { payload: Buffer.alloc(FRAME_BYTES, 0x20).toString("base64") },
});

describe("the Media Streams callee", () => {
  it("opens as Twilio does, sends 20 ms frames, echoes a mark once the audio before it played, then answers", async () => {
    const callee = await prepareCallee({ answers: { day: "monday" } }, voice);
    const stream = openCalleeStream({ url, callId: "call-1", attempt: 2, token: "v1.token", callee });
    await until(() => (connections[0]?.received.length ?? 0) >= 5);
    const { ws, received } = connections[0] as (typeof connections)[number];
    const [connected, start] = received;
    expect(connected).toEqual({ event: "connected", protocol: "Call", version: "1.0.0" });
    const streamSid = start?.streamSid as string;
    expect(start).toMatchObject({
      event: "start",
      sequenceNumber: "1",
      start: {
        streamSid,
        tracks: ["inbound"],
        customParameters: { call_id: "call-1", attempt: "2", token: "v1.token" },
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
      },
    });
    const media = received.filter((m) => m.event === "media") as (Message & { media: { payload: string; timestamp: string } })[];
    expect(media.slice(0, 3).map((m) => m.media.timestamp)).toEqual(["0", "20", "40"]);
    expect(media.every((m) => Buffer.from(m.media.payload, "base64").length === FRAME_BYTES)).toBe(true);
    // "hello?" first: not silence.
    expect(Buffer.from(media[0]?.media.payload ?? "", "base64")[0]).not.toBe(MULAW_SILENCE);

    // Ten agent frames, then the question's mark: echoed after ten callee frames, then the answer.
    const before = received.filter((m) => m.event === "media").length;
    for (let i = 0; i < 10; i++) ws.send(JSON.stringify(agentFrame(streamSid)));
    ws.send(JSON.stringify({ event: "mark", streamSid, mark: { name: "ask:day" } }));
    await until(() => received.some((m) => m.event === "mark"));
    const markAt = received.findIndex((m) => m.event === "mark");
    const framesUntilMark = received.slice(0, markAt).filter((m) => m.event === "media").length - before;
    expect(framesUntilMark).toBeGreaterThanOrEqual(10);
    expect(received[markAt]).toMatchObject({ event: "mark", streamSid, mark: { name: "ask:day" } });
    expect(stream.run.echoed).toEqual(["ask:day"]);

    // Asked again: the keypad, as dtmf.
    ws.send(JSON.stringify({ event: "mark", streamSid, mark: { name: "ask:day" } }));
    await until(() => received.some((m) => m.event === "dtmf"));
    expect(received.find((m) => m.event === "dtmf")).toMatchObject({ streamSid, dtmf: { track: "inbound_track", digit: "1" } });

    // The agent hangs up: the stream ends.
    ws.close(1000);
    const run = await stream.ended;
    expect(run).toMatchObject({
      closeCode: 1000,
      failure: null,
      marks: ["ask:day", "ask:day"],
      echoed: ["ask:day", "ask:day"],
      said: ["hello?", "it is monday", "keys:1"],
    });
    const sequence = received.filter((m) => m.sequenceNumber !== undefined).map((m) => Number(m.sequenceNumber));
    expect(sequence).toEqual(sequence.map((_, i) => i + 1));
  });

  it("echoes the pending marks on clear and drops the agent audio still buffered", async () => {
    const stream = openCalleeStream({
      url,
      callId: "call-2",
      attempt: 1,
      token: "t",
      callee: await prepareCallee({ silent: true }, voice),
    });
    await until(() => (connections[0]?.received.length ?? 0) >= 2);
    const { ws, received } = connections[0] as (typeof connections)[number];
    const streamSid = received[1]?.streamSid as string;
    for (let i = 0; i < 500; i++) ws.send(JSON.stringify(agentFrame(streamSid)));
    ws.send(JSON.stringify({ event: "mark", streamSid, mark: { name: "opening" } }));
    ws.send(JSON.stringify({ event: "clear", streamSid }));
    await until(() => received.some((m) => m.event === "mark"));
    stream.hangUp();
    const run = await stream.ended;
    expect(run.clears).toBe(1);
    expect(run.echoed).toEqual(["opening"]);
    // Echoed at the clear, long before the 500 buffered frames (10 s) could have played.
    expect(received.find((m) => m.event === "mark")).toMatchObject({ mark: { name: "opening" } });
    expect(run.framesSent).toBeLessThan(250);
    expect(run.agentFrames).toBe(500);
    // Silent: it never spoke.
    const payloads = received.filter((m) => m.event === "media").map((m) => (m as unknown as { media: { payload: string } }).media.payload);
    expect(payloads.every((p) => Buffer.from(p, "base64").every((b) => b === MULAW_SILENCE))).toBe(true);
  });

  it("hangs up as the carrier does after its maximum frames: stop, then close", async () => {
    const stream = openCalleeStream({
      url,
      callId: "call-3",
      attempt: 1,
      token: "t",
      callee: await prepareCallee({ silent: true }, voice),
      maxFrames: 5,
    });
    const run = await stream.ended;
    await until(() => connections[0]?.received.at(-1)?.event === "stop");
    const { received } = connections[0] as (typeof connections)[number];
    expect(received.filter((m) => m.event === "media")).toHaveLength(5);
    expect(received.at(-1)).toMatchObject({ event: "stop", stop: { accountSid: expect.any(String), callSid: expect.any(String) } });
    expect(run).toMatchObject({ framesSent: 5, closeCode: 1000, failure: null });
  });

  it("ends with the failure when the endpoint refuses or is not there", async () => {
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const callee = await prepareCallee({}, voice);
    const down = await openCalleeStream({ url: `ws://127.0.0.1:${port}/media`, callId: "c", attempt: 1, token: "t", callee }).ended;
    expect(down.failure).toMatch(/ECONNREFUSED/);
    expect(down.durationMs).toBe(0);
    server = new WebSocketServer({ port: 0, host: "127.0.0.1", verifyClient: (_info, done) => done(false, 403) });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const refused = await openCalleeStream({
      url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/media`,
      callId: "c",
      attempt: 1,
      token: "t",
      callee,
    }).ended;
    expect(refused.failure).toMatch(/403/);
  });
});

describe("the callee's line timeline (read by bench:voice)", () => {
  it("records its speech starting and ending, the agent's reply starting, and each clear, in ms since the stream opened", async () => {
    const callee = await prepareCallee({ answers: { day: "monday" } }, voice);
    const stream = openCalleeStream({ url, callId: "call-3", attempt: 1, token: "v1.token", callee });
    await until(() => (connections[0]?.received.length ?? 0) >= 2);
    const { ws, received } = connections[0] as (typeof connections)[number];
    const streamSid = received[1]?.streamSid as string;
    // The greeting (0.1 s of speech) ends once 20 quiet frames followed it.
    await until(() => (connections[0]?.received.filter((m) => m.event === "media").length ?? 0) >= 30);
    ws.send(JSON.stringify(agentFrame(streamSid)));
    ws.send(JSON.stringify({ event: "clear", streamSid }));
    await until(() => received.filter((m) => m.event === "media").length >= 35);
    stream.hangUp();
    const run = await stream.ended;
    expect(run.timeline.map((e) => e.kind)).toEqual(["callee_speech_start", "callee_speech_end", "agent_reply_start", "clear"]);
    const [start, end, reply, clear] = run.timeline.map((e) => e.at) as [number, number, number, number];
    expect(end).toBeGreaterThan(start);
    expect(reply).toBeGreaterThan(end);
    expect(clear).toBeGreaterThanOrEqual(reply);
  });
});
