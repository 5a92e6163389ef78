import { MinuteHoldResponse } from "@voxbridge/contracts";
import { AppError } from "@voxbridge/kit";
import { Pool } from "undici";
import type { MinuteHolds } from "../app/ports";

/** MinuteHolds over the quota service's internal HTTP API (keep-alive pool, short timeouts). */
export function createQuotaClient(baseUrl: string): MinuteHolds & { close: () => Promise<void> } {
  const pool = new Pool(baseUrl, { connections: 32, pipelining: 1, headersTimeout: 5_000, bodyTimeout: 5_000 });
  const unavailable = (cause: unknown) =>
    new AppError("dependency_unavailable", "Minute accounting is unavailable; try again", { cause, retryable: true });

  const post = async (path: string, body: unknown) => {
    try {
      return await pool.request({ method: "POST", path, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    } catch (error) {
      throw unavailable(error);
    }
  };

  return {
    async hold(orgId, callId) {
      const response = await post("/internal/v1/holds", { org_id: orgId, call_id: callId });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw unavailable(new Error(`quota answered ${response.statusCode}: ${text.slice(0, 200)}`));
      return MinuteHoldResponse.parse(JSON.parse(text)).granted;
    },
    async release(orgId, callId) {
      const response = await post(`/internal/v1/holds/${encodeURIComponent(callId)}/release`, { org_id: orgId });
      await response.body.dump();
      if (response.statusCode >= 300) throw unavailable(new Error(`quota answered ${response.statusCode}`));
    },
    close: () => pool.close(),
  };
}
