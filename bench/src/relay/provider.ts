// bench:relay's far end, a process of its own: `bare` is a WebSocket server that takes the Twilio
// clients' frames straight (the one-hop baseline), `standin` the OpenAI Realtime stand-in the voice
// service talks to. Either notes each stamped frame's arrival on the shared clock, and on the
// benchmark's `report` message stops taking connections and sends what it noted (the benchmark then
// ends it).
import { once } from "node:events";
import { WebSocketServer } from "ws";
import { startRealtimeStandin } from "../../../services/voice/test/openai-realtime-standin";
import { type Arrivals, clockMs, type ServerReport, stamp, stampOf } from "./clock";

const report = (message: ServerReport) => process.send?.(message);
const inbound: Arrivals = { stamps: [], arrivals: [] };
const arrived = (frame: Uint8Array) => {
  const now = clockMs();
  const stamp = stampOf(frame);
  if (stamp === null) return;
  inbound.stamps.push(stamp);
  inbound.arrivals.push(now);
};
const speechStarted = new Map<string, number>();

async function main() {
  let close: () => Promise<void>;
  if (process.argv[2] === "bare") {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await once(wss, "listening");
    wss.on("connection", (ws) =>
      ws.on("message", (data) => {
        const message = JSON.parse(data.toString()) as { event?: string; media?: { payload: string } };
        if (message.event === "media" && message.media) arrived(Buffer.from(message.media.payload, "base64"));
      }),
    );
    const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/media`;
    report({ type: "listening", url, apiUrl: "" });
    close = () => new Promise((resolve) => wss.close(() => resolve()));
  } else {
    const standin = await startRealtimeStandin({ apiKey: process.argv[3] ?? "" });
    standin.state.keepEvents = false;
    standin.state.onAppend = arrived;
    // Every reply's audio starts with its send time, read by the Twilio clients off its first frame.
    standin.state.stampReply = () => stamp(process.hrtime.bigint());
    standin.state.onSpeechStarted = (session) => {
      if (!speechStarted.has(session)) speechStarted.set(session, clockMs());
    };
    // The model's greeting: long enough to be talked over (60 ms a character).
    standin.state.turns = Array.from({ length: Number(process.argv[4] ?? 50) * 4 }, () => ({
      say: "Hello, this is the clinic calling about your visit next week.",
    }));
    report({ type: "listening", url: standin.url, apiUrl: standin.apiUrl });
    close = () => standin.close();
  }
  process.once("message", () => {
    void close().then(() => report({ type: "arrivals", inbound, speechStarted: [...speechStarted] }));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
