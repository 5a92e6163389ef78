import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { twilioSignature } from "@voxbridge/dialer/twilio";
import { type CalleeRun, type CalleeStream, openCalleeStream, type PreparedCallee, prepareCallee } from "@voxbridge/speech/callee";
import type { CallInstance, CallListInstanceCreateOptions, CallStatus } from "twilio/lib/rest/api/v2010/account/call";
import { request } from "undici";

/**
 * Twilio's Programmable Voice REST API as the dialer reaches it, on a local port: Calls create,
 * fetch, update (hang-up) and list (filtered by To and From, paged), with HTTP basic auth, and the
 * signed status callbacks Twilio sends to a call's StatusCallback URL. Its JSON follows the wire
 * form of the `twilio` SDK's own CallResource type (snake_case, RFC 2822 dates); nothing of the
 * dialer is faked. A test steers what a create does (`nextCreate`) and moves calls on (`advance`).
 */

/** A call as Twilio's JSON carries it: the SDK's CallResource with its dates as the wire's strings. */
type CallResource = ConstructorParameters<typeof CallInstance>[1];
type CallJson = { [K in keyof CallResource]: CallResource[K] extends Date ? string | null : CallResource[K] };

/** What the next create does, after Twilio has (or has not) created the call. */
type CreateBehaviour =
  /** 201 with the call (Twilio's normal answer). */
  | "answer"
  /** The call is created, then 500: the dialer cannot know it exists. */
  | "created-then-500"
  /** The call is created, then the connection is dropped without an answer. */
  | "created-then-drop"
  /** The call is created and the answer is held until `release()` (a slow carrier, a timeout). */
  | "created-then-hold"
  /** 500 with nothing created (Twilio failed before the call existed). */
  | "500-not-created";

export type StandInCall = {
  json: CallJson;
  /** The create's form, as Twilio received it (To, From, Twiml, StatusCallback, ...). */
  form: URLSearchParams;
};

export type TwilioStandIn = {
  url: string;
  accountSid: string;
  authToken: string;
  /** The dialer's settings for the Twilio adapter against this stand-in, calling from `from`. */
  dialerEnv: (from: string) => Record<string, string>;
  calls: StandInCall[];
  /** Creates answered from now on follow this behaviour, once each, then "answer". */
  nextCreate: (...behaviours: CreateBehaviour[]) => void;
  /** Releases every held create answer. */
  release: () => void;
  /** Drops every held create's connection without an answer (the caller died, or gave up). */
  drop: () => void;
  /** Updates (hang-ups) received, refused ones too: the call sid and the form. */
  updates: { sid: string; form: URLSearchParams }[];
  /** The next `count` updates are refused with a 500 (Twilio failing), then answered again. */
  refuseUpdates: (count: number) => void;
  /**
   * Moves a call to a status, as the carrier would, and sends its signed status callback unless
   * `lost` (a callback Twilio sent that never arrived). Answers the dialer's HTTP status.
   */
  advance: (
    sid: string,
    status: CallStatus,
    options?: { duration?: number; answeredBy?: string; lost?: boolean; callbackBase?: string },
  ) => Promise<number | null>;
  /**
   * Twilio's asynchronous answering machine verdict (`AsyncAmd`), signed and sent to the call's
   * AsyncAmdStatusCallback; the call's `answered_by` is set. Answers the dialer's HTTP status.
   */
  machineVerdict: (sid: string, answeredBy: string, options?: { callbackBase?: string }) => Promise<number | null>;
  /** How many list requests were served. */
  listRequests: () => number;
  /** How many lookups (list or fetch requests) were served: proof that the dialer asked. */
  lookups: () => number;
  close: () => Promise<void>;
};

const ENDED: ReadonlySet<CallStatus> = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);
const rfc2822 = (date: Date) => date.toUTCString().replace("GMT", "+0000");

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = "";
    req.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    req.on("end", () => resolve(text));
  });

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

/**
 * Starts the stand-in. `callbackBase` replaces the scheme and host of each StatusCallback URL when
 * sending callbacks (the dialer's public URL is not where it listens in a test); the signature
 * covers the URL as given in the create, as Twilio signs it.
 */
