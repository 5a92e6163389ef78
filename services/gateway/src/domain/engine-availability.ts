import type { VoiceEngine } from "@voxbridge/contracts";

/**
 * An agent may name only an engine the deployment can run: `local` always, a realtime provider only
 * when the deployment holds its credentials (VOICE_ENGINES). The reason to refuse, or null.
 */
export function engineRefusal(engine: VoiceEngine, available: readonly VoiceEngine[]): string | null {
  if (engine === "local" || available.includes(engine)) return null;
  return `this deployment has no credentials for ${engine}; available: ${["local", ...available.filter((name) => name !== "local")].join(", ")}`;
}
