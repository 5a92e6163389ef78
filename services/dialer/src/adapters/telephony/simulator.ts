import { appendFileSync } from "node:fs";
import type { Logger } from "@voxbridge/kit";
import type { CarrierReport, CarrierReportSink, DialRequest, TelephonyAdapter } from "../../app/ports";
import { sandboxCallee, simulatedOutcome } from "../../domain/simulated-outcome";
import { type MediaLeg, type SimulatedMediaOptions, simulatedMedia } from "./simulated-media";

export type SimulatorOptions = {
  ringSeconds: number;
  talkSeconds: number;
  report: CarrierReportSink;
  logger: Logger;
  /** Appends `{call_id, attempt, at, max_talk_seconds, system_prompt}` per dial: the carrier's own record, for tests to count dials. */
  dialLogPath?: string;
  /**
   * The voice service's media endpoint: an answered call that has a conversation streams to it as
   * Twilio would and ends when the stream closes. Absent: answered calls are timers of `talkSeconds`.
   */
  media?: SimulatedMediaOptions;
};

/** How long after the answer the simulated carrier hears an answering machine (the 0004 number). */
const MACHINE_VERDICT_SECONDS = 1;

type LiveCall = {
  callId: string;
  attempt: number;
  timers: Set<NodeJS.Timeout>;
  answeredAt: number | null;
  ended: boolean;
  media: MediaLeg | null;
  /** The call's last report: each waits for the one before it, so an answer is never recorded after the end. */
  reported: Promise<void>;
};

/**
 * A development carrier: outcomes by the number's last four digits (docs/dialer.md, "Telephony adapters"), ringing,
 * answer and hang-up reported through the same sink as a real carrier's status callbacks. With a media endpoint, an
 * answered call with a conversation talks with the voice service over Twilio Media Streams, a scripted callee speaking.
 */
