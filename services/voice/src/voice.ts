import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import {
  CallAnalyzedData,
  type CallAnalyzedEvent,
  ConversationEndedData,
  type ConversationEndedEvent,
  newCallDataEvent,
  realtimeCallLimitSeconds,
} from "@voxbridge/contracts";
import {
  createCoalescedRunner,
  createCounter,
  createListener,
  createLogger,
  createMetricsRegistry,
  createOutboxRelay,
  createPool,
  type Retention,
  type RunningWorker,
  startKafkaWorker,
  startPeriodic,
  startRetention,
} from "@voxbridge/kit";
import { createLocalSynthesizer, type TtsVoice } from "@voxbridge/speech/flite";
import { Gauge, Histogram } from "prom-client";
import { validateRequest } from "twilio/lib/webhooks/webhooks";
import { createAnswerValidator } from "./adapters/answer-validator";
import { decodeVoiceCallEvent } from "./adapters/call-events";
import { createCallStore } from "./adapters/call-store";
import { createLocalCascade } from "./adapters/engines/local-cascade";
import { extractAnswers, missingRequired } from "./adapters/engines/openai-extraction";
import { createOpenAiRealtime } from "./adapters/engines/openai-realtime";
import { providerVoice } from "./adapters/engines/openai-realtime-protocol";
import { unavailableEngine } from "./adapters/engines/unavailable";
import { attachMediaStreams } from "./adapters/media/twilio-media-streams";
import { createObjectStore } from "./adapters/object-store";
import { createVoicePrisma, VOICE_SCHEMA } from "./adapters/prisma";
import { expireRecordings, RECORDING_PREFIX, voiceRetentionRules } from "./adapters/retention-rules";
import { createSignalStore, SIGNALS_CHANNEL } from "./adapters/signal-store";
import { createPocketsphinxRecognizers } from "./adapters/speech/pocketsphinx-recognizer";
import { runAnalysisPass } from "./app/analysis-and-uploads";
import type { ConversationSession, SessionEnd } from "./app/conversation-session";
import { learnCallEvent } from "./app/learn-call-events";
import { createLiveSignals } from "./app/live-signals";
import type { Answers } from "./app/ports";
import { takeMediaStream } from "./app/take-media-stream";
import type { VoiceConfig } from "./config";
import { type CallAgent, scriptOf } from "./domain/call-agent";
import type { EngineEvents } from "./domain/conversation-engine";

export type RunningVoice = RunningWorker & {
  logger: ReturnType<typeof createLogger>;
  /** Runs the upload and analysis pass now (tests, and after a conversation ends). */
  runAnalysisPass: () => Promise<void>;
  liveConversations: () => number;
  retention: Retention;
};

/** The media path every stream takes: `wss://<host>/media`. */
export const MEDIA_PATH = "/media";

