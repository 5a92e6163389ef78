import { MinuteAllowanceOut } from "@voxbridge/contracts";
import { type Logger, traceHeader } from "@voxbridge/kit";
import { request } from "undici";
import type { TalkAllowance } from "../app/ports";

/**
 * Asks quota how long a call may talk (GET /internal/v1/orgs/{org_id}/allowance). Any failure
 * (down, slow, unexpected answer) means "unknown": the call is capped by its agent alone, because
 * an outage of quota must not stop calls the gateway already accepted (and held minutes for).
 */
export function createQuotaAllowance(options: { baseUrl: string; token: string; timeoutMs: number; logger: Logger }): TalkAllowance {
  return {
    async talkSecondsAllowed(orgId, callId) {
      try {
        const url = `${options.baseUrl}/internal/v1/orgs/${encodeURIComponent(orgId)}/allowance?call_id=${encodeURIComponent(callId)}`;
        const response = await request(url, {
          headers: { authorization: `Bearer ${options.token}`, ...traceHeader() },
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
        });
        const body: unknown = await response.body.json();
        if (response.statusCode !== 200) {
          options.logger.warn({ orgId, status: response.statusCode }, "quota allowance unavailable; no cap");
          return null;
        }
        return MinuteAllowanceOut.parse(body).talk_seconds_allowed;
      } catch (error) {
        options.logger.warn({ err: error, orgId }, "quota allowance unreachable; no cap");
        return null;
      }
    },
  };
}
