import { randomBytes } from "node:crypto";
import { WebSocket } from "ws";
import { type CalleeAction, type CalleeScript, ScriptedCallee } from "./callee-script";
import { decodeMulaw, FRAME_BYTES, FRAME_MS, MULAW_SILENCE, toFrames } from "./line-audio";
import type { SpeechSynthesizer } from "./synthesizer";

/**
 * A Media Streams client that plays Twilio and a scripted callee, as the carrier would on an
 * answered call: it dials the voice endpoint, sends `connected` and `start` (the call id, attempt
 * and token as custom parameters), then one 20 ms μ-law frame per 20 ms: silence, or the callee's
 * words. It plays the agent's audio as Twilio does (a buffer drained one frame per frame sent;
 * `mark` echoed once the audio before it has played; `clear` empties the buffer and echoes the
 * pending marks), sends the callee's keys as `dtmf`, and `stop` when it hangs up.
 *
 * The callee learns what is asked from the agent's mark names (`callee-script.ts`); its answers
 * travel only as audio (or keys, when asked a second time). Every sentence is synthesized before
 * the stream opens, and the callee's timeline is counted in frames, so a script plays the same on a
 * busy machine: frames are sent at the line's real-time rate, catching up after a late timer.
 */
export type CalleeRun = {
  /** Marks received, in order. */
  marks: string[];
  /** Marks echoed back, in order: once the audio before them played, or when a `clear` dropped it (as Twilio does). */
  echoed: string[];
  clears: number;
  /** Agent frames received. */
  agentFrames: number;
  /** What the callee said (or keyed, as `keys:<digits>`), in order. */
  said: string[];
  /** Frames the callee sent. */
  framesSent: number;
  closeCode: number;
  /** Why the stream never opened or broke (refused upgrade, connection refused), else null. */
  failure: string | null;
  /** From the stream's opening to its close; 0 when it never opened. */
  durationMs: number;
  /**
   * What happened on the line, in ms since the stream opened (the latency benchmarks read it): the
   * callee's speech starting and ending (by the level of the frames it sent, with the voice
   * service's own threshold and end-of-speech silence), a reply of the agent starting to arrive,
   * and each `clear`.
   */
  timeline: LineEvent[];
};

export type LineEvent = { at: number; kind: "callee_speech_start" | "callee_speech_end" | "agent_reply_start" | "clear" };

/** A frame louder than this is speech (the voice service's VAD threshold), and this many quiet frames end it. */
const VOICED_DBFS = -40;
const SPEECH_END_FRAMES = 20;
/** Agent audio after this long without any starts a new reply. */
const REPLY_GAP_MS = 200;

const levelDbfs = (frame: Uint8Array) => {
  const samples = decodeMulaw(frame);
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return 20 * Math.log10(Math.sqrt(sum / Math.max(1, samples.length)) / 32768 || 1e-9);
};

/** A callee ready to talk: its script and each of its sentences as line audio. */
export type PreparedCallee = { script: CalleeScript; audio: Map<string, Uint8Array[]> };

/** Synthesizes every sentence the script may say (before the call: during the ringing). */
export async function prepareCallee(script: CalleeScript, voice: SpeechSynthesizer): Promise<PreparedCallee> {
  const audio = new Map<string, Uint8Array[]>();
  for (const sentence of new ScriptedCallee(script).sentences()) audio.set(sentence, toFrames(await voice.synthesize(sentence)));
  return { script, audio };
}

export type CalleeStreamOptions = {
  url: string;
  callId: string;
  attempt: number;
  token: string;
  callee: PreparedCallee;
  /** The carrier hangs up (`stop`, then close) after this many frames; the agent normally hangs up first. */
  maxFrames?: number;
  streamSid?: string;
  callSid?: string;
  headers?: Record<string, string>;
};

/**
 * A live stream: `ended` resolves when the socket closes (whoever closed it); `hangUp` is the carrier
 * hanging up; `run` fills in as the call goes (a test waits on it instead of sleeping).
 */
export type CalleeStream = { ended: Promise<CalleeRun>; hangUp: () => void; run: CalleeRun };

/** Silence after each sentence, before the next may start (0.5 s). */
const PAUSE_FRAMES = 25;
const ACCOUNT_SID = "ACsandbox";

