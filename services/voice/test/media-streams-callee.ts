import { randomBytes } from "node:crypto";
import { WebSocket } from "ws";
import { FRAME_BYTES, MULAW_SILENCE, toFrames } from "../src/domain/audio";
import { numberToWords } from "../src/domain/number-words";
import type { SpeechSynthesizer } from "../src/domain/speech-ports";

/**
 * A Media Streams client that plays Twilio and a scripted callee: it dials the voice endpoint,
 * sends `connected` and `start` (with the call id, attempt and token as custom parameters), then a
 * 20 ms μ-law frame every 20 ms: silence, or the callee's words synthesized by a local voice. It
 * plays the agent's audio as Twilio does (a buffer drained in real time; `mark` echoed once the
 * audio before it has played; `clear` empties the buffer and echoes the pending marks).
 *
 * The callee learns what is asked from the agent's mark names (`ask:<property>`,
 * `confirm:<property>:<value>`); its answers travel only as audio (or as keys, when it is asked a
 * second time). Its own timeline is counted in frames, so a script plays the same on a busy machine.
 */
export type CalleeScript = {
  answers?: Record<string, string | number | boolean>;
  interrupts?: boolean;
  silent?: boolean;
  opt_out?: boolean;
};

export type CalleeRun = {
  /** Marks received, in order. */
  marks: string[];
  clears: number;
  /** Agent frames received. */
  agentFrames: number;
  /** What the callee said (or keyed), in order. */
  said: string[];
  closeCode: number;
  durationMs: number;
};

export async function playCallee(options: {
  url: string;
  callId: string;
  attempt: number;
  token: string;
  script: CalleeScript;
  voice: SpeechSynthesizer;
  /** Hang up (send `stop`) after this long; the agent normally hangs up first. */
  maxMs?: number;
  streamSid?: string;
  headers?: Record<string, string>;
}): Promise<CalleeRun> {
  const { script, voice } = options;
  const streamSid = options.streamSid ?? `MZ${randomBytes(16).toString("hex")}`;
  const ws = new WebSocket(options.url, { headers: options.headers ?? {} });
  const run: CalleeRun = { marks: [], clears: 0, agentFrames: 0, said: [], closeCode: 0, durationMs: 0 };
  const outgoing: Uint8Array[] = [];
  const playback: ({ frame: true } | { mark: string })[] = [];
  const asked = new Map<string, number>();
  let frameIndex = 0;
  let interrupted = false;
  let optedOut = false;
  let speaking: Promise<void> = Promise.resolve();
  const started = Date.now();

  const say = (text: string) => {
    run.said.push(text);
    speaking = speaking.then(async () => {
      for (const frame of toFrames(await voice.synthesize(text))) outgoing.push(frame);
      for (let i = 0; i < 25; i++) outgoing.push(new Uint8Array(FRAME_BYTES).fill(MULAW_SILENCE));
    });
  };
  const press = (keys: string) => {
    run.said.push(`keys:${keys}`);
    for (const digit of keys)
      ws.send(JSON.stringify({ event: "dtmf", streamSid, sequenceNumber: "0", dtmf: { track: "inbound_track", digit } }));
  };
  const spoken = (value: string | number | boolean) =>
    typeof value === "number" ? numberToWords(value) : typeof value === "boolean" ? (value ? "yes" : "no") : value;

  const onMarkPlayed = (name: string) => {
    ws.send(JSON.stringify({ event: "mark", streamSid, sequenceNumber: String(frameIndex), mark: { name } }));
    if (script.silent) return;
    const [kind, property = "", heard = ""] = name.split(":");
    if (script.opt_out) {
      // Once, as soon as the agent has said its opening (or asks its first question).
      if ((kind === "opening" || kind === "ask") && !optedOut) {
        optedOut = true;
        say("please stop calling me");
      }
      return;
    }
    if (kind === "ask") {
      const value = script.answers?.[property];
      const times = (asked.get(property) ?? 0) + 1;
      asked.set(property, times);
      if (value === undefined) return;
      if (times === 1) return say(typeof value === "number" ? spoken(value) : `it is ${spoken(value)}`);
      // Asked again: the keypad, which the agent offers as a second channel.
      return press(typeof value === "boolean" ? (value ? "1" : "2") : typeof value === "number" ? `${value}#` : "1");
    }
    if (kind === "confirm") {
      const value = script.answers?.[property];
      return say(value !== undefined && heard === String(value) ? "yes" : "no");
    }
  };

  const tick = () => {
    // The callee's frame: its words, or silence.
    const frame = outgoing.shift() ?? new Uint8Array(FRAME_BYTES).fill(MULAW_SILENCE);
    ws.send(
      JSON.stringify({
        event: "media",
        streamSid,
        sequenceNumber: String(frameIndex + 2),
        media: {
          track: "inbound",
          chunk: String(frameIndex + 1),
          timestamp: String(frameIndex * 20),
          payload: Buffer.from(frame).toString("base64"),
        },
      }),
    );
    frameIndex += 1;
    // Twilio plays one buffered agent frame per 20 ms, and echoes a mark once everything before it played.
    if (playback[0] && "frame" in playback[0]) playback.shift();
    while (playback[0] && "mark" in playback[0]) onMarkPlayed((playback.shift() as { mark: string }).mark);
    if (options.maxMs !== undefined && Date.now() - started > options.maxMs)
      ws.send(JSON.stringify({ event: "stop", streamSid, stop: {} }));
  };

  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  ws.send(JSON.stringify({ event: "connected", protocol: "Call", version: "1.0.0" }));
  ws.send(
    JSON.stringify({
      event: "start",
      sequenceNumber: "1",
      streamSid,
      start: {
        streamSid,
        accountSid: "ACtest",
        callSid: `CA${randomBytes(16).toString("hex")}`,
        tracks: ["inbound"],
        customParameters: { call_id: options.callId, attempt: String(options.attempt), token: options.token },
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
      },
    }),
  );
  if (!script.silent) say("hello?");
  const timer = setInterval(() => {
    if (ws.readyState === WebSocket.OPEN) tick();
  }, 20);
  ws.on("message", (data) => {
    const message = JSON.parse(data.toString()) as {
      event: string;
      streamSid: string;
      media?: { payload: string };
      mark?: { name: string };
    };
    if (message.event === "media") {
      run.agentFrames += 1;
      playback.push({ frame: true });
      if (script.interrupts && !interrupted && run.agentFrames === 40) {
        interrupted = true;
        say("who is this");
      }
    } else if (message.event === "mark" && message.mark) {
      run.marks.push(message.mark.name);
      playback.push({ mark: message.mark.name });
    } else if (message.event === "clear") {
      run.clears += 1;
      const marks = playback.filter((p): p is { mark: string } => "mark" in p);
      playback.length = 0;
      for (const mark of marks) ws.send(JSON.stringify({ event: "mark", streamSid, mark: { name: mark.mark } }));
    }
  });
  run.closeCode = await new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
  clearInterval(timer);
  run.durationMs = Date.now() - started;
  return run;
}
