import type { VoiceEngine } from "@voxbridge/contracts";

/**
 * An agent may name only an engine the deployment can run: `local` always, a realtime provider only
 * when the deployment holds its credentials (VOICE_ENGINES). The reason to refuse, or null.
 */
export function engineRefusal(engine: VoiceEngine, available: readonly VoiceEngine[]): string | null {
  if (engine === "local" || available.includes(engine)) return null;
  return `this deployment has no credentials for ${engine}; available: ${["local", ...available.filter((name) => name !== "local")].join(", ")}`;
}

/**
 * An agent may name only a realtime model the deployment offers (OPENAI_REALTIME_MODELS): the
 * deployment's provider account pays for the minutes. The reason to refuse, or null.
 */
export function modelRefusal(model: string, offered: readonly string[]): string | null {
  if (offered.includes(model)) return null;
  return `this deployment offers no model ${model}; available: ${offered.join(", ") || "none"}`;
}

/**
 * A call on a realtime engine cannot outlast the provider's session: an agent there may last at most
 * `limitSeconds` (the session limit less the minute its closing line takes). The reason to refuse, or null.
 */
export function durationRefusal(engine: VoiceEngine, maxDurationSeconds: number, limitSeconds: number): string | null {
  if (engine === "local" || maxDurationSeconds <= limitSeconds) return null;
  return `at most ${limitSeconds} seconds on ${engine} (the provider's session limit, less a minute for the agent's closing line); got ${maxDurationSeconds}`;
}
