// What the voice service adds between Twilio and a realtime provider, at BENCH_CALLS (default 50)
// concurrent calls: the service runs as its own process (its built dist/main.js) with agents on the
// openai-realtime engine, against the OpenAI Realtime stand-in (services/voice/test), which answers
// at once; this process plays Twilio for every call with a bare Media Streams client. With the
// provider's speech engines stood in for, it is also the runtime's own cost per 20 ms frame.
//
//   inbound    a Twilio frame sent → the same frame appended at the provider (frames carry a sequence
//              number in their μ-law bytes, which the service passes through untouched)
//   outbound   the provider's first audio of a reply → the first agent frame at Twilio
//   barge-in   the provider's input_audio_buffer.speech_started → Twilio's clear
//   CPU        the service's CPU over the steady phase, per call, and the calls one instance holds at
//              half a core
// Baseline, in the same run: the same clients sending the same frames straight to a bare WebSocket
// server in this process (one hop, no service), frame sent → frame received.
//
// Usage (after pnpm build; Kafka and S3Proxy up): pnpm --filter @voxbridge/bench bench:relay
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createKafka, createLogger, createProducer, LOCAL_MEDIA_TOKEN_KEY, mintMediaStreamToken } from "@voxbridge/kit";
import { WebSocket, WebSocketServer } from "ws";
import { startRealtimeStandin } from "../../services/voice/test/openai-realtime-standin";
import { cpuSeconds } from "./procfs";
import { LatencySamples } from "./stats";
import { BROKERS, startVoiceProcess } from "./voice-process";