export function openCalleeStream(options: CalleeStreamOptions): CalleeStream {
  const streamSid = options.streamSid ?? `MZ${randomBytes(16).toString("hex")}`;
  const callSid = options.callSid ?? `CA${randomBytes(16).toString("hex")}`;
  const callee = new ScriptedCallee(options.callee.script);
  const run: CalleeRun = {
    marks: [],
    echoed: [],
    clears: 0,
    agentFrames: 0,
    said: [],
    framesSent: 0,
    closeCode: 0,
    failure: null,
    durationMs: 0,
    timeline: [],
  };
  const now = () => Math.round((performance.now() - openedAt) * 10) / 10;
  let speaking = false;
  let quietFrames = 0;
  let lastVoicedEnd = 0;
  let lastAgentFrameAt = Number.NEGATIVE_INFINITY;
  const outgoing: Uint8Array[] = [];
  const playback: ({ frame: true } | { mark: string })[] = [];
  const silence = new Uint8Array(FRAME_BYTES).fill(MULAW_SILENCE);
  let sequence = 0;
  let openedAt = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const ws = new WebSocket(options.url, { headers: options.headers ?? {} });

  const send = (message: Record<string, unknown>) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify(message.event === "connected" ? message : { ...message, sequenceNumber: String(++sequence) }));
  };
  const act = (actions: CalleeAction[]) => {
    for (const action of actions) {
      if ("say" in action) {
        run.said.push(action.say);
        outgoing.push(...(options.callee.audio.get(action.say) ?? []));
        for (let i = 0; i < PAUSE_FRAMES; i++) outgoing.push(silence);
      } else {
        run.said.push(`keys:${action.press}`);
        for (const digit of action.press) send({ event: "dtmf", streamSid, dtmf: { track: "inbound_track", digit } });
      }
    }
  };
  const hangUp = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    if (ws.readyState === WebSocket.CONNECTING) return ws.terminate();
    send({ event: "stop", streamSid, stop: { accountSid: ACCOUNT_SID, callSid } });
    ws.close(1000, "call ended");
  };

  const sendFrame = () => {
    const frame = outgoing.shift() ?? silence;
    const index = run.framesSent;
    const at = now();
    if (frame !== silence && levelDbfs(frame) > VOICED_DBFS) {
      if (!speaking) run.timeline.push({ at, kind: "callee_speech_start" });
      speaking = true;
      quietFrames = 0;
      lastVoicedEnd = at + FRAME_MS;
    } else if (speaking && ++quietFrames >= SPEECH_END_FRAMES) {
      speaking = false;
      run.timeline.push({ at: lastVoicedEnd, kind: "callee_speech_end" });
    }
    send({
      event: "media",
      streamSid,
      media: {
        track: "inbound",
        chunk: String(index + 1),
        timestamp: String(index * FRAME_MS),
        payload: Buffer.from(frame).toString("base64"),
      },
    });
    run.framesSent += 1;
    // Twilio plays one buffered agent frame per 20 ms, and echoes a mark once everything before it played.
    if (playback[0] && "frame" in playback[0]) playback.shift();
    while (playback[0] && "mark" in playback[0]) {
      const { mark } = playback.shift() as { mark: string };
      send({ event: "mark", streamSid, mark: { name: mark } });
      run.echoed.push(mark);
      act(callee.markPlayed(mark));
    }
    if (options.maxFrames !== undefined && run.framesSent >= options.maxFrames) hangUp();
  };

  ws.on("open", () => {
    openedAt = performance.now();
    send({ event: "connected", protocol: "Call", version: "1.0.0" });
    send({
      event: "start",
      streamSid,
      start: {
        streamSid,
        accountSid: ACCOUNT_SID,
        callSid,
        tracks: ["inbound"],
        customParameters: { call_id: options.callId, attempt: String(options.attempt), token: options.token },
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
      },
    });
    act(callee.atPickup());
    timer = setInterval(() => {
      // The frames due by now: one per 20 ms since the stream opened, so a late timer catches up.
      const due = Math.floor((performance.now() - openedAt) / FRAME_MS) + 1;
      while (!stopped && ws.readyState === WebSocket.OPEN && run.framesSent < due) sendFrame();
    }, FRAME_MS);
  });
  ws.on("message", (data) => {
    let message: { event?: string; mark?: { name?: string } };
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (message.event === "media") {
      const at = now();
      if (at - lastAgentFrameAt > REPLY_GAP_MS) run.timeline.push({ at, kind: "agent_reply_start" });
      lastAgentFrameAt = at;
      run.agentFrames += 1;
      playback.push({ frame: true });
      act(callee.agentFrameHeard(run.agentFrames));
    } else if (message.event === "mark" && typeof message.mark?.name === "string") {
      run.marks.push(message.mark.name);
      playback.push({ mark: message.mark.name });
    } else if (message.event === "clear") {
      run.clears += 1;
      run.timeline.push({ at: now(), kind: "clear" });
      const marks = playback.filter((p): p is { mark: string } => "mark" in p);
      playback.length = 0;
      for (const { mark } of marks) {
        send({ event: "mark", streamSid, mark: { name: mark } });
        run.echoed.push(mark);
      }
    }
  });
  ws.on("error", (error) => {
    if (!stopped) run.failure ??= error.message;
  });
  const ended = new Promise<CalleeRun>((resolve) =>
    ws.once("close", (code) => {
      stopped = true;
      clearInterval(timer);
      run.closeCode = code;
      run.durationMs = openedAt === 0 ? 0 : Math.round(performance.now() - openedAt);
      resolve(run);
    }),
  );
  return { ended, hangUp, run };
}

/** Prepares the callee, opens its stream and waits for its end (tests). */
export async function playCallee(
  options: Omit<CalleeStreamOptions, "callee"> & { script: CalleeScript; voice: SpeechSynthesizer },
): Promise<CalleeRun> {
  return openCalleeStream({ ...options, callee: await prepareCallee(options.script, options.voice) }).ended;
}
