// The local cascade's conversation figures, measured on real audio: the voice service runs as its
// own process (its built dist/main.js, as up.sh runs it) on a scratch database, Kafka and S3Proxy;
// scripted callees (the sandbox callee, flite voice rms) talk to it over Twilio Media Streams, and
// their line timelines give the latencies. Printed as one table against the targets, with a bare
// baseline measured in the same run: what a reply costs at the least (the VAD's end-of-speech
// silence plus flite synthesizing the reply alone).
//
//   alone       BENCH_ALONE calls one after another, each interrupting the agent's first sentence
//               (barge-in samples), on an otherwise idle service: latencies and CPU per conversation
//   concurrent  BENCH_CALLS calls with mixed answers (a weekday, an integer 0-100, yes/no),
//               BENCH_CONCURRENCY at a time: accuracy, latencies under load, CPU per conversation,
//               and a call's end (its terminal event) to its call.analyzed
//
// Usage (after pnpm build; Kafka and S3Proxy up, as scripts/up.sh or scripts/test.sh leave them):
//   pnpm --filter @voxbridge/bench bench:voice
import { randomUUID } from "node:crypto";
import { createKafka, createLogger, createProducer, LOCAL_MEDIA_TOKEN_KEY, mintMediaStreamToken } from "@voxbridge/kit";
import { type CalleeRun, openCalleeStream, prepareCallee } from "@voxbridge/speech/callee";
import type { CalleeScript } from "@voxbridge/speech/callee-script";
import { createLocalSynthesizer } from "@voxbridge/speech/flite";
import { cpuSeconds } from "./procfs";
import { LatencySamples } from "./stats";
import { BROKERS, startVoiceProcess } from "./voice-process";