export function createSimulator(options: SimulatorOptions): TelephonyAdapter {
  const live = new Map<string, LiveCall>();
  const mediaLeg = options.media ? simulatedMedia(options.media, options.logger) : null;
  let sequence = 0;
  const idle: (() => void)[] = [];
  const reporting = new Set<Promise<void>>();
  let abandoned = 0;
  let closed = false;

  const send = (call: LiveCall, report: CarrierReport) => {
    if (call.ended) return;
    if (report.kind === "ended") {
      call.ended = true;
      for (const t of call.timers) clearTimeout(t);
      call.media?.hangUp();
    }
    const pending = call.reported
      .then(() => options.report(call.callId, call.attempt, report))
      .catch((error: unknown) =>
        options.logger.error({ err: error, callId: call.callId }, "simulator report not recorded; the orphan reconciler will end the call"),
      )
      .finally(() => reporting.delete(pending));
    reporting.add(pending);
    call.reported = pending;
    if (report.kind === "ended") {
      for (const [id, c] of live) if (c === call) live.delete(id);
      if (live.size === 0) for (const resolve of idle.splice(0)) resolve();
    }
  };
  const after = (call: LiveCall, seconds: number, run: () => void) => {
    const timer = setTimeout(() => {
      call.timers.delete(timer);
      run();
    }, seconds * 1000);
    call.timers.add(timer);
  };

  const answerWithMedia = (call: LiveCall, media: MediaLeg, maxTalkSeconds: number, machine: boolean) => {
    if (call.ended) return;
    call.answeredAt = Date.now();
    send(call, { kind: "answered" });
    // An answering machine: the carrier's verdict comes a moment after the answer, as Twilio's async AMD does.
    if (machine) after(call, MACHINE_VERDICT_SECONDS, () => send(call, { kind: "machine", answeredBy: "machine_end_beep" }));
    const talked = () => Math.min(maxTalkSeconds, (Date.now() - (call.answeredAt ?? Date.now())) / 1000);
    if (Number.isFinite(maxTalkSeconds)) after(call, maxTalkSeconds, () => media.hangUp());
    void media.connect().then(() => send(call, { kind: "ended", outcome: "completed", talkSeconds: talked(), detail: null }));
  };

  return {
    name: "simulator",
    account: "simulator",
    mediaToVoice: mediaLeg !== null,
    async dial(request: DialRequest) {
      // After close() the process is as good as dead: the carrier never hears of the call.
      if (closed) return { carrierCallId: `SIM-unsent-${request.idempotencyKey}` };
      if (options.dialLogPath) {
        const line = {
          call_id: request.callId,
          attempt: request.attempt,
          at: Date.now(),
          max_talk_seconds: Number.isFinite(request.maxTalkSeconds) ? request.maxTalkSeconds : null,
          system_prompt: request.agent.systemPrompt,
        };
        appendFileSync(options.dialLogPath, `${JSON.stringify(line)}\n`);
      }
      const carrierCallId = `SIM${(++sequence).toString(36)}-${request.idempotencyKey}`;
      const call: LiveCall = {
        callId: request.callId,
        attempt: request.attempt,
        timers: new Set(),
        answeredAt: null,
        ended: false,
        media: null,
        reported: Promise.resolve(),
      };
      live.set(carrierCallId, call);
      const outcome = simulatedOutcome(request.to);
      const ring = options.ringSeconds;
      // A voicemail the agent will retry keeps its timer: the agent would hang up on the machine at once.
      const talks =
        outcome === "completed" || outcome === "opt_out" || (outcome === "voicemail" && request.agent.voicemailAction !== "retry");
      if (mediaLeg && request.conversation && talks) {
        // Answered as Twilio connects a call: the stream opens, and the call lasts until it closes (the
        // agent hung up, or the voice service refused or went away) or the talk limit. It rings at
        // least until the callee's sentences are synthesized.
        const media = mediaLeg({ ...call, carrierCallId }, sandboxCallee(outcome, request.conversation.simulatedCallee));
        call.media = media;
        after(call, ring, () => void media.ready.then(() => answerWithMedia(call, media, request.maxTalkSeconds, outcome === "voicemail")));
        return { carrierCallId };
      }
      switch (outcome) {
        case "rejected":
          after(call, 0, () => send(call, { kind: "ended", outcome: "rejected", talkSeconds: null, detail: "number not reachable" }));
          break;
        case "busy":
          after(call, Math.min(ring, 0.2), () => send(call, { kind: "ended", outcome: "busy", talkSeconds: null, detail: null }));
          break;
        case "no_answer":
          after(call, ring, () => send(call, { kind: "ended", outcome: "no_answer", talkSeconds: null, detail: null }));
          break;
        case "completed":
        case "voicemail":
        case "opt_out": {
          // Voicemail answers too: the agent leaves its message, which takes the talk time, or hangs
          // up at once when it will retry. An opt-out is a call answered by a callee who asks, while
          // talking, not to be called again.
          const hangsUp = outcome === "voicemail" && request.agent.voicemailAction === "retry";
          const talk = hangsUp ? 0 : Math.min(options.talkSeconds, request.maxTalkSeconds);
          after(call, ring, () => {
            call.answeredAt = Date.now();
            send(call, { kind: "answered" });
            after(call, talk, () => send(call, { kind: "ended", outcome, talkSeconds: talk, detail: null }));
          });
          break;
        }
      }
      return { carrierCallId };
    },
    async hangup(carrierCallId) {
      const call = live.get(carrierCallId);
      if (!call) return;
      const talked = call.answeredAt === null ? null : (Date.now() - call.answeredAt) / 1000;
      send(call, { kind: "ended", outcome: "canceled", talkSeconds: talked, detail: "hung up: the call was canceled" });
    },
    // Calls dropped by close() still count: they were never reported, so a peer must reconcile them.
    liveCalls: () => live.size + abandoned,
    async close(graceMs) {
      closed = true;
      if (live.size > 0 && graceMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          idle.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      // Whatever is still live dies with the process, unreported: the orphan reconciler ends it.
      abandoned += live.size;
      for (const call of live.values()) {
        call.ended = true;
        for (const t of call.timers) clearTimeout(t);
        call.media?.hangUp();
      }
      live.clear();
      await Promise.all(reporting);
    },
  };
}