const CALLS = Number(process.env.BENCH_CALLS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const KEY = "bench-realtime-key";
const FRAME = 160;
const log = (line: string) => process.stderr.write(`[bench:relay] ${line}\n`);

/** A frame carrying `seq` in its first four bytes (quiet μ-law codes 0xF0–0xFF), loud or near-silent after them. */
function taggedFrame(seq: number, loud: boolean): Buffer {
  const frame = Buffer.alloc(FRAME, 0xff);
  for (let i = 0; i < 4; i++) frame[i] = 0xf0 | ((seq >> (4 * i)) & 0xf);
  if (loud) for (let i = 4; i < FRAME; i++) frame[i] = i % 2 === 0 ? 0x00 : 0x80;
  return frame;
}
const tagOf = (frame: Buffer) => {
  let seq = 0;
  for (let i = 0; i < 4; i++) {
    const byte = frame[i] ?? 0;
    if ((byte & 0xf0) !== 0xf0) return null;
    seq |= (byte & 0xf) << (4 * i);
  }
  return seq;
};

/** Frames sent by all clients, by global sequence number: when each left. */
const sentAt = new Map<number, number>();
let nextSeq = 1;

/**
 * One call as Twilio plays it: `start` with the call's token, a frame every 20 ms (catching up after
 * a late timer), a burst of loud frames while the agent's greeting plays (a barge-in), `stop` after
 * `seconds`. Resolves with when its first agent frame and its clear arrived.
 */
function twilioCall(url: string, callId: string, seconds: number, onFirst: () => void) {
  const ws = new WebSocket(url);
  const result = { firstAgentFrameAt: 0, clearAt: 0, agentFrames: 0, loudAt: 0 };
  let sent = 0;
  let loudFrom = Number.POSITIVE_INFINITY;
  let opened = 0;
  let timer: NodeJS.Timeout | undefined;
  const streamSid = `MZ${randomUUID().replace(/-/g, "")}`;
  ws.on("open", () => {
    opened = performance.now();
    ws.send(JSON.stringify({ event: "connected", protocol: "Call", version: "1.0.0" }));
    const token = mintMediaStreamToken(LOCAL_MEDIA_TOKEN_KEY, { callId, attempt: 1 }, new Date());
    ws.send(
      JSON.stringify({
        event: "start",
        sequenceNumber: "1",
        streamSid,
        start: {
          streamSid,
          accountSid: "ACbench",
          callSid: `CA${randomUUID().replace(/-/g, "")}`,
          tracks: ["inbound"],
          customParameters: { call_id: callId, attempt: "1", token },
          mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
        },
      }),
    );
    timer = setInterval(() => {
      const due = Math.floor((performance.now() - opened) / 20) + 1;
      while (sent < due && ws.readyState === WebSocket.OPEN) {
        const seq = nextSeq++;
        const loud = sent >= loudFrom && sent < loudFrom + 10;
        if (loud && result.loudAt === 0) result.loudAt = performance.now();
        const payload = taggedFrame(seq, loud).toString("base64");
        sentAt.set(seq, performance.now());
        ws.send(
          JSON.stringify({
            event: "media",
            streamSid,
            media: { track: "inbound", chunk: String(sent + 1), timestamp: String(sent * 20), payload },
          }),
        );
        sent++;
      }
      if (sent >= seconds * 50) {
        clearInterval(timer);
        ws.send(JSON.stringify({ event: "stop", streamSid, stop: { accountSid: "ACbench", callSid: "CAbench" } }));
        ws.close(1000);
      }
    }, 20);
  });
  ws.on("message", (data) => {
    const message = JSON.parse(data.toString()) as { event?: string; mark?: { name?: string } };
    if (message.event === "media") {
      result.agentFrames++;
      if (result.firstAgentFrameAt === 0) {
        result.firstAgentFrameAt = performance.now();
        onFirst();
        // Talk over the greeting half a second into it.
        loudFrom = sent + 25;
      }
    } else if (message.event === "clear" && result.clearAt === 0) result.clearAt = performance.now();
    else if (message.event === "mark" && message.mark?.name) ws.send(JSON.stringify({ event: "mark", streamSid, mark: message.mark }));
  });
  const ended = new Promise<typeof result>((resolve) =>
    ws.once("close", () => {
      clearInterval(timer);
      resolve(result);
    }),
  );
  ws.on("error", () => undefined);
  return ended;
}

async function baseline(): Promise<LatencySamples> {
  const samples = new LatencySamples(1_000_000);
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await once(wss, "listening");
  wss.on("connection", (ws) =>
    ws.on("message", (data) => {
      const message = JSON.parse(data.toString()) as { event?: string; media?: { payload: string } };
      if (message.event !== "media" || !message.media) return;
      const seq = tagOf(Buffer.from(message.media.payload, "base64"));
      const at = seq === null ? undefined : sentAt.get(seq);
      if (seq !== null && at !== undefined) samples.record(performance.now() - at);
    }),
  );
  const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/media`;
  await Promise.all(Array.from({ length: CALLS }, () => twilioCall(url, randomUUID(), 10, () => undefined)));
  wss.close();
  return samples;
}

async function main() {
  const standin = await startRealtimeStandin({ apiKey: KEY });
  standin.state.keepEvents = false;
  const voice = await startVoiceProcess({ OPENAI_API_KEY: KEY, OPENAI_REALTIME_URL: standin.url, OPENAI_API_URL: standin.apiUrl });
  const { port, pid, topic } = voice;
  const kafka = createKafka({
    clientId: "bench-relay",
    brokers: BROKERS.split(","),
    logger: createLogger({ service: "bench", level: "silent" }),
  });
  const producer = createProducer(kafka);
  try {
    await producer.connect();

    log(`baseline: ${CALLS} clients straight to a bare WebSocket server, 10 s`);
    const bare = await baseline();
    sentAt.clear();

    // Every frame's arrival at the provider; each reply's first audio and each speech_started there.
    const inbound = new LatencySamples(10_000_000);
    let measuring = false;
    standin.state.onAppend = (audio) => {
      const seq = tagOf(audio);
      const at = seq === null ? undefined : sentAt.get(seq);
      if (measuring && seq !== null && at !== undefined) inbound.record(performance.now() - at);
      if (seq !== null) sentAt.delete(seq);
    };
    const firstAudio = new Map<string, number>();
    const speechStarted = new Map<string, number>();
    standin.state.onFirstAudio = (session) => {
      if (!firstAudio.has(session)) firstAudio.set(session, performance.now());
    };
    standin.state.onSpeechStarted = (session) => {
      if (!speechStarted.has(session)) speechStarted.set(session, performance.now());
    };
    // The model's greeting: long enough to be talked over (60 ms a character).
    standin.state.turns = Array.from({ length: CALLS * 4 }, () => ({
      say: "Hello, this is the clinic calling about your visit next week.",
    }));

    const calls = Array.from({ length: CALLS }, (_, i) => ({ callId: randomUUID(), orgId: randomUUID(), marker: `bench relay call ${i}` }));
    for (const call of calls)
      await producer.send({
        topic,
        messages: [
          {
            key: call.callId,
            headers: { ce_type: "call.queued" },
            value: JSON.stringify({
              specversion: "1.0",
              id: randomUUID(),
              source: "bench",
              type: "call.queued",
              subject: call.callId,
              time: new Date().toISOString(),
              datacontenttype: "application/json",
              data: {
                org_id: call.orgId,
                webhook_url: null,
                conversation: {
                  agent_id: randomUUID(),
                  system_prompt: `You are ${call.marker}.`,
                  first_message: null,
                  voicemail_message: null,
                  voice: null,
                  language: "en-US",
                  answer_schema: null,
                  record: true,
                  recording_disclosure: "This call is recorded.",
                  max_duration_seconds: 600,
                  engine: "openai-realtime",
                  simulated_callee: null,
                },
              },
            }),
          },
        ],
      });
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    log(`relay: ${CALLS} calls for ${SECONDS} s`);
    let cpuBefore = 0;
    let steadyFrom = 0;
    let started = 0;
    const results = await Promise.all(
      calls.map((call) =>
        twilioCall(`ws://127.0.0.1:${port}/media`, call.callId, SECONDS, () => {
          if (++started === CALLS) {
            // Every call is talking: the steady phase starts now.
            measuring = true;
            cpuBefore = cpuSeconds(pid);
            steadyFrom = performance.now();
          }
        }).then((r) => ({ ...r, marker: call.marker })),
      ),
    );
    const cpu = cpuSeconds(pid) - cpuBefore;
    const steadySeconds = Math.max(1e-9, (performance.now() - steadyFrom) / 1000);
    const outbound = new LatencySamples(10_000);
    const barge = new LatencySamples(10_000);
    const bargeFromVoice = new LatencySamples(10_000);
    const sessionOf = (marker: string) => [...firstAudio.keys()].find((s) => s.includes(marker));
    for (const r of results) {
      const session = sessionOf(r.marker);
      const audioAt = session ? firstAudio.get(session) : undefined;
      if (audioAt !== undefined && r.firstAgentFrameAt > 0) outbound.record(r.firstAgentFrameAt - audioAt);
      const speechAt = session ? speechStarted.get(session) : undefined;
      // The service may clear on its own voice detection before the provider's event arrives: 0 then.
      if (speechAt !== undefined && r.clearAt > 0) barge.record(Math.max(0, r.clearAt - speechAt));
      if (r.loudAt > 0 && r.clearAt > r.loudAt) bargeFromVoice.record(r.clearAt - r.loudAt);
    }
    const share = cpu / steadySeconds / CALLS;
    const ms = (v: number | null) => (v === null ? "n/a" : `${v.toFixed(2)} ms`);
    const b = bare.summary();
    const i = inbound.summary();
    const o = outbound.summary();
    const g = barge.summary();
    const v = bargeFromVoice.summary();
    const rows = [
      [
        `inbound relay: Twilio frame to the provider's append (${i.samples} frames)`,
        `p50 ${ms(i.p50)}, p99 ${ms(i.p99)}; bare one-hop baseline p50 ${ms(b.p50)}, p99 ${ms(b.p99)} (p99 ratio ${((i.p99 ?? 0) / Math.max(1e-9, b.p99 ?? 0)).toFixed(1)})`,
        "p99 ≤ 5 ms (issue 30); ≤ 2 ms per frame (issue 29)",
        (i.p99 ?? Number.POSITIVE_INFINITY) <= 5 ? "met (30)" : "NOT met",
      ],
      [
        `outbound relay: provider's first audio to Twilio's first frame (${o.samples} replies)`,
        `p50 ${ms(o.p50)}, p99 ${ms(o.p99)}`,
        "p99 ≤ 5 ms",
        (o.p99 ?? Number.POSITIVE_INFINITY) <= 5 ? "met" : "NOT met",
      ],
      [
        `barge-in: the provider's speech_started to Twilio's clear (${g.samples} calls; 0 when the service's own detection cleared first)`,
        `p50 ${ms(g.p50)}, p99 ${ms(g.p99)}; from the callee's first voiced frame: p50 ${ms(v.p50)}, p99 ${ms(v.p99)}`,
        "p99 ≤ 20 ms",
        (g.p99 ?? Number.POSITIVE_INFINITY) <= 20 ? "met" : "NOT met",
      ],
      [
        `relay CPU per concurrent call (${CALLS} calls, ${steadySeconds.toFixed(0)} s steady)`,
        `${(share * 100).toFixed(2)} % of a core`,
        "≤ 0.5 % of a core",
        share <= 0.005 ? "met" : "NOT met",
      ],
      [
        "calls one instance holds at 50 % of a core",
        `${(0.5 / Math.max(1e-9, share)).toFixed(0)}`,
        "report; goal ≥ 100",
        0.5 / share >= 100 ? "met" : "NOT met",
      ],
    ];
    process.stdout.write(
      [
        `voice relay: ${CALLS} concurrent calls on the openai-realtime engine against the stand-in (answers at once); published voice-to-voice figures for context: Vapi 500–800 ms, Retell about 600 ms (ours below is only what our relay adds)`,
        "",
        "| figure | measured | target | |",
        "| --- | --- | --- | --- |",
        ...rows.map((r) => `| ${r.join(" | ")} |`),
        "",
      ].join("\n"),
    );
  } finally {
    await producer.disconnect().catch(() => undefined);
    await voice.stop();
    await standin.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
