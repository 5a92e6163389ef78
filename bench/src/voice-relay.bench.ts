// What the voice service adds between Twilio and a realtime provider, at BENCH_CALLS (default 50)
// concurrent calls: the service runs as its own process (its built dist/main.js) with agents on the
// openai-realtime engine, against the OpenAI Realtime stand-in (services/voice/test), which answers
// at once, in a process of its own (relay/provider.ts); another process plays Twilio for every call
// with a bare Media Streams client (relay/twilio-clients.ts). With the provider's speech engines
// stood in for, it is also the runtime's own cost per 20 ms frame. Each latency is a stamp taken in
// one process subtracted from one taken in another, on the machine's monotonic clock (relay/clock.ts);
// inbound frames carry their own send time in their μ-law bytes.
//
//   inbound    a Twilio frame sent → the same frame appended at the provider (frames carry their send
//              time in their μ-law bytes, which the service passes through untouched)
//   outbound   a reply's audio sent by the provider → its first frame at Twilio (every reply's audio
//              starts with the provider's send time, read off that frame)
//   barge-in   the provider's input_audio_buffer.speech_started → Twilio's clear
//   CPU        the service's CPU over the steady phase, per call, and the calls one instance holds at
//              half a core
// Baseline, in the same run: the same client process sending the same frames straight to a bare
// WebSocket server in a process of its own (one hop, no service), frame sent → frame received.
//
// Usage (after pnpm build; Kafka and S3Proxy up): pnpm --filter @voxbridge/bench bench:relay
import { type ChildProcess, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createKafka, createLogger, createProducer } from "@voxbridge/kit";
import { cpuSeconds } from "./procfs";
import { type Arrivals, type ClientsReport, clockMs, type ServerReport } from "./relay/clock";
import { LatencySamples } from "./stats";
import { BROKERS, startVoiceProcess } from "./voice-process";

const CALLS = Number(process.env.BENCH_CALLS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/** The calls open spread over this many ms (0, the default: all at once, every call in phase). */
const STAGGER_MS = Number(process.env.BENCH_STAGGER_MS ?? 0);
const KEY = "bench-realtime-key";
const log = (line: string) => process.stderr.write(`[bench:relay] ${line}\n`);

/** A child of this benchmark (tsx's loader passes on through execArgv), and its next message of a type. */
const child = (file: string, args: string[] = []) =>
  fork(path.join(__dirname, "relay", file), args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const next = <T extends { type: string }, K extends T["type"]>(proc: ChildProcess, type: K) =>
  new Promise<Extract<T, { type: K }>>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench:relay's ${type} never came (the child exited with ${code})`));
    const onMessage = (message: T) => {
      if (message.type !== type) return;
      proc.off("message", onMessage);
      proc.off("exit", onExit);
      resolve(message as Extract<T, { type: K }>);
    };
    proc.on("message", onMessage);
    proc.once("exit", onExit);
  });

/** The frames' latencies, those sent from `from` on (the shared clock's milliseconds). */
function latencies(inbound: Arrivals, from = Number.NEGATIVE_INFINITY): LatencySamples {
  const samples = new LatencySamples(10_000_000);
  inbound.stamps.forEach((stamp, i) => {
    if (stamp >= from) samples.record((inbound.arrivals[i] ?? 0) - stamp);
  });
  return samples;
}

/** The bare one-hop baseline: the Twilio clients' process straight to a bare WebSocket server's process, 10 s. */
async function baseline(): Promise<LatencySamples> {
  const server = child("provider.ts", ["bare"]);
  const { url } = await next<ServerReport, "listening">(server, "listening");
  const clients = child("twilio-clients.ts");
  clients.send({ url, callIds: Array.from({ length: CALLS }, () => randomUUID()), seconds: 10 });
  await next<ClientsReport, "done">(clients, "done");
  clients.kill();
  server.send("report");
  const { inbound } = await next<ServerReport, "arrivals">(server, "arrivals");
  server.kill();
  return latencies(inbound);
}

