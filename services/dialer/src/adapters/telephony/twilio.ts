import { AppError, type Logger } from "@voxbridge/kit";
import express, { type Express } from "express";
import { request } from "undici";
import type { CarrierReportSink, DialRequest } from "../../app/ports";
import { reportOfTwilioStatus, verifyTwilioSignature } from "../../domain/twilio";
import type { ConfiguredTelephony } from "./index";

export type TwilioOptions = {
  accountSid: string;
  authToken: string;
  /** https://api.twilio.com, or a local stand-in in tests. */
  apiBaseUrl: string;
  /** This dialer's URL as Twilio reaches it; status callbacks go to {publicUrl}/twilio/status. */
  publicUrl: string;
  /** The agent's media stream the answered call connects to. */
  agentStreamUrl: string;
  defaultFrom: string | null;
  logger: Logger;
  timeoutMs?: number;
};

const xml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** TwiML that connects the answered call to the agent's media stream, with what the agent needs. */
function agentTwiml(streamUrl: string, dial: DialRequest): string {
  const parameters = {
    call_id: dial.callId,
    attempt: String(dial.attempt),
    agent_id: dial.agent.id,
    voice: dial.agent.voice ?? "",
    language: dial.agent.language ?? "",
    system_prompt: dial.agent.systemPrompt,
  };
  const params = Object.entries(parameters)
    .map(([name, value]) => `<Parameter name="${xml(name)}" value="${xml(value)}"/>`)
    .join("");
  return `<Response><Connect><Stream url="${xml(streamUrl)}">${params}</Stream></Connect></Response>`;
}

/**
 * Twilio Programmable Voice over its REST API (undici, basic auth). The call's end arrives later
 * as a signed status callback, at any dialer instance. Twilio has no idempotency key for creating
 * calls, so a create is never retried blindly: a failure ends the attempt (error, retried as a new
 * attempt if attempts remain). Credentials are never logged.
 */
export function createTwilio(options: TwilioOptions): ConfiguredTelephony {
  const base = options.apiBaseUrl.replace(/\/$/, "");
  const auth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;
  const timeout = options.timeoutMs ?? 10_000;

  const post = async (path: string, form: URLSearchParams) => {
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(`${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}${path}`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: form.toString(),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
    } catch (error) {
      throw new AppError("dependency_unavailable", `Twilio unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    const body = (await response.body.json().catch(() => ({}))) as { sid?: string; message?: string; code?: number };
    if (response.statusCode >= 500 || response.statusCode === 429) {
      throw new AppError("dependency_unavailable", `Twilio answered ${response.statusCode}`, { context: { code: body.code } });
    }
    if (response.statusCode >= 400) {
      // 4xx: Twilio refuses this call (invalid number, unverified caller ID, ...): not retryable.
      throw new AppError("validation_failed", `Twilio refused the call: ${body.message ?? response.statusCode}`, {
        retryable: false,
        context: { code: body.code },
      });
    }
    return body;
  };

  return {
    name: "twilio",
    account: options.accountSid,
    async dial(dial) {
      const from = dial.from ?? options.defaultFrom;
      if (!from)
        throw new AppError("validation_failed", "no caller ID: the call has no `from` and TWILIO_FROM_NUMBER is unset", {
          retryable: false,
        });
      const callback = new URL("/twilio/status", options.publicUrl);
      callback.searchParams.set("call_id", dial.callId);
      callback.searchParams.set("attempt", String(dial.attempt));
      const form = new URLSearchParams({
        To: dial.to,
        From: from,
        Twiml: agentTwiml(options.agentStreamUrl, dial),
        StatusCallback: callback.toString(),
        StatusCallbackMethod: "POST",
        MachineDetection: "Enable",
      });
      for (const event of ["initiated", "ringing", "answered", "completed"]) form.append("StatusCallbackEvent", event);
      // Twilio hangs up by itself after TimeLimit seconds: the agent's and the org's cap.
      if (Number.isFinite(dial.maxTalkSeconds)) form.set("TimeLimit", String(Math.max(1, Math.floor(dial.maxTalkSeconds))));
      const body = await post("/Calls.json", form);
      if (!body.sid) throw new AppError("dependency_unavailable", "Twilio answered without a call sid");
      return { carrierCallId: body.sid };
    },
    async hangup(carrierCallId) {
      // Ends it whether ringing (canceled) or answered (completed); its end still comes as a callback.
      await post(`/Calls/${encodeURIComponent(carrierCallId)}.json`, new URLSearchParams({ Status: "completed" }));
    },
    liveCalls: () => 0,
    close: async () => undefined,
    routes(app: Express, sink: CarrierReportSink) {
      app.post("/twilio/status", express.urlencoded({ extended: false, limit: "64kb" }), async (req, res) => {
        const params = (req.body ?? {}) as Record<string, string>;
        const url = new URL(req.originalUrl, options.publicUrl).toString();
        if (!verifyTwilioSignature(options.authToken, url, params, req.header("x-twilio-signature"))) {
          options.logger.warn({ path: req.path }, "Twilio status callback with a bad signature refused");
          throw new AppError("unauthenticated", "X-Twilio-Signature does not match this request");
        }
        const callId = typeof req.query.call_id === "string" ? req.query.call_id : "";
        const attempt = Number.parseInt(typeof req.query.attempt === "string" ? req.query.attempt : "", 10);
        if (!/^[0-9a-f-]{36}$/i.test(callId) || !Number.isInteger(attempt) || attempt < 1) {
          throw new AppError("validation_failed", "call_id and attempt are required", { param: "call_id" });
        }
        const report = reportOfTwilioStatus(params);
        // A failure here answers 5xx: Twilio retries the callback, and the state machine is idempotent.
        if (report) await sink(callId, attempt, report);
        res.status(204).end();
      });
    },
  };
}
