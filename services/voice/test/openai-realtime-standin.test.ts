import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";
import { WebSocket } from "ws";
import { startRealtimeStandin } from "./openai-realtime-standin";

/** The stand-in itself: it must refuse what the real service refuses, or the adapter's tests prove nothing. */
let standin: Awaited<ReturnType<typeof startRealtimeStandin>>;
beforeAll(async () => {
  standin = await startRealtimeStandin({ apiKey: "sk-right" });
});
afterAll(() => standin.close());

async function open(key: string) {
  const ws = new WebSocket(`${standin.url}?model=gpt-realtime`, { headers: { Authorization: `Bearer ${key}` } });
  const events: RealtimeServerEvent[] = [];
  ws.on("message", (data) => events.push(JSON.parse(data.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
  });
  const next = async (type: string) => {
    for (let i = 0; i < 100; i++) {
      const found = events.find((e) => e.type === type);
      if (found) {
        events.splice(events.indexOf(found), 1);
        return found;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no ${type}`);
  };
  return { ws, next, send: (event: unknown) => ws.send(typeof event === "string" ? event : JSON.stringify(event)) };
}

describe("the realtime stand-in", () => {
  it("refuses a wrong key with 401 on the upgrade", async () => {
    await expect(open("sk-wrong")).rejects.toThrow("refused 401");
  });

  it.each([
    ["not JSON", "{", "invalid_json"],
    ["an unknown event type", { type: "session.create" }, "invalid_value"],
    ["a beta session (no type)", { type: "session.update", session: { instructions: "x" } }, "invalid_value"],
    ["audio that is not base64", { type: "input_audio_buffer.append", audio: "***" }, "invalid_value"],
    [
      "a truncation of an unknown item",
      { type: "conversation.item.truncate", item_id: "x", content_index: 0, audio_end_ms: 0 },
      "item_not_found",
    ],
    [
      "a tool output for an unknown call",
      { type: "conversation.item.create", item: { type: "function_call_output", call_id: "nope", output: "x" } },
      "invalid_value",
    ],
  ])("answers %s with an error event", async (_what, event, code) => {
    const session = await open("sk-right");
    await session.next("session.created");
    session.send(event);
    const error = (await session.next("error")) as Extract<RealtimeServerEvent, { type: "error" }>;
    expect(error.error.code).toBe(code);
    session.ws.close();
  });

  it("refuses a truncation past the audio the item has", async () => {
    standin.state.turns = [{ say: "Hello there." }];
    const session = await open("sk-right");
    session.send({ type: "response.create" });
    const added = (await session.next("conversation.item.added")) as Extract<RealtimeServerEvent, { type: "conversation.item.added" }>;
    const itemId = added.item.id as string;
    session.send({ type: "conversation.item.truncate", item_id: itemId, content_index: 0, audio_end_ms: 99_999 });
    expect(((await session.next("error")) as Extract<RealtimeServerEvent, { type: "error" }>).error.code).toBe("invalid_value");
    session.send({ type: "conversation.item.truncate", item_id: itemId, content_index: 0, audio_end_ms: 300 });
    expect(await session.next("conversation.item.truncated")).toMatchObject({ item_id: itemId, audio_end_ms: 300 });
    session.ws.close();
  });
});
