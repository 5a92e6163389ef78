import type { AddressInfo } from "node:net";
import { createLogger, verifyMediaStreamToken } from "@voxbridge/kit";
import type { SpeechSynthesizer } from "@voxbridge/speech/synthesizer";
import { type WebSocket, WebSocketServer } from "ws";
import type { CarrierReport, DialRequest } from "../../app/ports";
import { createSimulator } from "./simulator";

// The simulator as a carrier: its reports, and the Media Streams connection it opens for an answered
// call, against a WebSocket server standing where the voice service's /media stands. The callee's
// voice is a stand-in that records what it was asked to say (speech itself is the e2e test's).

const KEY = "k".repeat(32);
const logger = createLogger({ service: "test", level: "silent" });

type Message = { event: string; streamSid?: string; start?: { customParameters: Record<string, string> }; stop?: unknown };
let server: WebSocketServer;
let mediaUrl: string;
let streams: { ws: WebSocket; received: Message[] }[];
let reports: { callId: string; attempt: number; report: CarrierReport; at: number }[];
let synthesized: string[];

const voice: SpeechSynthesizer = {
  synthesize: async (text) => {
    synthesized.push(text);
    return new Uint8Array(1600).fill(0x10);
  },
};
const sink = async (callId: string, attempt: number, report: CarrierReport) =>
  void reports.push({ callId, attempt, report, at: Date.now() });