const ALONE = Number(process.env.BENCH_ALONE ?? 5);
const CALLS = Number(process.env.BENCH_CALLS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
/** The service's end-of-speech silence (DEFAULT_VAD.endFrames × 20 ms): a reply can never start sooner. */
const VAD_END_MS = 400;

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"];
const SCHEMA = {
  type: "object",
  properties: {
    day: { type: "string", enum: WEEKDAYS, description: "Which day suits you for the visit" },
    party_size: { type: "integer", description: "How many people will come" },
    reminder: { type: "boolean", description: "Do you want a reminder text" },
  },
  required: ["day", "party_size", "reminder"],
};
type Answers = { day: string; party_size: number; reminder: boolean };

const log = (line: string) => process.stderr.write(`[bench:voice] ${line}\n`);

/** A deterministic sequence, so every run asks the same things. */
function answersFor(call: number): Answers {
  let x = call * 7919 + 17;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
  return { day: WEEKDAYS[Math.floor(next() * WEEKDAYS.length)] ?? "monday", party_size: Math.floor(next() * 101), reminder: next() < 0.5 };
}

/** Cascade replies (the callee's speech end to the agent's next reply) and barge-ins (speech start during agent audio to `clear`). */
function latenciesOf(run: CalleeRun, replies: LatencySamples, bargeIns: LatencySamples): void {
  const events = run.timeline;
  for (const [i, event] of events.entries()) {
    const later = events.slice(i + 1);
    if (event.kind === "callee_speech_end") {
      const next = later.find((e) => e.kind === "agent_reply_start" || e.kind === "callee_speech_start");
      if (next?.kind === "agent_reply_start") replies.record(next.at - event.at);
    }
    if (event.kind === "callee_speech_start") {
      const clear = later.find((e) => e.kind === "clear" || e.kind === "callee_speech_end");
      if (clear?.kind === "clear") bargeIns.record(clear.at - event.at);
    }
  }
}

async function main() {
  const voice = await startVoiceProcess({});
  const { port, pid, prefix, topic } = voice;
  const kafka = createKafka({
    clientId: "bench-voice",
    brokers: BROKERS.split(","),
    logger: createLogger({ service: "bench", level: "silent" }),
  });
  const producer = createProducer(kafka);
  const consumer = kafka.consumer({ groupId: `${prefix}bench` });
  const analyzedAt = new Map<string, { at: number; answers: Record<string, unknown> | null }>();
  try {
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(message.value?.toString() ?? "{}") as {
          type?: string;
          subject?: string;
          data?: { structured_answers?: Record<string, unknown> | null };
        };
        if (event.type === "call.analyzed" && event.subject && !analyzedAt.has(event.subject))
          analyzedAt.set(event.subject, { at: performance.now(), answers: event.data?.structured_answers ?? null });
      },
    });

    const voiceOf = createLocalSynthesizer({ engine: "flite", voice: "rms" });
    const publish = (type: string, callId: string, orgId: string, data: Record<string, unknown> = {}) =>
      producer.send({
        topic,
        messages: [
          {
            key: callId,
            headers: { ce_type: type },
            value: JSON.stringify({
              specversion: "1.0",
              id: randomUUID(),
              source: "bench",
              type,
              subject: callId,
              time: new Date().toISOString(),
              datacontenttype: "application/json",
              data: { org_id: orgId, webhook_url: null, ...data },
            }),
          },
        ],
      });

    /** One scripted call: queued, talked, ended; what it measured. */
    const call = async (script: CalleeScript) => {
      const callId = randomUUID();
      const orgId = randomUUID();
      const callee = await prepareCallee(script, voiceOf);
      await publish("call.queued", callId, orgId, {
        conversation: {
          agent_id: randomUUID(),
          system_prompt: "You book visits.",
          first_message: "Hi, this is the clinic.",
          voicemail_message: "Please call the clinic back.",
          voice: null,
          language: "en-US",
          answer_schema: SCHEMA,
          record: true,
          recording_disclosure: "This call is recorded.",
          max_duration_seconds: 180,
          engine: "local",
          simulated_callee: null,
        },
      });
      const token = mintMediaStreamToken(LOCAL_MEDIA_TOKEN_KEY, { callId, attempt: 1 }, new Date());
      const run = await openCalleeStream({ url: `ws://127.0.0.1:${port}/media`, callId, attempt: 1, token, callee, maxFrames: 9_000 })
        .ended;
      const endedAt = performance.now();
      await publish("call.completed", callId, orgId);
      for (let i = 0; !analyzedAt.has(callId); i++) {
        if (i > 600) throw new Error(`no call.analyzed for ${callId}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const analyzed = analyzedAt.get(callId);
      return { run, analyzedMs: (analyzed?.at ?? endedAt) - endedAt, answers: analyzed?.answers ?? null };
    };

    // The bare baseline: flite synthesizing one reply sentence alone, the least a reply costs after the VAD's end.
    const synthesis = new LatencySamples(100);
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      await voiceOf.synthesize("Which day suits you for the visit?");
      synthesis.record(performance.now() - started);
    }
    const synthesisP50 = synthesis.summary().p50 ?? 0;

    log("warm-up call");
    await call({ answers: answersFor(0) });

    const phase = async (name: string, count: number, concurrency: number, scriptOf: (i: number) => CalleeScript) => {
      const replies = new LatencySamples(100_000);
      const bargeIns = new LatencySamples(100_000);
      const analyzed = new LatencySamples(100_000);
      let exact = 0;
      let asked = 0;
      let talkMs = 0;
      const cpuBefore = cpuSeconds(pid);
      const started = performance.now();
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < count; i = next++) {
          const script = scriptOf(i);
          const result = await call(script);
          talkMs += result.run.durationMs;
          latenciesOf(result.run, replies, bargeIns);
          analyzed.record(result.analyzedMs);
          for (const [property, value] of Object.entries(script.answers ?? {})) {
            asked++;
            if (result.answers?.[property] === value) exact++;
          }
          log(`${name}: call ${i + 1}/${count} ${(result.run.durationMs / 1000).toFixed(1)} s, answers ${JSON.stringify(result.answers)}`);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      // Recognizers exit when their stream ends; their CPU joins the service's once reaped.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const cpu = cpuSeconds(pid) - cpuBefore;
      const wallSeconds = (performance.now() - started) / 1000;
      return { name, count, concurrency, replies, bargeIns, analyzed, exact, asked, cpu, talkSeconds: talkMs / 1000, wallSeconds };
    };

    log(`alone: ${ALONE} calls, one at a time, each interrupting the agent`);
    const alone = await phase("alone", ALONE, 1, (i) => ({ answers: answersFor(1_000 + i), interrupts: true }));
    log(`concurrent: ${CALLS} calls, ${CONCURRENCY} at a time`);
    const concurrent = await phase("concurrent", CALLS, CONCURRENCY, (i) => ({ answers: answersFor(i + 1), interrupts: i % 4 === 0 }));

    const ms = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(0)} ms`);
    const p50 = (samples: LatencySamples) => samples.summary().p50;
    const p95 = (samples: LatencySamples) => samples.summary().p95;
    const cpuShare = (p: Awaited<ReturnType<typeof phase>>) => p.cpu / Math.max(1e-9, p.talkSeconds);
    const rows: string[][] = [];
    for (const p of [alone, concurrent]) {
      rows.push([
        `barge-in: callee's first voiced frame to clear (${p.name}, ${p.bargeIns.count} samples)`,
        `p50 ${ms(p50(p.bargeIns))}, p95 ${ms(p95(p.bargeIns))}`,
        "p95 ≤ 150 ms",
        (p95(p.bargeIns) ?? Number.POSITIVE_INFINITY) <= 150 ? "met" : "NOT met",
      ]);
      rows.push([
        `cascade: callee's speech end to the agent's first audio (${p.name}, ${p.replies.count} replies)`,
        `p50 ${ms(p50(p.replies))}, p95 ${ms(p95(p.replies))}; baseline ${ms(VAD_END_MS + synthesisP50)} (p50 ratio ${((p50(p.replies) ?? 0) / (VAD_END_MS + synthesisP50)).toFixed(2)})`,
        "p50 ≤ 800 ms, p95 ≤ 1.5 s",
        (p50(p.replies) ?? Number.POSITIVE_INFINITY) <= 800 && (p95(p.replies) ?? Number.POSITIVE_INFINITY) <= 1_500 ? "met" : "NOT met",
      ]);
      rows.push([
        `CPU per concurrent conversation (${p.name}, ${p.concurrency} at a time)`,
        `${(cpuShare(p) * 100).toFixed(1)} % of a core; ${(1 / Math.max(1e-9, cpuShare(p))).toFixed(1)} conversations per core`,
        "≤ 10 % each",
        cpuShare(p) <= 0.1 ? "met" : "NOT met",
      ]);
    }
    rows.push([
      `sandbox accuracy (${concurrent.count} scripted calls, ${concurrent.asked} answers)`,
      `${concurrent.exact}/${concurrent.asked} (${((100 * concurrent.exact) / Math.max(1, concurrent.asked)).toFixed(1)} %)`,
      "≥ 98 % exact",
      concurrent.exact / Math.max(1, concurrent.asked) >= 0.98 ? "met" : "NOT met",
    ]);
    rows.push([
      `a call's end to its call.analyzed (${concurrent.analyzed.count} calls)`,
      `p50 ${ms(p50(concurrent.analyzed))}, p95 ${ms(p95(concurrent.analyzed))}`,
      "p95 ≤ 2 s",
      (p95(concurrent.analyzed) ?? Number.POSITIVE_INFINITY) <= 2_000 ? "met" : "NOT met",
    ]);
    process.stdout.write(
      [
        `voice conversations: flite rms callee, local cascade; baseline flite synthesis of one reply p50 ${ms(synthesisP50)} + VAD end ${VAD_END_MS} ms`,
        "",
        "| figure | measured | target | |",
        "| --- | --- | --- | --- |",
        ...rows.map((r) => `| ${r.join(" | ")} |`),
        "",
      ].join("\n"),
    );
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await voice.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
