// bench:relay's Twilio: a process of its own that plays every call's Media Streams client, so the
// frames' send times are not held up by the provider stand-in's work (or the other way round). It
// takes one job on its IPC channel, reports `steady` when every call has heard its first agent frame,
// then `done` with each call's timings (the benchmark then ends it).
import { randomUUID } from "node:crypto";
import { LOCAL_MEDIA_TOKEN_KEY, mintMediaStreamToken } from "@voxbridge/kit";
import { WebSocket } from "ws";
import { type CallResult, type ClientsJob, type ClientsReport, clockMs, stampedFrame, stampOf } from "./clock";

const report = (message: ClientsReport) => process.send?.(message);

let steadyFrom = Number.POSITIVE_INFINITY;
let sentSinceSteady = 0;

/**
 * One call as Twilio plays it: `start` with the call's token, a frame every 20 ms (catching up after
 * a late timer), a burst of loud frames while the agent's greeting plays (a barge-in), `stop` after
 * `seconds`. Resolves with when its first agent frame and its clear arrived, and each reply's latency.
 */
function twilioCall(url: string, callId: string, seconds: number, onFirst: () => void): Promise<CallResult> {
  const ws = new WebSocket(url);
  const result: CallResult = { callId, firstAgentFrameAt: 0, clearAt: 0, loudAt: 0, sent: 0, replies: [] };
  let loudFrom = Number.POSITIVE_INFINITY;
  let opened = 0;
  let timer: NodeJS.Timeout | undefined;
  const streamSid = `MZ${randomUUID().replace(/-/g, "")}`;
  ws.on("open", () => {
    opened = clockMs();
    ws.send(JSON.stringify({ event: "connected", protocol: "Call", version: "1.0.0" }));
    const token = mintMediaStreamToken(LOCAL_MEDIA_TOKEN_KEY, { callId, attempt: 1 }, new Date());
    ws.send(
      JSON.stringify({
        event: "start",
        sequenceNumber: "1",
        streamSid,
        start: {
          streamSid,
          accountSid: "ACbench",
          callSid: `CA${randomUUID().replace(/-/g, "")}`,
          tracks: ["inbound"],
          customParameters: { call_id: callId, attempt: "1", token },
          mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
        },
      }),
    );
    timer = setInterval(() => {
      const due = Math.floor((clockMs() - opened) / 20) + 1;
      while (result.sent < due && ws.readyState === WebSocket.OPEN) {
        const loud = result.sent >= loudFrom && result.sent < loudFrom + 10;
        if (loud && result.loudAt === 0) result.loudAt = clockMs();
        // The frame carries its send time, taken before it is built, encoded and sent.
        const at = process.hrtime.bigint();
        if (Number(at) / 1e6 >= steadyFrom) sentSinceSteady++;
        const frame = stampedFrame(loud, at);
        ws.send(
          JSON.stringify({
            event: "media",
            streamSid,
            media: {
              track: "inbound",
              chunk: String(result.sent + 1),
              timestamp: String(result.sent * 20),
              payload: frame.toString("base64"),
            },
          }),
        );
        result.sent++;
      }
      if (result.sent >= seconds * 50) {
        clearInterval(timer);
        ws.send(JSON.stringify({ event: "stop", streamSid, stop: { accountSid: "ACbench", callSid: "CAbench" } }));
        ws.close(1000);
      }
    }, 20);
  });
  ws.on("message", (data) => {
    const message = JSON.parse(data.toString()) as { event?: string; mark?: { name?: string }; media?: { payload: string } };
    if (message.event === "media") {
      // A reply's first frame carries the provider's stamp of when it sent the reply's audio.
      const sentAt = stampOf(Buffer.from(message.media?.payload ?? "", "base64"));
      if (sentAt !== null) result.replies.push(clockMs() - sentAt);
      if (result.firstAgentFrameAt === 0) {
        result.firstAgentFrameAt = clockMs();
        onFirst();
        // Talk over the greeting half a second into it.
        loudFrom = result.sent + 25;
      }
    } else if (message.event === "clear" && result.clearAt === 0) result.clearAt = clockMs();
    else if (message.event === "mark" && message.mark?.name) ws.send(JSON.stringify({ event: "mark", streamSid, mark: message.mark }));
  });
  ws.on("error", () => undefined);
  return new Promise((resolve) =>
    ws.once("close", () => {
      clearInterval(timer);
      resolve(result);
    }),
  );
}

process.once("message", (job: ClientsJob) => {
  let started = 0;
  const onFirst = () => {
    // Every call is talking: the steady phase starts now.
    if (++started === job.callIds.length) {
      steadyFrom = clockMs();
      report({ type: "steady", at: steadyFrom });
    }
  };
  // Staggered, the calls open over staggerMs and their 20 ms ticks are spread evenly over the 20 ms
  // (call i a further i × 20 / calls ms late), so their frames, openings and ends fall at different
  // moments, as calls that did not start together do; at once, every call does everything together.
  const calls = job.callIds.length;
  const delayOf = (index: number) => (job.staggerMs ? (index * job.staggerMs) / calls + (index * 20) / calls : 0);
  const opened = (index: number) => new Promise((resolve) => setTimeout(resolve, delayOf(index)));
  void Promise.all(job.callIds.map((callId, index) => opened(index).then(() => twilioCall(job.url, callId, job.seconds, onFirst)))).then(
    (results) => {
      report({ type: "done", results, steadyFrom, sentSinceSteady });
    },
  );
});
