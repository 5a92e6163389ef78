import {
  baseEnvShape,
  LOCAL_MEDIA_TOKEN_KEY,
  loadConfigOrExit,
  localDefault,
  localServiceTokens,
  parseConfig,
  serviceTokensOf,
} from "@voxbridge/kit";
import { z } from "zod";
import { LINE_CMN_INIT } from "./adapters/speech/pocketsphinx-recognizer";
import { VOICE_CALLERS } from "./http/callers";

const voiceEnv = {
  ...baseEnvShape,
  /** Media Streams WebSocket (`/media`), health, readiness and the internal recording API. */
  VOICE_PORT: z.coerce.number().int().min(0).max(65535).default(8084),
  /** Management port: /healthz, /readyz and Prometheus /metrics (never served on VOICE_PORT). */
  MANAGEMENT_PORT: z.coerce.number().int().min(0).max(65535).default(9084),
  /** Callers of the internal API and their tokens: `gateway=…,operator=…` (docs/deployment.md). */
  INTERNAL_API_TOKENS: localDefault(z.string().default(localServiceTokens(VOICE_CALLERS)).pipe(serviceTokensOf(VOICE_CALLERS))),
  VOICE_GROUP_ID: z.string().min(1).default("voice"),
  /**
   * The HMAC key of the per-call media stream token, shared with whoever opens streams (the dialer's
   * Twilio adapter and simulator). At least 32 characters.
   */
  MEDIA_TOKEN_KEY: localDefault(z.string().min(32).default(LOCAL_MEDIA_TOKEN_KEY)),
  /** With Twilio configured: its auth token, and the public wss:// URL of `/media` Twilio signs. */
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  VOICE_PUBLIC_MEDIA_URL: z.string().url().optional(),
  /** How long a stream for a call whose agent is not known yet waits for the event before ending with an agent error. */
  VOICE_AGENT_WAIT_MS: z.coerce.number().int().positive().default(5_000),
  /** Largest WebSocket message taken; a media frame is about 250 bytes. */
  VOICE_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1024),
  /** The agent's local voice: a flite voice (rms, slt, kal, awb), or `espeak-ng:<voice>`. */
  VOICE_TTS_VOICE: z.string().min(1).default("slt"),
  /** The recognizer's starting cepstral mean on this line (comma-separated; measured: docs/voice.md). */
  VOICE_ASR_CMN_INIT: z.string().default(LINE_CMN_INIT),
  /** Seconds without any speech after a question before it counts as not answered. */
  VOICE_ANSWER_TIMEOUT_SECONDS: z.coerce.number().positive().default(6),
  /** S3 API of the recording store: endpoint (empty for AWS itself), region, bucket, credentials. */
  S3_ENDPOINT: localDefault(z.string().default("http://127.0.0.1:9000")),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_BUCKET: z.string().min(3).default("voxbridge-recordings"),
  S3_ACCESS_KEY_ID: localDefault(z.string().min(1).default("voxbridge-local")),
  S3_SECRET_ACCESS_KEY: localDefault(z.string().min(1).default("voxbridge-local-secret")),
  /** Seconds between upload attempts of a recording the store refused; after the last, it is marked failed (log + metric). */
  RECORDING_UPLOAD_RETRY_SECONDS: z.coerce.number().positive().default(30),
  RECORDING_UPLOAD_MAX_ATTEMPTS: z.coerce.number().int().positive().default(120),
  /** Seconds a signed recording URL is valid. */
  RECORDING_URL_TTL_SECONDS: z.coerce.number().int().positive().default(300),
  /**
   * Days a conversation (turns, answers) and its recording are kept after the call ended; the
   * gateway keeps its copy of the transcript as long (set both to the same value). A bucket the
   * service creates gets a lifecycle rule of the same age.
   */
  TRANSCRIPT_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /**
   * The realtime provider (`engine: "openai-realtime"`): its API key (a secret, never logged; unset:
   * agents on that engine end with an agent error, and the gateway's VOICE_ENGINES must not list it),
   * the Realtime WebSocket URL, the model, the voice when the agent names none of the provider's, the
   * input transcription model, and the provider's session limit (the call closes politely a minute before).
   */
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_REALTIME_URL: z.string().url().default("wss://api.openai.com/v1/realtime"),
  /** The realtime model of agents that name none (an agent's `model` comes with its call). */
  OPENAI_REALTIME_MODEL: z.string().min(1).default("gpt-realtime"),
  OPENAI_REALTIME_VOICE: z.string().min(1).default("marin"),
  OPENAI_TRANSCRIPTION_MODEL: z.string().min(1).default("gpt-4o-mini-transcribe"),
  OPENAI_REALTIME_SESSION_SECONDS: z.coerce.number().int().min(120).default(3_600),
  /** The REST API of the post-call extraction pass (Chat Completions with a JSON-schema output), and its model. */
  OPENAI_API_URL: z.string().url().default("https://api.openai.com/v1"),
  OPENAI_EXTRACTION_MODEL: z.string().min(1).default("gpt-4o-mini"),
};

export type VoiceConfig = ReturnType<typeof loadVoiceConfig>;
export const loadVoiceConfig = (env: Record<string, string | undefined>) => parseConfig(voiceEnv, env);
export const loadVoiceConfigOrExit = () => loadConfigOrExit(voiceEnv, process.env);
