import { voiceSignalPath } from "@voxbridge/contracts";
import { AppError, LOCAL_SERVICE_TOKEN, traceHeader } from "@voxbridge/kit";
import { request } from "undici";
import type { VoiceControls } from "../app/conversation-ports";
import type { DialerConfig } from "../config";

/**
 * The voice service's internal API for live conversations (`POST …/attempts/{attempt}/signals`,
 * with the dialer's service credential). Whichever voice instance the load balancer picks stores the
 * signal and wakes the one holding the stream (docs/voice.md, "Signals for a live call").
 */
export function createVoiceControls(config: Pick<DialerConfig, "NODE_ENV" | "VOICE_URL" | "VOICE_API_TOKEN">): VoiceControls | null {
  // The local voice service in development; in production none until VOICE_URL and its token are set.
  const local = config.NODE_ENV !== "production";
  const url = config.VOICE_URL ?? (local ? "http://127.0.0.1:8084" : undefined);
  const token = config.VOICE_API_TOKEN ?? (local ? LOCAL_SERVICE_TOKEN : undefined);
  if (!url || !token) return null;
  const base = url.replace(/\/$/, "");
  const timeoutMs = 2_000;
  return {
    async signal(callId, attempt, signal) {
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(`${base}${voiceSignalPath(callId, attempt)}`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...traceHeader() },
          body: JSON.stringify({ signal }),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
      } catch (error) {
        throw new AppError(
          "dependency_unavailable",
          `voice service unreachable: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      await response.body.dump();
      if (response.statusCode !== 202)
        throw new AppError("dependency_unavailable", `voice service answered ${response.statusCode} to a signal`);
    },
  };
}
