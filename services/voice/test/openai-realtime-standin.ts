import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { decodeMulaw, encodeMulaw } from "@voxbridge/speech/line-audio";
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import type { RealtimeClientEvent, RealtimeServerEvent } from "openai/resources/realtime/realtime";
import { type WebSocket, WebSocketServer } from "ws";
import { levelDbfs } from "../src/domain/voice-activity";

/**
 * A stand-in for OpenAI Realtime (GA WebSocket protocol) that plays the model for the tests. Every
 * message it sends is typed by the `openai` package's `RealtimeServerEvent`, and it reads the client's
 * events as `RealtimeClientEvent`, refusing malformed ones with an `error` event as the real service
 * does. It checks the key on the upgrade (401 otherwise), detects the callee's turns itself (server
 * VAD on the μ-law it receives), transcribes each turn with the next of the test's `heard` lines, and
 * answers each `response.create` with the next scripted turn: words (μ-law audio of 60 ms a character,
 * sent in pieces that are not whole frames), a tool call, or a dropped socket. A response whose
 * instructions quote a line («…») says that line, as a model told to say it word for word would.
 * The same server answers Chat Completions (`POST /v1/chat/completions`) with a strict JSON-schema
 * output, for the post-call extraction: the test's `extraction` object is the model's answer.
 */
type ModelTurn = { say?: string; tool?: { name: string; arguments: unknown }; drop?: true };

/** One session: the client events it got, the errors it answered, and the model its URL named (`?model=`). */
type StandinConnection = { received: RealtimeClientEvent[]; errors: string[]; socket: WebSocket; model: string | null };

/**
 * A reply's audio, `ms` long, in base64 pieces of 1,000 bytes (not whole frames). Kept per length: a
 * benchmark's 50 calls are answered at the same moment, and making the same tone for each would hold
 * up the stand-in's event loop, and with it the times it notes for the frames it receives.
 */
const replyAudio = new Map<number, string[]>();
function replyDeltas(ms: number): string[] {
  let deltas = replyAudio.get(ms);
  if (deltas === undefined) {
    const audio = encodeMulaw(Int16Array.from({ length: ms * 8 }, (_, i) => Math.round(3000 * Math.sin(i / 4))));
    deltas = [];
    for (let offset = 0; offset < audio.length; offset += 1000)
      deltas.push(Buffer.from(audio.subarray(offset, offset + 1000)).toString("base64"));
    replyAudio.set(ms, deltas);
  }
  return deltas;
}

