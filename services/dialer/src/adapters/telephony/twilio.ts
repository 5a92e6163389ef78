import { AppError, currentTraceparent, inSpan, type Logger, traceparentWhenTracing } from "@voxbridge/kit";
import express, { type Express } from "express";
import { request } from "undici";
import {
  type CarrierCall,
  type CarrierLookup,
  CarrierOutcomeUnknownError,
  type CarrierReport,
  type CarrierReportSink,
} from "../../app/ports";
import {
  reportOfTwilioAmd,
  reportOfTwilioStatus,
  traceparentOfCallback,
  twilioCallbackUrl,
  verifyTwilioSignature,
} from "../../domain/twilio";
import type { ConfiguredTelephony } from "./index";
import { mediaStreamTwiml } from "./twiml";

export type TwilioOptions = {
  accountSid: string;
  authToken: string;
  /** https://api.twilio.com, or a local stand-in in tests. */
  apiBaseUrl: string;
  /** This dialer's URL as Twilio reaches it; status callbacks go to {publicUrl}/twilio/status. */
  publicUrl: string;
  /** The voice service's media stream (wss://…/media) the answered call connects to. */
  agentStreamUrl: string;
  /** Mints the per-call token the voice service checks on the stream (MEDIA_TOKEN_KEY). */
  mediaToken: (callId: string, attempt: number) => string;
  defaultFrom: string | null;
  logger: Logger;
  timeoutMs?: number;
};

/** Pages of the call list read at most when reconciling (1,000 calls each). */
const LIST_PAGES = 5;
/** Connection errors raised before a request left: the carrier never saw it. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);
const errorCode = (error: unknown): string | undefined => {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code ?? e?.cause?.code;
};

/** A failed request to Twilio; `reached`: it may have reached Twilio and had its effect. */
class TwilioRequestError extends Error {
  readonly reached: boolean;
  constructor(message: string, details: { reached: boolean; code?: number | undefined }) {
    super(details.code === undefined ? message : `${message} (code ${details.code})`);
    this.reached = details.reached;
  }
}

/** The fields of Twilio's call JSON (and call list) the dialer reads. */
type TwilioCall = { sid?: string; status?: string; duration?: string | null; answered_by?: string | null; date_created?: string };
type TwilioBody = TwilioCall & { message?: string; code?: number; calls?: TwilioCall[]; next_page_uri?: string | null };

/**
 * Twilio Programmable Voice over its REST API (undici, basic auth). The call's end arrives later
 * as a signed status callback, at any dialer instance. Twilio has no idempotency key for creating
 * calls, so a create is never retried blindly: one refused before it reached Twilio ends the attempt
 * (error, retried as a new attempt if attempts remain); one that may have placed the call leaves the
 * attempt's outcome unknown, for `lookup` to reconcile. Credentials are never logged.
 */