export async function startTwilioStandIn(options: { callbackBase: () => string }): Promise<TwilioStandIn> {
  const accountSid = `AC${"0".repeat(30)}${Math.floor(Math.random() * 90 + 10)}`;
  const authToken = "standin-auth-token";
  const auth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  const base = `/2010-04-01/Accounts/${accountSid}/Calls`;
  const calls: StandInCall[] = [];
  const updates: { sid: string; form: URLSearchParams }[] = [];
  const plan: CreateBehaviour[] = [];
  const held: { answer: () => void; drop: () => void }[] = [];
  let lists = 0;
  let fetches = 0;
  let refusals = 0;

  const find = (sid: string) => calls.find((c) => c.json.sid === sid);

  const create = (form: URLSearchParams): StandInCall => {
    const now = new Date();
    const sid = `CA${(calls.length + 1).toString(16).padStart(32, "0")}`;
    const fields: Partial<CallListInstanceCreateOptions> = { to: form.get("To") ?? "", from: form.get("From") ?? "" };
    const call: StandInCall = {
      form,
      json: {
        sid,
        date_created: rfc2822(now),
        date_updated: rfc2822(now),
        parent_call_sid: null as unknown as string,
        account_sid: accountSid,
        to: fields.to ?? "",
        to_formatted: fields.to ?? "",
        from: fields.from ?? "",
        from_formatted: fields.from ?? "",
        phone_number_sid: "",
        status: "queued",
        start_time: null,
        end_time: null,
        duration: null as unknown as string,
        price: null as unknown as string,
        price_unit: "USD",
        direction: "outbound-api",
        answered_by: null as unknown as string,
        api_version: "2010-04-01",
        forwarded_from: null as unknown as string,
        group_sid: null as unknown as string,
        caller_name: null as unknown as string,
        queue_time: "0",
        stir_verstat: null as unknown as string,
        trunk_sid: null as unknown as string,
        uri: `${base}/${sid}.json`,
        subresource_uris: {},
      },
    };
    calls.push(call);
    return call;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      if (req.headers.authorization !== auth) return json(res, 401, { code: 20003, message: "Authenticate", status: 401 });
      const url = new URL(req.url ?? "/", "http://standin");
      if (req.method === "POST" && url.pathname === `${base}.json`) {
        const form = new URLSearchParams(text);
        const behaviour = plan.shift() ?? "answer";
        if (behaviour === "500-not-created") return json(res, 500, { code: 20500, message: "Internal Server Error", status: 500 });
        const call = create(form);
        if (behaviour === "created-then-500") return json(res, 500, { code: 20500, message: "Internal Server Error", status: 500 });
        if (behaviour === "created-then-drop") return void req.socket.destroy();
        if (behaviour === "created-then-hold") {
          held.push({
            answer: () => {
              if (!res.headersSent && !res.destroyed) json(res, 201, call.json);
            },
            drop: () => req.socket.destroy(),
          });
          return;
        }
        return json(res, 201, call.json);
      }
      if (req.method === "GET" && url.pathname === `${base}.json`) {
        lists++;
        const to = url.searchParams.get("To");
        const from = url.searchParams.get("From");
        const pageSize = Math.min(1000, Number(url.searchParams.get("PageSize") ?? 50));
        const page = Number(url.searchParams.get("Page") ?? 0);
        // Newest first, as Twilio lists calls.
        const matching = calls
          .filter((c) => (!to || c.json.to === to) && (!from || c.json.from === from))
          .slice()
          .reverse();
        const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
        const more = (page + 1) * pageSize < matching.length;
        const pageUri = (p: number) => {
          const next = new URLSearchParams(url.searchParams);
          next.set("Page", String(p));
          next.set("PageSize", String(pageSize));
          return `${base}.json?${next.toString()}`;
        };
        return json(res, 200, {
          calls: slice.map((c) => c.json),
          page,
          page_size: pageSize,
          start: page * pageSize,
          end: page * pageSize + slice.length - 1,
          uri: pageUri(page),
          first_page_uri: pageUri(0),
          previous_page_uri: page > 0 ? pageUri(page - 1) : null,
          next_page_uri: more ? pageUri(page + 1) : null,
        });
      }
      const one = url.pathname.match(new RegExp(`^${base}/(CA[0-9a-f]{32})\\.json$`));
      const call = one?.[1] ? find(one[1]) : undefined;
      if (!call) return json(res, 404, { code: 20404, message: "The requested resource was not found", status: 404 });
      if (req.method === "GET") {
        fetches++;
        return json(res, 200, call.json);
      }
      if (req.method === "POST") {
        const form = new URLSearchParams(text);
        updates.push({ sid: call.json.sid, form });
        if (refusals > 0) {
          refusals--;
          return json(res, 500, { code: 20500, message: "Internal Server Error", status: 500 });
        }
        return json(res, 200, call.json);
      }
      return json(res, 405, { code: 20004, message: "Method not allowed", status: 405 });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** A callback as Twilio sends it: to the URL the dialer gave (on `callbackBase`), form-encoded and signed. */
  const postSigned = async (callbackUrl: string, params: Record<string, string>, callbackBase: string) => {
    const target = new URL(callbackUrl);
    const response = await request(`${callbackBase}${target.pathname}${target.search}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilioSignature(authToken, callbackUrl, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    await response.body.dump();
    return response.statusCode;
  };

  return {
    url,
    accountSid,
    authToken,
    dialerEnv: (from) => ({
      TELEPHONY_ADAPTER: "twilio",
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      TWILIO_API_BASE_URL: url,
      TWILIO_FROM_NUMBER: from,
    }),
    calls,
    updates,
    refuseUpdates: (count) => {
      refusals = count;
    },
    nextCreate: (...behaviours) => void plan.push(...behaviours),
    release: () => {
      for (const one of held.splice(0)) one.answer();
    },
    drop: () => {
      for (const one of held.splice(0)) one.drop();
    },
    listRequests: () => lists,
    lookups: () => lists + fetches,
    async advance(sid, status, opts = {}) {
      const call = find(sid);
      if (!call) throw new Error(`no call ${sid} at the stand-in`);
      const now = new Date();
      call.json.status = status;
      call.json.date_updated = rfc2822(now);
      if (status === "in-progress") call.json.start_time = rfc2822(now);
      if (opts.answeredBy) call.json.answered_by = opts.answeredBy;
      if (ENDED.has(status)) {
        call.json.end_time = rfc2822(now);
        call.json.duration = String(opts.duration ?? 0);
      }
      if (opts.lost) return null;
      const callbackUrl = call.form.get("StatusCallback");
      if (!callbackUrl) return null;
      const params: Record<string, string> = {
        AccountSid: accountSid,
        CallSid: sid,
        CallStatus: status,
        To: call.json.to,
        From: call.json.from,
        Direction: "outbound-api",
        ApiVersion: "2010-04-01",
        Timestamp: rfc2822(now),
      };
      if (ENDED.has(status)) params.CallDuration = String(opts.duration ?? 0);
      if (call.json.answered_by) params.AnsweredBy = call.json.answered_by;
      return postSigned(callbackUrl, params, opts.callbackBase ?? options.callbackBase());
    },
    async machineVerdict(sid, answeredBy, opts = {}) {
      const call = find(sid);
      if (!call) throw new Error(`no call ${sid} at the stand-in`);
      call.json.answered_by = answeredBy;
      const callbackUrl = call.form.get("AsyncAmdStatusCallback");
      if (!callbackUrl) return null;
      const params = { AccountSid: accountSid, CallSid: sid, AnsweredBy: answeredBy, MachineDetectionDuration: "2400" };
      return postSigned(callbackUrl, params, opts.callbackBase ?? options.callbackBase());
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const one of held.splice(0)) one.drop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The media leg Twilio opens on an answered call: the `<Stream>` of the call's TwiML, with its
 * `<Parameter>`s (call id, attempt, media token), to the voice service's Media Streams endpoint
 * (`mediaUrl`), with `callee` on the line; the carrier hangs up after `maxFrames` 20 ms frames.
 */
export function openMediaLeg(call: Pick<StandInCall, "form">, mediaUrl: string, callee: PreparedCallee, maxFrames: number): CalleeStream {
  const twiml = call.form.get("Twiml") ?? "";
  const parameters = Object.fromEntries([...twiml.matchAll(/<Parameter name="(\w+)" value="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]));
  return openCalleeStream({
    url: mediaUrl,
    callId: String(parameters.call_id),
    attempt: Number(parameters.attempt),
    token: String(parameters.token),
    callee,
    maxFrames,
  });
}

/**
 * The media leg with a callee who says nothing and hangs up after `frames` 20 ms frames. The voice
 * service then reports the attempt's conversation, as it does for every answered call.
 */
export async function playSilentMediaLeg(call: Pick<StandInCall, "form">, mediaUrl: string, frames = 100): Promise<CalleeRun> {
  const silent = await prepareCallee({ silent: true }, { synthesize: async () => new Uint8Array() });
  return openMediaLeg(call, mediaUrl, silent, frames).ended;
}