export async function startRealtimeStandin(options: { apiKey: string }) {
  const state = {
    turns: [] as ModelTurn[],
    heard: [] as string[],
    connections: [] as StandinConnection[],
    /** Upgrades answered with this status instead of a session (e.g. 503 to make a reconnect fail). */
    refuseWith: null as number | null,
    /** The key it accepts; any other gets 401 on the upgrade. */
    apiKey: options.apiKey,
    /** How long the upgrade takes (a slow provider). */
    upgradeDelayMs: 0,
    /** What the extraction "reads" from a transcript; the requests it got. */
    extraction: {} as Record<string, unknown>,
    extractionRequests: [] as ChatCompletionCreateParamsNonStreaming[],
    /** Keep every client event in `received` (a benchmark turns it off: 50 calls append 2,500 frames a second). */
    keepEvents: true,
    /** Timing hooks (benchmarks): each appended frame, each speech_started (`session` is its instructions). */
    onAppend: undefined as ((audio: Buffer) => void) | undefined,
    onSpeechStarted: undefined as ((session: string) => void) | undefined,
    /** Bytes written over the start of each reply's audio as it is sent (a benchmark's send-time stamp). */
    stampReply: undefined as (() => Uint8Array) | undefined,
  };
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((request, response) => {
    const fail = (status: number, message: string) =>
      response
        .writeHead(status, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { type: "invalid_request_error", message } }));
    if (request.method !== "POST" || request.url !== "/v1/chat/completions") return void fail(404, "Not found");
    if (request.headers.authorization !== `Bearer ${state.apiKey}`) return void fail(401, "Incorrect API key provided");
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as ChatCompletionCreateParamsNonStreaming;
      const format = body.response_format;
      if (format?.type !== "json_schema" || format.json_schema.strict !== true || typeof format.json_schema.schema !== "object")
        return void fail(400, "response_format must be a strict json_schema");
      const schema = format.json_schema.schema as { required?: string[]; additionalProperties?: boolean; properties?: object };
      // Strict mode: every property required, no others allowed.
      if (schema.additionalProperties !== false || Object.keys(schema.properties ?? {}).some((k) => !schema.required?.includes(k)))
        return void fail(
          400,
          "Invalid schema for response_format: strict mode needs every property required and additionalProperties false",
        );
      state.extractionRequests.push(body);
      const completion: ChatCompletion = {
        id: id("chatcmpl"),
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [
          {
            index: 0,
            finish_reason: "stop",
            logprobs: null,
            message: { role: "assistant", content: JSON.stringify(state.extraction), refusal: null },
          },
        ],
      };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion));
    });
    return undefined;
  });
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const status = request.headers.authorization !== `Bearer ${state.apiKey}` ? 401 : state.refuseWith;
    if (status !== null) {
      const body = JSON.stringify({ error: { type: "invalid_request_error", code: status === 401 ? "invalid_api_key" : "unavailable" } });
      socket.end(`HTTP/1.1 ${status} Refused\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
      return;
    }
    setTimeout(
      () =>
        wss.handleUpgrade(request, socket, head, (ws) =>
          session(ws, socket, new URL(request.url ?? "/", "http://standin").searchParams.get("model")),
        ),
      state.upgradeDelayMs,
    );
  });

  let ids = 0;
  const id = (prefix: string) => `${prefix}_${++ids}`;

  function session(ws: WebSocket, socket: Duplex, model: string | null) {
    const connection: StandinConnection = { received: [], errors: [], socket: ws, model };
    state.connections.push(connection);
    const items: { id: string; role: string; audioMs: number }[] = [];
    const calls = new Set<string>();
    let audioMs = 0;
    let voiced = 0;
    let silent = 0;
    let speechItem: string | null = null;
    let activeResponse: string | null = null;
    let sessionInstructions = "";
    const send = (event: RealtimeServerEvent) => ws.send(JSON.stringify(event));
    const refuse = (message: string, code: string, eventId?: string) => {
      connection.errors.push(message);
      send({ type: "error", event_id: id("event"), error: { type: "invalid_request_error", code, message, event_id: eventId ?? null } });
    };
    const addItem = (itemId: string, role: "user" | "assistant") => {
      const previous = items.at(-1)?.id ?? null;
      items.push({ id: itemId, role, audioMs: 0 });
      send({
        type: "conversation.item.added",
        event_id: id("event"),
        previous_item_id: previous,
        item: role === "user" ? { id: itemId, type: "message", role, content: [] } : { id: itemId, type: "message", role, content: [] },
      });
    };
    send({ type: "session.created", event_id: id("event"), session: { type: "realtime", model: model ?? "gpt-realtime" } });

    /**
     * A response's events leave in one socket write, as a provider's buffered stream arrives: one
     * write per event (33 for a greeting) would keep the stand-in busy for a millisecond and more
     * per response, and with it the times it notes for the frames it receives.
     */
    const respond = (instructions: string | undefined) => {
      socket.cork();
      try {
        respondNow(instructions);
      } finally {
        socket.uncork();
      }
    };
    const respondNow = (instructions: string | undefined) => {
      const responseId = id("resp");
      activeResponse = responseId;
      send({ type: "response.created", event_id: id("event"), response: { id: responseId, status: "in_progress", output: [] } });
      const quoted = instructions?.match(/«(.*)»/s)?.[1];
      const turn: ModelTurn = quoted !== undefined ? { say: quoted } : (state.turns.shift() ?? {});
      if (turn.drop) return void ws.terminate();
      if (turn.say !== undefined) {
        const itemId = id("item");
        addItem(itemId, "assistant");
        const ms = Math.max(400, 60 * turn.say.length);
        (items.at(-1) as { audioMs: number }).audioMs = ms;
        const deltas = replyDeltas(ms);
        const stamp = state.stampReply?.();
        for (const [index, cached] of deltas.entries()) {
          let delta = cached;
          if (index === 0 && stamp) {
            const audio = Buffer.from(cached, "base64");
            audio.set(stamp);
            delta = audio.toString("base64");
          }
          send({
            type: "response.output_audio.delta",
            event_id: id("event"),
            response_id: responseId,
            item_id: itemId,
            output_index: 0,
            content_index: 0,
            delta,
          });
        }
        send({
          type: "response.output_audio.done",
          event_id: id("event"),
          response_id: responseId,
          item_id: itemId,
          output_index: 0,
          content_index: 0,
        });
        send({
          type: "response.output_audio_transcript.done",
          event_id: id("event"),
          response_id: responseId,
          item_id: itemId,
          output_index: 0,
          content_index: 0,
          transcript: turn.say,
        });
      }
      if (turn.tool !== undefined) {
        const itemId = id("item");
        const callId = id("call");
        calls.add(callId);
        const args = JSON.stringify(turn.tool.arguments);
        items.push({ id: itemId, role: "function_call", audioMs: 0 });
        send({
          type: "conversation.item.added",
          event_id: id("event"),
          previous_item_id: items.at(-2)?.id ?? null,
          item: { id: itemId, type: "function_call", name: turn.tool.name, call_id: callId, arguments: "" },
        });
        send({
          type: "response.function_call_arguments.done",
          event_id: id("event"),
          response_id: responseId,
          item_id: itemId,
          output_index: 0,
          call_id: callId,
          name: turn.tool.name,
          arguments: args,
        });
      }
      activeResponse = null;
      send({ type: "response.done", event_id: id("event"), response: { id: responseId, status: "completed", output: [] } });
    };

    /** Server VAD: 3 voiced frames start a turn, 500 ms of silence ends it. */
    const listen = (frame: Uint8Array) => {
      const level = levelDbfs(decodeMulaw(frame));
      audioMs += (frame.length / 8000) * 1000;
      if (level > -40) {
        voiced += 1;
        silent = 0;
      } else {
        silent += 1;
        voiced = 0;
      }
      if (speechItem === null && voiced === 3) {
        speechItem = id("item");
        send({ type: "input_audio_buffer.speech_started", event_id: id("event"), item_id: speechItem, audio_start_ms: audioMs - 60 });
        state.onSpeechStarted?.(sessionInstructions);
      } else if (speechItem !== null && silent === 25) {
        const itemId = speechItem;
        speechItem = null;
        send({ type: "input_audio_buffer.speech_stopped", event_id: id("event"), item_id: itemId, audio_end_ms: audioMs - 500 });
        send({ type: "input_audio_buffer.committed", event_id: id("event"), item_id: itemId, previous_item_id: items.at(-1)?.id ?? null });
        addItem(itemId, "user");
        send({
          type: "conversation.item.input_audio_transcription.completed",
          event_id: id("event"),
          item_id: itemId,
          content_index: 0,
          transcript: state.heard.shift() ?? "(inaudible)",
          usage: { type: "duration", seconds: 1 },
        });
      }
    };

    ws.on("message", (data, isBinary) => {
      // Every client event is JSON in a text frame.
      if (isBinary) return refuse("Binary frames are not supported: send events as text.", "invalid_value");
      let event: RealtimeClientEvent;
      try {
        event = JSON.parse(data.toString()) as RealtimeClientEvent;
      } catch {
        return refuse("The message is not valid JSON.", "invalid_json");
      }
      if (state.keepEvents || event.type !== "input_audio_buffer.append") connection.received.push(event);
      switch (event.type) {
        case "session.update": {
          const session = event.session;
          if (session.type !== "realtime") return refuse("session.type must be 'realtime'", "invalid_value", event.event_id);
          sessionInstructions = session.instructions ?? sessionInstructions;
          const formats = [session.audio?.input?.format?.type, session.audio?.output?.format?.type];
          if (formats.some((f) => f !== undefined && !["audio/pcm", "audio/pcmu", "audio/pcma"].includes(f)))
            return refuse("Invalid audio format", "invalid_value", event.event_id);
          return send({ type: "session.updated", event_id: id("event"), session });
        }
        case "input_audio_buffer.append": {
          if (typeof event.audio !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(event.audio))
            return refuse("audio must be base64", "invalid_value", event.event_id);
          const audio = Buffer.from(event.audio, "base64");
          state.onAppend?.(audio);
          return listen(audio);
        }
        case "conversation.item.create": {
          const item = event.item;
          if (item.type === "function_call_output" && !calls.has(item.call_id))
            return refuse(`No function call with call_id ${item.call_id}`, "invalid_value", event.event_id);
          if (item.type === "message") addItem(id("item"), item.role === "user" ? "user" : "assistant");
          return;
        }
        case "conversation.item.truncate": {
          const item = items.find((i) => i.id === event.item_id);
          if (item === undefined || item.role !== "assistant")
            return refuse(`Item ${event.item_id} is not an assistant message`, "item_not_found", event.event_id);
          if (event.content_index !== 0 || event.audio_end_ms > item.audioMs)
            return refuse("audio_end_ms is longer than the item's audio", "invalid_value", event.event_id);
          item.audioMs = event.audio_end_ms;
          return send({
            type: "conversation.item.truncated",
            event_id: id("event"),
            item_id: event.item_id,
            content_index: 0,
            audio_end_ms: event.audio_end_ms,
          });
        }
        case "response.create":
          if (activeResponse !== null)
            return refuse("Conversation already has an active response", "conversation_already_has_active_response", event.event_id);
          return respond(event.response?.instructions);
        case "response.cancel":
          return;
        default:
          return refuse(`Invalid value: '${(event as { type: string }).type}'`, "invalid_value");
      }
    });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/realtime`,
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    state,
    /** Drops every open session (a mid-call disconnect). */
    dropAll() {
      for (const c of state.connections) c.socket.terminate();
    },
    async close() {
      for (const c of state.connections) c.socket.terminate();
      wss.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
