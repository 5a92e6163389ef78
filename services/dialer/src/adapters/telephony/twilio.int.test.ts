import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createHttpApp,
  createLogger,
  createMetricsRegistry,
  currentTraceId,
  finishHttpApp,
  inSpan,
  listen,
  traceIdOf,
} from "@voxbridge/kit";
import { request } from "undici";
import { CarrierOutcomeUnknownError, type CarrierReport, type CarrierReportSink, type DialRequest } from "../../app/ports";
import { twilioSignature } from "../../domain/twilio";
import { createTwilio } from "./twilio";

const SID = "AC00000000000000000000000000000001";
const TOKEN = "test-auth-token";
const logger = createLogger({ service: "test", level: "silent" });
const mediaToken = (callId: string, attempt: number) => `v1.${callId}.${attempt}.9999999999.signature`;

type Seen = { method: string; url: string; headers: IncomingMessage["headers"]; form: URLSearchParams };

/** A stand-in for api.twilio.com that records every request and answers like Twilio. */
async function fakeTwilio(answer: (seen: Seen) => { status: number; body: unknown }) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    req.on("end", () => {
      const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, form: new URLSearchParams(text) };
      seen.push(entry);
      const { status, body } = answer(entry);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((r) => server.close(r)) };
}

const DIAL_TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

const dial: DialRequest = {
  callId: "00000000-0000-4000-8000-0000000000aa",
  attempt: 2,
  idempotencyKey: "00000000-0000-4000-8000-0000000000aa:2",
  to: "+14155550100",
  from: "+14155550199",
  agent: {
    id: "00000000-0000-4000-8000-0000000000bb",
    // A 20,000-character prompt: the TwiML must not carry it (Twilio's Twiml field holds 4,000).
    systemPrompt: `Hello <Ada> & co. ${"Ask about the booking, politely. ".repeat(700)}`.slice(0, 20_000),
    voice: "alloy",
    language: "en-US",
    voicemailAction: "hangup",
  },
  maxTalkSeconds: 90,
  conversation: null,
};

const publicUrl = "https://dialer.example.com";