export function createTwilio(options: TwilioOptions): ConfiguredTelephony {
  const base = options.apiBaseUrl.replace(/\/$/, "");
  const accountPath = `/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}`;
  const auth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;
  const timeout = options.timeoutMs ?? 10_000;

  const send = async (method: "GET" | "POST", path: string, form?: URLSearchParams) => {
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(`${base}${path.startsWith("/2010-04-01/") ? "" : accountPath}${path}`, {
        method,
        headers: { authorization: auth, accept: "application/json", ...(form && { "content-type": "application/x-www-form-urlencoded" }) },
        body: form?.toString(),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
    } catch (error) {
      // Refused before the request left (nothing listening, no such host): Twilio never saw it.
      // Anything later (a timeout, a reset) may have reached it.
      const unsent = NOT_SENT.has(errorCode(error) ?? "");
      throw new TwilioRequestError(`Twilio unreachable: ${error instanceof Error ? error.message : String(error)}`, { reached: !unsent });
    }
    const body = (await response.body.json().catch(() => null)) as TwilioBody | null;
    if (response.statusCode >= 500)
      throw new TwilioRequestError(`Twilio answered ${response.statusCode}`, { reached: true, code: body?.code });
    if (response.statusCode === 429) {
      // Too many requests: refused before anything was placed.
      throw new AppError("dependency_unavailable", "Twilio answered 429", { context: { code: body?.code } });
    }
    if (response.statusCode === 404 && method === "GET") return null;
    if (response.statusCode >= 400) {
      // 4xx: Twilio refuses this call (invalid number, unverified caller ID, ...): not retryable.
      throw new AppError("validation_failed", `Twilio refused the call: ${body?.message ?? response.statusCode}`, {
        retryable: false,
        context: { code: body?.code },
      });
    }
    return body ?? {};
  };

  const carrierCall = (call: TwilioCall): CarrierCall => ({
    carrierCallId: call.sid ?? "",
    createdAt: new Date(call.date_created ?? 0),
    report: reportOfTwilioStatus({
      CallStatus: call.status,
      CallDuration: call.duration ?? undefined,
      AnsweredBy: call.answered_by ?? undefined,
    }),
  });

  const lookup: CarrierLookup = {
    async findCalls({ to, from, createdFrom, createdTo }) {
      const caller = from ?? options.defaultFrom;
      if (!caller) return [];
      // The list filters by To and From; its date filter is a start date (a day, and a call still
      // queued has none), so creation times are matched here. Newest first: stop at a page older
      // than the window, or after LIST_PAGES pages.
      const found: CarrierCall[] = [];
      let path: string | null = `/Calls.json?${new URLSearchParams({ To: to, From: caller, PageSize: "1000" }).toString()}`;
      for (let page = 0; path && page < LIST_PAGES; page++) {
        const body: TwilioBody | null = await send("GET", path);
        const calls = (body?.calls ?? []).map(carrierCall);
        found.push(...calls.filter((c) => c.createdAt >= createdFrom && c.createdAt <= createdTo));
        if (calls.length === 0 || calls.every((c) => c.createdAt < createdFrom)) break;
        path = body?.next_page_uri ?? null;
      }
      return found;
    },
    async fetchCall(carrierCallId) {
      const body = await send("GET", `/Calls/${encodeURIComponent(carrierCallId)}.json`);
      return body?.sid ? carrierCall(body) : null;
    },
  };

  return {
    name: "twilio",
    account: options.accountSid,
    // Every answered call is connected to the voice service (the TwiML's <Connect><Stream>).
    mediaToVoice: true,
    async dial(dial) {
      const from = dial.from ?? options.defaultFrom;
      if (!from)
        throw new AppError("validation_failed", "no caller ID: the call has no `from` and TWILIO_FROM_NUMBER is unset", {
          retryable: false,
        });
      // The dial's span, handed to Twilio in the callback URLs, so that its callbacks join the call's
      // trace (tracing on only: with it off the URLs are as short as ever).
      const traceparent = traceparentWhenTracing();
      const callback = (path: string) =>
        twilioCallbackUrl(options.publicUrl, path, { callId: dial.callId, attempt: dial.attempt, traceparent });
      // The agent greets at pickup; the machine verdict comes later, after the beep
      // (DetectMessageEnd), to /twilio/amd, and switches the agent to the voicemail message.
      const form = new URLSearchParams({
        To: dial.to,
        From: from,
        Twiml: mediaStreamTwiml(options.agentStreamUrl, dial, options.mediaToken(dial.callId, dial.attempt)),
        StatusCallback: callback("/twilio/status"),
        StatusCallbackMethod: "POST",
        MachineDetection: "DetectMessageEnd",
        AsyncAmd: "true",
        AsyncAmdStatusCallback: callback("/twilio/amd"),
        AsyncAmdStatusCallbackMethod: "POST",
      });
      for (const event of ["initiated", "ringing", "answered", "completed"]) form.append("StatusCallbackEvent", event);
      // Twilio hangs up by itself after TimeLimit seconds: the agent's and the org's cap.
      if (Number.isFinite(dial.maxTalkSeconds)) form.set("TimeLimit", String(Math.max(1, Math.floor(dial.maxTalkSeconds))));
      try {
        const body = await send("POST", "/Calls.json", form);
        if (!body?.sid) throw new TwilioRequestError("Twilio answered without a call sid", { reached: true });
        return { carrierCallId: body.sid };
      } catch (error) {
        // Twilio has no idempotency key for creates: one that may have placed the call is never
        // retried blindly. Its outcome is unknown until the call list says what became of it.
        if (error instanceof TwilioRequestError && error.reached) throw new CarrierOutcomeUnknownError(error.message);
        if (error instanceof TwilioRequestError) throw new AppError("dependency_unavailable", error.message);
        throw error;
      }
    },
    async hangup(carrierCallId) {
      // Ends it whether ringing (canceled) or answered (completed); its end still comes as a callback.
      try {
        await send("POST", `/Calls/${encodeURIComponent(carrierCallId)}.json`, new URLSearchParams({ Status: "completed" }));
      } catch (error) {
        throw error instanceof TwilioRequestError ? new AppError("dependency_unavailable", error.message) : error;
      }
    },
    lookup,
    liveCalls: () => 0,
    close: async () => undefined,
    routes(app: Express, sink: CarrierReportSink) {
      // Status callbacks and the answering machine verdict, both signed by Twilio, both to any instance.
      const callbackRoute = (path: string, reportOf: (params: Record<string, string>) => CarrierReport | null) =>
        app.post(path, express.urlencoded({ extended: false, limit: "64kb" }), async (req, res) => {
          const params = (req.body ?? {}) as Record<string, string>;
          const url = new URL(req.originalUrl, options.publicUrl).toString();
          if (!verifyTwilioSignature(options.authToken, url, params, req.header("x-twilio-signature"))) {
            options.logger.warn({ path: req.path }, "Twilio callback with a bad signature refused");
            throw new AppError("unauthenticated", "X-Twilio-Signature does not match this request");
          }
          const callId = typeof req.query.call_id === "string" ? req.query.call_id : "";
          const attempt = Number.parseInt(typeof req.query.attempt === "string" ? req.query.attempt : "", 10);
          if (!/^[0-9a-f-]{36}$/i.test(callId) || !Number.isInteger(attempt) || attempt < 1) {
            throw new AppError("validation_failed", "call_id and attempt are required", { param: "call_id" });
          }
          const report = reportOf(params);
          // Twilio sends no traceparent, so the request's own span starts a trace; the dial's, from the
          // signed URL, puts the handling (and what it emits) in the call's trace, linked to that span.
          // Without a valid one, the handling stays in the request's trace.
          const dialTrace = traceparentOfCallback(req.query.traceparent);
          const attributes = {
            "voxbridge.call_id": callId,
            "voxbridge.attempt": attempt,
            ...(params.CallStatus && { "twilio.call_status": params.CallStatus }),
            ...(params.AnsweredBy && { "twilio.answered_by": params.AnsweredBy }),
          };
          await inSpan(
            "twilio callback",
            { ...(dialTrace && { parent: dialTrace, links: [currentTraceparent()] }), attributes },
            async () => {
              // A failure here answers 5xx: Twilio retries the callback, and the state machine is idempotent.
              // The callback's URL names the attempt and its CallSid the call: the definite link, also for
              // an attempt whose create's answer was lost.
              if (report) await sink(callId, attempt, { ...report, ...(params.CallSid && { carrierCallId: params.CallSid }) });
            },
          );
          res.status(204).end();
        });
      callbackRoute("/twilio/status", reportOfTwilioStatus);
      callbackRoute("/twilio/amd", reportOfTwilioAmd);
    },
  };
}