/** Starts the voice service: learns calls' agents from events, holds conversations on Media Streams, stores recordings, announces `call.analyzed`. */
export async function startVoice(
  config: VoiceConfig,
  logger = createLogger({ service: "voice", level: config.LOG_LEVEL }),
): Promise<RunningVoice> {
  const clock = () => new Date();
  const prisma = createVoicePrisma(config.DATABASE_URL, config.DB_POOL_SIZE, logger);
  // The relay's publisher and LISTEN, and the signals' LISTEN.
  const relayPool = createPool(config.DATABASE_URL, {
    max: 3,
    applicationName: "voice-outbox",
    settings: [`search_path=${VOICE_SCHEMA}`],
    logger,
  });
  const metrics = createMetricsRegistry("voice", config);
  const streams = createCounter(metrics, {
    name: "voxbridge_voice_streams_total",
    help: "Media streams by how their conversation ended",
    labelNames: ["outcome"],
  });
  const refused = createCounter(metrics, {
    name: "voxbridge_voice_streams_refused_total",
    help: "Media streams or messages refused, by reason",
    labelNames: ["reason"],
  });
  const uploads = createCounter(metrics, {
    name: "voxbridge_voice_recording_uploads_total",
    help: "Recording uploads by result: stored, retry, gave_up",
    labelNames: ["result"],
  });
  for (const result of ["stored", "retry", "gave_up"]) uploads.inc({ result }, 0);
  const analyzed = createCounter(metrics, {
    name: "voxbridge_voice_call_analyzed_total",
    help: "call.analyzed events written to the outbox",
  });
  const bargeIn = new Histogram({
    name: "voxbridge_voice_barge_in_seconds",
    help: "From the callee's first voiced frame to `clear` sent",
    buckets: [0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.5],
    registers: [metrics],
  });
  const replyLatency = new Histogram({
    name: "voxbridge_voice_reply_latency_seconds",
    help: "Local cascade: from the end of the callee's speech to the agent's reply being ready to play",
    buckets: [0.2, 0.4, 0.6, 0.8, 1, 1.5, 2, 3, 5],
    registers: [metrics],
  });
  const providerSeconds = createCounter(metrics, {
    name: "voxbridge_voice_provider_seconds_total",
    help: "Seconds of realtime provider sessions (billed by the provider), by org and engine",
    labelNames: ["org_id", "engine"],
  });
  const extractions = createCounter(metrics, {
    name: "voxbridge_voice_answer_extractions_total",
    help: "Post-call extraction passes over a realtime call's transcript, by result: filled, nothing, failed",
    labelNames: ["result"],
  });
  for (const result of ["filled", "nothing", "failed"]) extractions.inc({ result }, 0);
  const live = new Set<ConversationSession>();
  new Gauge({
    name: "voxbridge_voice_conversations_active",
    help: "Conversations held by this instance",
    registers: [metrics],
    collect() {
      this.set(live.size);
    },
  });

  const recordings = createObjectStore({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    bucket: config.S3_BUCKET,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
  });
  // The store being down never stops the service: recordings wait in Postgres until it is back.
  recordings
    .ensureBucket()
    .then(async ({ created }) => {
      // Only a bucket of the service's own gets its lifecycle rule: setting one replaces the bucket's
      // whole lifecycle configuration, which on a platform's bucket is the platform's (docs/voice.md).
      if (!created) return;
      const rule = await recordings.expireAfter(RECORDING_PREFIX, config.TRANSCRIPT_RETENTION_DAYS);
      logger.info({ rule, days: config.TRANSCRIPT_RETENTION_DAYS }, "recording bucket created; lifecycle rule for recordings");
    })
    .catch((error: unknown) => logger.warn({ err: error }, "recording bucket not reachable at start; uploads retry"));

  let topic = "";
  const outboxRow = (event: CallAnalyzedEvent | ConversationEndedEvent) => ({ id: event.id, topic, key: event.subject, payload: event });
  // The recordings' bytes, in and out (createCallStore says why not through Prisma).
  const recordingPool = createPool(config.DATABASE_URL, {
    max: 2,
    applicationName: "voice-recordings",
    settings: [`search_path=${VOICE_SCHEMA}`],
    logger,
  });
  const calls = createCallStore(prisma, recordingPool, {
    // In the call's trace: the gateway's, webhooks' and dialer's handling of them joins it.
    analyzed: (data, traceparent) =>
      outboxRow(
        newCallDataEvent<CallAnalyzedEvent>("call.analyzed", "voice", CallAnalyzedData.parse(data), {
          id: randomUUID(),
          time: clock(),
          traceparent: traceparent ?? undefined,
        }),
      ),
    conversationEnded: (data, traceparent) =>
      outboxRow(
        newCallDataEvent<ConversationEndedEvent>("call.conversation_ended", "voice", ConversationEndedData.parse(data), {
          id: randomUUID(),
          time: clock(),
          traceparent: traceparent ?? undefined,
        }),
      ),
  });

  const signals = createSignalStore(prisma);
  const liveSignals = createLiveSignals({ signals, onError: (error) => logger.warn({ err: error }, "delivering signals failed") });
  // A signal stored by any instance wakes every instance; the one holding the stream acts on it.
  const signalListener = createListener({
    pool: relayPool,
    channel: SIGNALS_CHANNEL,
    onNotification: liveSignals.wake,
    logger,
    name: "live-call signals",
  });
  await signalListener.start();

  let stopped = false;
  const analysisRunner = createCoalescedRunner({
    isStopped: () => stopped,
    onError: (error) => {
      logger.error({ err: error }, "analysis pass failed");
      return false;
    },
    pass: () =>
      runAnalysisPass({
        calls,
        recordings,
        clock,
        staleAfterMs: 10_000,
        retryAfterMs: config.RECORDING_UPLOAD_RETRY_SECONDS * 1000,
        maxUploadAttempts: config.RECORDING_UPLOAD_MAX_ATTEMPTS,
        observe: {
          analyzed: () => analyzed.inc(),
          upload: (result, context) => {
            uploads.inc({ result });
            if (result === "retry") logger.warn(context, "recording upload failed; retrying later");
            if (result === "gave_up") logger.error(context, "recording upload failed for good; the call keeps no recording");
          },
          error: (error, message) => logger.error({ err: error }, message),
        },
      }),
  });
  // Woken when a conversation ends or a call's terminal event arrives; the timer retries uploads and catches the rest.
  const analysis = startPeriodic({
    name: "voice analysis and uploads",
    intervalMs: 2_000,
    logger,
    task: () => {
      analysisRunner.wake();
      return analysisRunner.idle();
    },
  });
  const analyze = () => analysisRunner.wake();

  const synthesizer = createLocalSynthesizer(ttsVoiceOf(config.VOICE_TTS_VOICE));
  const recognizers = createPocketsphinxRecognizers({
    defaultCmnInit: config.VOICE_ASR_CMN_INIT || null,
    onError: (error) => logger.warn({ err: error }, "recognizer failed"),
  });
  const validator = createAnswerValidator();
  let draining = false;

  const worker = await startKafkaWorker({
    service: "voice",
    groupId: config.VOICE_GROUP_ID,
    kafka: config,
    port: config.VOICE_PORT,
    managementPort: config.MANAGEMENT_PORT,
    logger,
    metrics,
    readiness: [{ name: "postgres", check: async () => void (await prisma.$queryRaw`SELECT 1`) }],
    topics: (names) => [names.callEvents],
    eventTypes: ["call.queued", "call.updated", "call.completed", "call.failed", "call.canceled"],
    handle: async ({ message }) => learnCallEvent({ calls, analyze }, decodeVoiceCallEvent(message.value)),
    routes: (app) =>
      app.use(internalApi({ calls, recordings, signals, urlTtlSeconds: config.RECORDING_URL_TTL_SECONDS }, config.INTERNAL_API_TOKENS)),
    closeStores: [
      { name: "conversations", run: () => drain() },
      { name: "signals", run: async () => void (await Promise.all([signalListener.stop(), liveSignals.stop()])) },
      { name: "media streams", run: () => media.close() },
      {
        name: "analysis",
        run: async () => {
          stopped = true;
          await analysis.stop();
          await analysisRunner.idle();
        },
      },
      { name: "outbox relay", run: () => relay.stop() },
      { name: "retention", run: () => retention.stop() },
      { name: "object store", run: async () => recordings.close() },
      { name: "postgres", run: async () => void (await Promise.all([prisma.$disconnect(), relayPool.end(), recordingPool.end()])) },
    ],
  });
  topic = worker.topics.callEvents;

  const relay = createOutboxRelay({
    pool: relayPool,
    schema: VOICE_SCHEMA,
    producer: worker.producer,
    topicFor: (t) => t,
    logger,
    metrics,
  });
  await relay.start();
  // The recordings' own deletion, whether or not the bucket has a lifecycle rule (S3Proxy has none).
  const retention = startRetention({
    pool: relayPool,
    schema: VOICE_SCHEMA,
    rules: voiceRetentionRules(config.RETENTION_DAYS, config.TRANSCRIPT_RETENTION_DAYS),
    before: expireRecordings(recordings, config.TRANSCRIPT_RETENTION_DAYS, logger),
    intervalSeconds: config.RETENTION_INTERVAL_SECONDS,
    logger,
    metrics,
  });

  const verifyUpgrade = (request: IncomingMessage) => {
    if (!config.TWILIO_AUTH_TOKEN || !config.VOICE_PUBLIC_MEDIA_URL) return true;
    const signature = request.headers["x-twilio-signature"];
    if (typeof signature !== "string") return false;
    const query = new URL(request.url ?? "/", "http://localhost").search;
    return validateRequest(config.TWILIO_AUTH_TOKEN, signature, `${config.VOICE_PUBLIC_MEDIA_URL}${query}`, {});
  };

  const media = attachMediaStreams({
    server: worker.server,
    path: MEDIA_PATH,
    maxMessageBytes: config.VOICE_MAX_MESSAGE_BYTES,
    logger,
    verifyUpgrade,
    accepting: () => !draining,
    onRefused: (reason) => refused.inc({ reason }),
    onStart: (stream) =>
      takeMediaStream(
        {
          calls,
          mediaTokenKey: config.MEDIA_TOKEN_KEY,
          clock,
          agentWaitMs: config.VOICE_AGENT_WAIT_MS,
          engineFor: (agent, events, call) =>
            agent.engine === "openai-realtime"
              ? realtimeEngine(agent, events, call.orgId)
              : createLocalCascade(
                  {
                    script: scriptOf(agent),
                    synthesizer,
                    recognizers,
                    answerTimeoutMs: config.VOICE_ANSWER_TIMEOUT_SECONDS * 1000,
                    onReplyReady: () => undefined,
                  },
                  events,
                ),
          validAnswers: (agent, answers) => validator.keep(agent.answerSchema, answers),
          completeAnswers: (agent, end) => completeAnswers(agent, end),
          analyze,
          observe: {
            streamStarted: () => undefined,
            streamEnded: (outcome) => streams.inc({ outcome }),
            bargeIn: (ms) => bargeIn.observe(ms / 1000),
            error: (context, message) => logger.warn(context, message),
          },
          live,
          signals: liveSignals,
        },
        stream,
      ),
  });

  const realtimeEngine = (agent: CallAgent, events: EngineEvents, orgId: string) => {
    if (!config.OPENAI_API_KEY)
      return unavailableEngine("openai-realtime is not configured on this deployment (OPENAI_API_KEY is not set)", events);
    const script = scriptOf(agent);
    const opening = [script.disclosure, script.firstMessage].filter(Boolean).join(" ");
    return createOpenAiRealtime(
      {
        url: config.OPENAI_REALTIME_URL,
        apiKey: config.OPENAI_API_KEY,
        agent: {
          instructions: agent.systemPrompt,
          model: agent.model ?? config.OPENAI_REALTIME_MODEL,
          voice: providerVoice(agent.voice, config.OPENAI_REALTIME_VOICE),
          answerSchema: agent.answerSchema,
          transcriptionModel: config.OPENAI_TRANSCRIPTION_MODEL,
          language: agent.language,
        },
        opening: opening === "" ? null : opening,
        voicemailMessage: agent.voicemailMessage,
        validate: (answers) => validator.check(agent.answerSchema, answers),
        synthesize: (text) => synthesizer.synthesize(text),
        maxSessionMs: realtimeCallLimitSeconds(config.OPENAI_REALTIME_SESSION_SECONDS) * 1000,
        onUsage: (seconds) => providerSeconds.inc({ org_id: orgId, engine: "openai-realtime" }, seconds),
        onWarning: (message, context) => logger.warn(context ?? {}, message),
      },
      events,
    );
  };

  /** Required answers a realtime call left missing, read from its transcript once (never for a voicemail). */
  const completeAnswers = async (agent: CallAgent, end: SessionEnd): Promise<Answers | null> => {
    const missing = missingRequired(agent.answerSchema, end.answers);
    const calleeSpoke = end.turns.some((turn) => turn.speaker === "callee");
    if (agent.engine !== "openai-realtime" || !config.OPENAI_API_KEY || agent.answerSchema === null) return end.answers;
    if (missing.length === 0 || !calleeSpoke || end.outcome === "voicemail_left") return end.answers;
    try {
      const found = await extractAnswers({
        apiUrl: config.OPENAI_API_URL,
        apiKey: config.OPENAI_API_KEY,
        model: config.OPENAI_EXTRACTION_MODEL,
        schema: agent.answerSchema,
        missing,
        turns: end.turns,
      });
      const merged = validator.keep(agent.answerSchema, { ...found, ...(end.answers ?? {}) });
      const filled = Object.keys(merged ?? {}).length > Object.keys(end.answers ?? {}).length;
      extractions.inc({ result: filled ? "filled" : "nothing" });
      return filled ? merged : end.answers;
    } catch (error) {
      extractions.inc({ result: "failed" });
      logger.warn({ err: error }, "post-call answer extraction failed; the call keeps the answers it recorded");
      return end.answers;
    }
  };

  /** SIGTERM: no new streams; live conversations go on up to the shutdown grace, then end with an agent error. */
  const drain = async () => {
    draining = true;
    const deadline = Date.now() + Math.max(0, config.SHUTDOWN_TIMEOUT_MS - 3_000);
    while (live.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    for (const session of live) session.fail("the voice service shut down");
    analysisRunner.wake();
    await analysisRunner.idle();
  };

  void replyLatency;
  return {
    ...worker,
    logger,
    retention,
    runAnalysisPass: async () => {
      analysisRunner.wake();
      await analysisRunner.idle();
    },
    liveConversations: () => live.size,
  };
}

/** `VOICE_TTS_VOICE`: a flite voice name, or `espeak-ng:<voice>`. */
export function ttsVoiceOf(setting: string): TtsVoice {
  return setting.startsWith("espeak-ng:")
    ? { engine: "espeak-ng", voice: setting.slice("espeak-ng:".length) || "en-us" }
    : { engine: "flite", voice: setting };
}

import { internalApi } from "./http/internal-api";
