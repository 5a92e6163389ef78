import { voiceSignalPath } from "@voxbridge/contracts";
import { AppError, traceHeader } from "@voxbridge/kit";
import { request } from "undici";
import type { VoiceControls } from "../app/ports";

/**
 * The voice service's internal API for live conversations (`POST …/attempts/{attempt}/signals`,
 * with the dialer's service credential). Whichever voice instance the load balancer picks stores the
 * signal and wakes the one holding the stream (docs/voice.md, "Signals for a live call").
 */
export function createVoiceControls(options: { baseUrl: string; token: string; timeoutMs: number }): VoiceControls {
  const base = options.baseUrl.replace(/\/$/, "");
  return {
    async signal(callId, attempt, signal) {
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(`${base}${voiceSignalPath(callId, attempt)}`, {
          method: "POST",
          headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json", ...traceHeader() },
          body: JSON.stringify({ signal }),
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
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