/** The adapter's callback routes on a server of their own (Twilio reaches them at `publicUrl`), reporting to `sink`. */
async function callbackServer(sink: CarrierReportSink) {
  const adapter = createTwilio({
    accountSid: SID,
    authToken: TOKEN,
    apiBaseUrl: "http://127.0.0.1:9",
    publicUrl,
    agentStreamUrl: "wss://a.example.com",
    defaultFrom: null,
    mediaToken,
    logger,
  });
  const app = createHttpApp({ logger, metrics: createMetricsRegistry("test"), readiness: [] });
  adapter.routes?.(app, sink);
  finishHttpApp(app, logger);
  const server = await listen(app, 0);
  return { server, local: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("Twilio adapter against a local Twilio stand-in", () => {
  it("creates the call with To, From, a slim media-stream TwiML, a status callback, async AMD, TimeLimit and basic auth", async () => {
    const twilio = await fakeTwilio(() => ({ status: 201, body: { sid: "CA123", status: "queued" } }));
    try {
      const adapter = createTwilio({
        accountSid: SID,
        authToken: TOKEN,
        apiBaseUrl: twilio.url,
        publicUrl: "https://dialer.example.com",
        agentStreamUrl: "wss://agent.example.com/s",
        defaultFrom: null,
        mediaToken,
        logger,
      });
      // Inside the dial's span, but with tracing off: no traceparent is handed to Twilio.
      expect(await inSpan("dial", { parent: DIAL_TRACE }, () => adapter.dial(dial))).toEqual({ carrierCallId: "CA123" });
      const [sent] = twilio.seen;
      expect(sent?.method).toBe("POST");
      expect(sent?.url).toBe(`/2010-04-01/Accounts/${SID}/Calls.json`);
      expect(sent?.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`);
      expect(sent?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(sent?.form.get("To")).toBe("+14155550100");
      expect(sent?.form.get("From")).toBe("+14155550199");
      expect(sent?.form.get("TimeLimit")).toBe("90");
      expect(sent?.form.get("StatusCallback")).toBe(`https://dialer.example.com/twilio/status?call_id=${dial.callId}&attempt=2`);
      expect(sent?.form.getAll("StatusCallbackEvent")).toEqual(["initiated", "ringing", "answered", "completed"]);
      expect(sent?.form.get("MachineDetection")).toBe("DetectMessageEnd");
      expect(sent?.form.get("AsyncAmd")).toBe("true");
      expect(sent?.form.get("AsyncAmdStatusCallback")).toBe(`https://dialer.example.com/twilio/amd?call_id=${dial.callId}&attempt=2`);
      expect(sent?.form.get("AsyncAmdStatusCallbackMethod")).toBe("POST");
      const twiml = sent?.form.get("Twiml") ?? "";
      expect(dial.agent.systemPrompt).toHaveLength(20_000);
      expect(twiml.length).toBeLessThan(4_000);
      expect(twiml).toBe(
        '<Response><Connect><Stream url="wss://agent.example.com/s">' +
          `<Parameter name="call_id" value="${dial.callId}"/><Parameter name="attempt" value="2"/>` +
          `<Parameter name="token" value="${mediaToken(dial.callId, 2)}"/></Stream></Connect></Response>`,
      );
    } finally {
      await twilio.close();
    }
  });

  it("treats a 4xx as a refusal (not retryable), a 429 or a refused connection as a carrier error, a 5xx as an unknown outcome; hangs up by call sid", async () => {
    let status = 400;
    const twilio = await fakeTwilio(() => ({ status, body: { code: 21211, message: "Invalid 'To' Phone Number" } }));
    try {
      const adapter = createTwilio({
        accountSid: SID,
        authToken: TOKEN,
        apiBaseUrl: twilio.url,
        publicUrl: "https://d.example.com",
        agentStreamUrl: "wss://a.example.com",
        defaultFrom: null,
        mediaToken,
        logger,
      });
      await expect(adapter.dial(dial)).rejects.toMatchObject({ retryable: false, message: expect.stringContaining("Invalid 'To'") });
      // A 5xx may come after Twilio placed the call: its outcome is unknown, reconciled before any redial.
      status = 503;
      await expect(adapter.dial(dial)).rejects.toBeInstanceOf(CarrierOutcomeUnknownError);
      // A 429 is refused before anything was placed: a carrier error, retried as a new attempt.
      status = 429;
      await expect(adapter.dial(dial)).rejects.toMatchObject({ retryable: true });
      await expect(adapter.dial({ ...dial, from: null })).rejects.toMatchObject({ retryable: false });
      // Nothing listening: the create never left, so it is a plain carrier error, not an unknown outcome.
      const unreachable = createTwilio({
        accountSid: SID,
        authToken: TOKEN,
        apiBaseUrl: "http://127.0.0.1:9",
        publicUrl: "https://d.example.com",
        agentStreamUrl: "wss://a.example.com",
        defaultFrom: null,
        mediaToken,
        logger,
      });
      const refused = await unreachable.dial(dial).catch((error: unknown) => error);
      expect(refused).not.toBeInstanceOf(CarrierOutcomeUnknownError);
      expect(refused).toMatchObject({ retryable: true });
      status = 200;
      await adapter.hangup("CA999");
      const last = twilio.seen.at(-1);
      expect(last?.url).toBe(`/2010-04-01/Accounts/${SID}/Calls/CA999.json`);
      expect(last?.form.get("Status")).toBe("completed");
    } finally {
      await twilio.close();
    }
  });

  it("accepts status callbacks only with a valid X-Twilio-Signature and maps them onto reports", async () => {
    const reports: [string, number, CarrierReport][] = [];
    const { server, local } = await callbackServer(async (callId, attempt, report) => void reports.push([callId, attempt, report]));
    const path = `/twilio/status?call_id=${dial.callId}&attempt=2`;
    const send = (params: Record<string, string>, signature: string | undefined) =>
      request(`${local}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...(signature ? { "x-twilio-signature": signature } : {}) },
        body: new URLSearchParams(params).toString(),
      });
    try {
      const completed = { CallSid: "CA123", CallStatus: "completed", CallDuration: "42", AccountSid: SID };
      expect((await send(completed, twilioSignature(TOKEN, `${publicUrl}${path}`, completed))).statusCode).toBe(204);
      expect(reports).toEqual([
        [dial.callId, 2, { kind: "ended", outcome: "completed", talkSeconds: 42, detail: null, carrierCallId: "CA123" }],
      ]);

      expect((await send(completed, undefined)).statusCode).toBe(401);
      expect(
        (await send({ ...completed, CallDuration: "4200" }, twilioSignature(TOKEN, `${publicUrl}${path}`, completed))).statusCode,
      ).toBe(401);
      expect((await send(completed, twilioSignature("other-token", `${publicUrl}${path}`, completed))).statusCode).toBe(401);
      expect(reports).toHaveLength(1);

      const queued = { CallSid: "CA123", CallStatus: "queued" };
      expect((await send(queued, twilioSignature(TOKEN, `${publicUrl}${path}`, queued))).statusCode).toBe(204);
      expect(reports).toHaveLength(1);

      // The asynchronous answering machine verdict: signed the same way, at its own path.
      const amdPath = `/twilio/amd?call_id=${dial.callId}&attempt=2`;
      const amd = { CallSid: "CA123", AccountSid: SID, AnsweredBy: "machine_end_beep", MachineDetectionDuration: "4210" };
      const sendAmd = (signature: string | undefined) =>
        request(`${local}${amdPath}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", ...(signature ? { "x-twilio-signature": signature } : {}) },
          body: new URLSearchParams(amd).toString(),
        });
      expect((await sendAmd(twilioSignature(TOKEN, `${publicUrl}${path}`, amd))).statusCode).toBe(401);
      expect((await sendAmd(undefined)).statusCode).toBe(401);
      expect(reports).toHaveLength(1);
      expect((await sendAmd(twilioSignature(TOKEN, `${publicUrl}${amdPath}`, amd))).statusCode).toBe(204);
      expect(reports[1]).toEqual([dial.callId, 2, { kind: "machine", answeredBy: "machine_end_beep", carrierCallId: "CA123" }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("handles a callback in the dial's trace when its signed URL names one, and in the request's own when it is missing or malformed", async () => {
    const traces: (string | undefined)[] = [];
    const { server, local } = await callbackServer(async () => void traces.push(currentTraceId()));
    const ringing = { CallSid: "CA123", CallStatus: "ringing", AccountSid: SID };
    const send = async (traceparent: string | null) => {
      const path = `/twilio/status?call_id=${dial.callId}&attempt=2${traceparent === null ? "" : `&traceparent=${encodeURIComponent(traceparent)}`}`;
      const response = await request(`${local}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilioSignature(TOKEN, `${publicUrl}${path}`, ringing),
        },
        body: new URLSearchParams(ringing).toString(),
      });
      await response.body.dump();
      return { status: response.statusCode, requestTrace: traceIdOf(String(response.headers.traceparent)) };
    };
    try {
      const joined = await send(DIAL_TRACE);
      expect(joined.status).toBe(204);
      expect(traces.at(-1)).toBe(traceIdOf(DIAL_TRACE));
      expect(joined.requestTrace).not.toBe(traceIdOf(DIAL_TRACE));
      for (const bad of [null, "", "garbage", `00-${"0".repeat(32)}-00f067aa0ba902b7-01`, `${DIAL_TRACE}-extra`]) {
        const fallback = await send(bad);
        expect([bad, fallback.status, traces.at(-1)]).toEqual([bad, 204, fallback.requestTrace]);
      }
      expect(traces).toHaveLength(6);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