const request = (overrides: Partial<DialRequest> = {}): DialRequest => ({
  callId: "00000000-0000-4000-8000-000000000001",
  attempt: 1,
  idempotencyKey: "00000000-0000-4000-8000-000000000001:1",
  to: "+15557654321",
  from: null,
  agent: { id: "00000000-0000-4000-8000-0000000000bb", systemPrompt: "p", voice: null, language: null, voicemailAction: "hangup" },
  maxTalkSeconds: 60,
  conversation: { simulatedCallee: { answers: { day: "monday" } } },
  ...overrides,
});
const until = async <T>(what: () => T | undefined | null | false, ms = 5_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const value = what();
    if (value) return value;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
const ended = (callId = request().callId) => until(() => reports.find((r) => r.callId === callId && r.report.kind === "ended"));

beforeEach(async () => {
  streams = [];
  reports = [];
  synthesized = [];
  server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  mediaUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/media`;
  server.on("connection", (ws) => {
    const stream = { ws, received: [] as Message[] };
    streams.push(stream);
    ws.on("message", (data) => stream.received.push(JSON.parse(data.toString()) as Message));
  });
});
afterEach(async () => {
  for (const { ws } of streams) ws.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const simulator = (media = true) =>
  createSimulator({
    ringSeconds: 0.01,
    talkSeconds: 0.05,
    report: sink,
    logger,
    ...(media ? { media: { url: mediaUrl, tokenKey: KEY, voice } } : {}),
  });

describe("the simulator with the voice service's media endpoint", () => {
  it("answers, opens a stream as Twilio does with the call's own token, and ends completed with the talk time when the agent hangs up", async () => {
    const sim = simulator();
    await sim.dial(request());
    const stream = await until(() => streams[0]?.received.find((m) => m.event === "start") && streams[0]);
    const start = stream.received.find((m) => m.event === "start");
    const { call_id, attempt, token } = start?.start?.customParameters ?? {};
    expect([call_id, attempt]).toEqual([request().callId, "1"]);
    const check = verifyMediaStreamToken(KEY, token ?? "", new Date());
    expect(check).toMatchObject({ ok: true, claim: { callId: request().callId, attempt: 1 } });
    expect(reports.map((r) => r.report.kind)).toEqual(["answered"]);
    // The callee speaks its script: every sentence synthesized before the answer.
    expect(synthesized).toEqual(expect.arrayContaining(["hello?", "it is monday", "yes", "no"]));
    await until(() => stream.received.filter((m) => m.event === "media").length >= 20);
    const answeredAt = reports[0]?.at ?? 0;
    stream.ws.close(1000);
    const end = await ended();
    expect(end.report).toMatchObject({ kind: "ended", outcome: "completed", detail: null });
    const talk = (end.report as { talkSeconds: number }).talkSeconds;
    expect(talk).toBeGreaterThanOrEqual(0.3);
    expect(talk).toBeLessThanOrEqual((end.at - answeredAt) / 1000 + 0.01);
    expect(sim.liveCalls()).toBe(0);
  });

  it("on the opt-out number, answers with a callee who says the opt-out sentence; the disposition is the voice service's to report", async () => {
    await simulator().dial(request({ to: "+15550000005", conversation: { simulatedCallee: { silent: true } } }));
    const stream = await until(() => streams[0]);
    expect(synthesized).toContain("please stop calling me");
    stream.ws.close(1000);
    expect((await ended()).report).toMatchObject({ outcome: "completed" });
  });

  it("on the voicemail number, answers, then sends a machine verdict through the sink a moment later; the agent's hang-up ends it", async () => {
    await simulator().dial(request({ to: "+15550000004" }));
    const stream = await until(() => streams[0]?.received.find((m) => m.event === "start") && streams[0]);
    const verdict = await until(() => reports.find((r) => r.report.kind === "machine"));
    expect(verdict.report).toEqual({ kind: "machine", answeredBy: "machine_end_beep" });
    const answeredAt = reports.find((r) => r.report.kind === "answered")?.at ?? 0;
    expect(verdict.at - answeredAt).toBeGreaterThanOrEqual(900);
    // The machine says nothing the agent would take for an answer.
    expect(synthesized).not.toContain("it is monday");
    stream.ws.close(1000);
    expect((await ended()).report).toMatchObject({ outcome: "completed" });
  });

  it("hangs up at the call's talk limit: stop, then the socket closes", async () => {
    await simulator().dial(request({ maxTalkSeconds: 0.4 }));
    const end = await ended();
    expect(end.report).toMatchObject({ outcome: "completed", talkSeconds: 0.4 });
    await until(() => streams[0]?.received.at(-1)?.event === "stop");
  });

  it("ends the call as the carrier would when the voice service refuses the stream or is not there", async () => {
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server = new WebSocketServer({ port: 0, host: "127.0.0.1", verifyClient: (_info, done) => done(false, 403) });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const refused = createSimulator({
      ringSeconds: 0.01,
      talkSeconds: 30,
      report: sink,
      logger,
      media: { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/media`, tokenKey: KEY, voice },
    });
    await refused.dial(request());
    expect((await ended()).report).toMatchObject({ outcome: "completed" });
    const down = createSimulator({
      ringSeconds: 0.01,
      talkSeconds: 30,
      report: sink,
      logger,
      media: { url: `ws://127.0.0.1:${port}/media`, tokenKey: KEY, voice },
    });
    const other = "00000000-0000-4000-8000-000000000002";
    await down.dial(request({ callId: other, idempotencyKey: `${other}:1` }));
    const end = await ended(other);
    expect(end.report).toMatchObject({ outcome: "completed" });
    expect((end.report as { talkSeconds: number }).talkSeconds).toBeLessThan(2);
  });

  it("on a cancel, hangs up the stream and reports the cancel once", async () => {
    const sim = simulator();
    const { carrierCallId } = await sim.dial(request());
    const stream = await until(() => streams[0]?.received.find((m) => m.event === "start") && streams[0]);
    await sim.hangup(carrierCallId);
    await until(() => stream.received.at(-1)?.event === "stop");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reports.filter((r) => r.report.kind === "ended").map((r) => r.report)).toEqual([
      expect.objectContaining({ outcome: "canceled", detail: "hung up: the call was canceled" }),
    ]);
  });

  it("keeps its timers for a call without a conversation, and without a media endpoint", async () => {
    await simulator().dial(request({ conversation: null }));
    expect((await ended()).report).toEqual({ kind: "ended", outcome: "completed", talkSeconds: 0.05, detail: null });
    const other = "00000000-0000-4000-8000-000000000003";
    await simulator(false).dial(request({ callId: other, to: "+15550000005" }));
    expect((await ended(other)).report).toEqual({ kind: "ended", outcome: "opt_out", talkSeconds: 0.05, detail: null });
    expect(streams).toEqual([]);
  });

  it("drops live streams unreported when it closes (the process dies with them)", async () => {
    const sim = simulator();
    await sim.dial(request());
    const stream = await until(() => streams[0]?.received.find((m) => m.event === "start") && streams[0]);
    await sim.close(0);
    await until(() => stream.ws.readyState === stream.ws.CLOSED);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reports.filter((r) => r.report.kind === "ended")).toEqual([]);
    expect(sim.liveCalls()).toBe(1);
  });
});