async function main() {
  const standin = child("provider.ts", ["standin", KEY, String(CALLS)]);
  const { url: standinUrl, apiUrl } = await next<ServerReport, "listening">(standin, "listening");
  const voice = await startVoiceProcess({ OPENAI_API_KEY: KEY, OPENAI_REALTIME_URL: standinUrl, OPENAI_API_URL: apiUrl });
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
    const clients = child("twilio-clients.ts");
    let cpuBefore = 0;
    clients.once("message", (message: ClientsReport) => {
      if (message.type === "steady") cpuBefore = cpuSeconds(pid);
    });
    const done = next<ClientsReport, "done">(clients, "done");
    clients.send({ url: `ws://127.0.0.1:${port}/media`, callIds: calls.map((c) => c.callId), seconds: SECONDS, staggerMs: STAGGER_MS });
    const { results, steadyFrom, sentSinceSteady } = await done;
    clients.kill();
    const cpu = cpuSeconds(pid) - cpuBefore;
    const steadySeconds = Math.max(1e-9, (clockMs() - steadyFrom) / 1000);
    standin.send("report");
    const arrivals = await next<ServerReport, "arrivals">(standin, "arrivals");
    // Frames sent once every call was talking.
    const inbound = latencies(arrivals.inbound, steadyFrom);
    // Every frame's stamp and arrival, to see where in the run the slow ones are.
    if (process.env.BENCH_RELAY_DUMP) writeFileSync(process.env.BENCH_RELAY_DUMP, JSON.stringify({ steadyFrom, ...arrivals.inbound }));
    const speechStarted = new Map(arrivals.speechStarted);
    const outbound = new LatencySamples(100_000);
    const openings = new LatencySamples(10_000);
    const barge = new LatencySamples(10_000);
    const bargeFromVoice = new LatencySamples(10_000);
    // "You are bench relay call 1." names call 1, not call 10.
    const sessionOf = (marker: string) => [...speechStarted.keys()].find((s) => s.includes(`You are ${marker}.`));
    for (const r of results) {
      for (const latency of r.replies) outbound.record(latency);
      if (r.replies[0] !== undefined) openings.record(r.replies[0]);
      const marker = calls.find((c) => c.callId === r.callId)?.marker ?? "";
      const session = sessionOf(marker);
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
    const first = openings.summary();
    const g = barge.summary();
    const v = bargeFromVoice.summary();
    const rows = [
      [
        `inbound relay: Twilio frame to the provider's append (${i.samples} of ${sentSinceSteady} frames sent in the steady phase)`,
        `p50 ${ms(i.p50)}, p99 ${ms(i.p99)}; bare one-hop baseline p50 ${ms(b.p50)}, p99 ${ms(b.p99)} (p99 ratio ${((i.p99 ?? 0) / Math.max(1e-9, b.p99 ?? 0)).toFixed(1)})`,
        "p99 ≤ 5 ms (issue 30); ≤ 2 ms per frame (issue 29)",
        (i.p99 ?? Number.POSITIVE_INFINITY) <= 5 ? "met (30)" : "NOT met",
      ],
      [
        `outbound relay: a reply's audio sent by the provider to its first frame at Twilio (${o.samples} replies, ${first.samples} of them the calls' first)`,
        `p50 ${ms(o.p50)}, p99 ${ms(o.p99)}; the calls' first replies alone p50 ${ms(first.p50)}, p99 ${ms(first.p99)}`,
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
        `voice relay: ${CALLS} concurrent calls on the openai-realtime engine against the stand-in (answers at once), ${STAGGER_MS > 0 ? `opened over ${STAGGER_MS} ms` : "all opened at once"}; published voice-to-voice figures for context: Vapi 500–800 ms, Retell about 600 ms (ours below is only what our relay adds)`,
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
    standin.kill();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
