import { MinuteHoldResponse, UsageOut } from "@voxbridge/contracts";
import { AppError, traceHeader } from "@voxbridge/kit";
import { Pool } from "undici";
import type { MinuteHolds } from "../app/ports";

/** MinuteHolds over the quota service's internal HTTP API (keep-alive pool, short timeouts). */
export function createQuotaClient(baseUrl: string, token: string): MinuteHolds & { close: () => Promise<void> } {
  const pool = new Pool(baseUrl, { connections: 32, pipelining: 1, headersTimeout: 5_000, bodyTimeout: 5_000 });
  const unavailable = (cause: unknown) =>
    new AppError("dependency_unavailable", "Minute accounting is unavailable; try again", { cause, retryable: true });

  const call = async (method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; text: string }> => {
    try {
      const response = await pool.request({
        method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          ...traceHeader(),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.statusCode, text: await response.body.text() };
    } catch (error) {
      throw unavailable(error);
    }
  };
  const expectOk = (response: { status: number; text: string }, ok: number) => {
    if (response.status !== ok) throw unavailable(new Error(`quota answered ${response.status}: ${response.text.slice(0, 200)}`));
    return response.text;
  };

  return {
    async hold(orgId, callId) {
      const text = expectOk(await call("POST", "/internal/v1/holds", { org_id: orgId, call_id: callId }), 200);
      const answer = MinuteHoldResponse.parse(JSON.parse(text));
      return { granted: answer.granted, talkSecondsAllowed: answer.talk_seconds_allowed ?? null };
    },
    async release(orgId, callId) {
      expectOk(await call("POST", `/internal/v1/holds/${encodeURIComponent(callId)}/release`, { org_id: orgId }), 204);
    },
    async usage(orgId) {
      const text = expectOk(await call("GET", `/internal/v1/orgs/${encodeURIComponent(orgId)}/usage`), 200);
      return UsageOut.parse(JSON.parse(text));
    },
    close: () => pool.close(),
  };
}
