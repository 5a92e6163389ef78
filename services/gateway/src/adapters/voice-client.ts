import { voiceRecordingPath } from "@voxbridge/contracts";
import { AppError, traceHeader } from "@voxbridge/kit";
import { Pool } from "undici";
import type { VoiceRecordings } from "../app/ports";

const unavailable = (cause: unknown) =>
  new AppError("dependency_unavailable", "Recordings are unavailable right now; try again", { cause, retryable: true });

/**
 * The voice service's internal recording API over a keep-alive pool, with the service credential.
 * `service` null: no voice service is configured (production without VOICE_URL), so every call is
 * a 503. A 302 is passed on as a redirect (a short-lived signed object-store URL), never followed,
 * so the audio does not cross the gateway twice.
 */
export function createVoiceClient(service: { url: string; token: string } | null): VoiceRecordings & { close: () => Promise<void> } {
  if (service === null) {
    const refuse = () => Promise.reject(unavailable(new Error("VOICE_URL is not set")));
    return { fetch: refuse, delete: refuse, close: async () => undefined };
  }
  // Headers quickly; the body may be a long WAV, streamed as the partner reads it.
  const pool = new Pool(service.url, { connections: 16, headersTimeout: 5_000, bodyTimeout: 30_000 });
  const headers = () => ({ authorization: `Bearer ${service.token}`, ...traceHeader() });
  const request = async (method: "GET" | "DELETE", callId: string) => {
    try {
      return await pool.request({ method, path: voiceRecordingPath(callId), headers: headers() });
    } catch (error) {
      throw unavailable(error);
    }
  };
  const unexpected = async (response: Awaited<ReturnType<typeof request>>) => {
    const text = await response.body.text().catch(() => "");
    return unavailable(new Error(`voice answered ${response.statusCode}: ${text.slice(0, 200)}`));
  };

  return {
    async fetch(callId) {
      const response = await request("GET", callId);
      if (response.statusCode === 404) {
        await response.body.dump();
        return null;
      }
      if (response.statusCode === 302 || response.statusCode === 307) {
        const location = response.headers.location;
        await response.body.dump();
        if (typeof location !== "string" || location === "") throw unavailable(new Error("voice redirected without a location"));
        return { kind: "redirect", location };
      }
      if (response.statusCode !== 200) throw await unexpected(response);
      const type = response.headers["content-type"];
      const length = Number(response.headers["content-length"]);
      return {
        kind: "audio",
        contentType: typeof type === "string" ? type : "audio/wav",
        contentLength: Number.isFinite(length) ? length : null,
        body: response.body,
      };
    },
    async delete(callId) {
      const response = await request("DELETE", callId);
      if (response.statusCode === 204 || response.statusCode === 404 || response.statusCode === 200) {
        await response.body.dump();
        return;
      }
      throw await unexpected(response);
    },
    close: () => pool.close(),
  };
}
