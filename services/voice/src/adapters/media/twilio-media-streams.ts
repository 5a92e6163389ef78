import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "@voxbridge/kit";
import { FRAME_BYTES } from "@voxbridge/speech/line-audio";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { z } from "zod";
import type { IncomingStream } from "../../app/ports";

/**
 * Twilio Media Streams, bidirectional (`<Connect><Stream>`), exactly as Twilio speaks it: inbound
 * `connected`, `start` (with `customParameters`), `media` (base64 μ-law 8 kHz), `mark`, `dtmf`,
 * `stop`; outbound `media`, `mark` and `clear`, each naming the stream.
 */
const Connected = z.object({ event: z.literal("connected"), protocol: z.string().optional(), version: z.string().optional() });
const Start = z.object({
  event: z.literal("start"),
  sequenceNumber: z.coerce.string().optional(),
  streamSid: z.string().min(1).max(64),
  start: z.object({
    streamSid: z.string().min(1).max(64),
    accountSid: z.string().max(64).optional(),
    callSid: z.string().max(64).optional(),
    tracks: z.array(z.string()).optional(),
    customParameters: z.record(z.string(), z.string().max(2048)).default({}),
    mediaFormat: z.object({ encoding: z.literal("audio/x-mulaw"), sampleRate: z.literal(8000), channels: z.literal(1) }).optional(),
  }),
});
const Media = z.object({
  event: z.literal("media"),
  streamSid: z.string(),
  sequenceNumber: z.coerce.string().optional(),
  media: z.object({
    track: z.string().optional(),
    chunk: z.coerce.string().optional(),
    timestamp: z.coerce.number().int().min(0),
    payload: z.string().max(4 * FRAME_BYTES * 2),
  }),
});
const Mark = z.object({ event: z.literal("mark"), streamSid: z.string(), mark: z.object({ name: z.string().max(256) }) });
const Dtmf = z.object({ event: z.literal("dtmf"), streamSid: z.string(), dtmf: z.object({ digit: z.string().regex(/^[0-9*#A-D]$/) }) });
const Stop = z.object({ event: z.literal("stop"), streamSid: z.string() });
const Inbound = z.discriminatedUnion("event", [Connected, Start, Media, Mark, Dtmf, Stop]);

type MediaStream = IncomingStream;

export type MediaStreamServerOptions = {
  server: Server;
  path: string;
  maxMessageBytes: number;
  logger: Logger;
  /** Checks the upgrade request (Twilio's signature, when configured); false refuses it with 403. */
  verifyUpgrade: (request: IncomingMessage) => boolean;
  /** Whether new streams are taken (false while draining: they are refused). */
  accepting: () => boolean;
  /** A stream's `start` arrived; refuse by returning a reason (the stream is closed before any audio). */
  onStart: (stream: MediaStream) => string | null;
  onRefused: (reason: string) => void;
};

/** Attaches the Media Streams endpoint to the service's HTTP server (WebSocket upgrade on `path`). */
export function attachMediaStreams(options: MediaStreamServerOptions): { close: () => Promise<void>; openStreams: () => number } {
  const { logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname !== options.path) return;
    if (!options.accepting()) return refuse(socket, 503, "draining");
    if (!options.verifyUpgrade(request)) return refuse(socket, 403, "bad_signature");
    wss.handleUpgrade(request, socket, head, (ws) => handle(ws, socket));
  };
  const refuse = (socket: Duplex, status: number, reason: string) => {
    options.onRefused(reason);
    logger.warn({ reason }, "media stream upgrade refused");
    socket.end(
      `HTTP/1.1 ${status} ${status === 403 ? "Forbidden" : "Service Unavailable"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    );
  };
  options.server.on("upgrade", upgrade);

  const handle = (ws: WebSocket, socket: Duplex) => {
    let stream: (MediaStream & { emit: Handlers }) | null = null;
    let closed = false;
    const close = (code: number, reason: string) => {
      if (closed) return;
      closed = true;
      ws.close(code, reason.slice(0, 100));
      stream?.emit.close();
    };
    ws.on("error", (error) => logger.warn({ err: error }, "media stream socket error"));
    ws.on("close", () => {
      if (!closed) {
        closed = true;
        stream?.emit.close();
      }
    });
    ws.on("message", (data: RawData, isBinary) => {
      if (closed) return;
      const parsed = isBinary ? null : parse(data);
      if (parsed === null) {
        options.onRefused("malformed");
        logger.warn({ streamSid: stream?.streamSid }, "media stream: malformed message; closing the stream");
        return close(1007, "malformed message");
      }
      if (parsed.event === "connected") return;
      if (parsed.event === "start") {
        if (stream !== null) return close(1008, "second start");
        stream = newStream(parsed.streamSid, parsed.start.customParameters, ws, socket, (reason) => close(1000, reason));
        const refusal = options.onStart(stream);
        if (refusal !== null) {
          options.onRefused(refusal);
          logger.warn({ streamSid: parsed.streamSid, reason: refusal }, "media stream refused");
          return close(1008, refusal);
        }
        return;
      }
      if (stream === null) {
        options.onRefused("no_start");
        logger.warn({ event: parsed.event }, "media stream: message before start; closing");
        return close(1008, "start first");
      }
      if (parsed.streamSid !== stream.streamSid) {
        options.onRefused("wrong_stream");
        logger.warn({ streamSid: stream.streamSid }, "media stream: message for another stream id; closing");
        return close(1008, "wrong stream id");
      }
      switch (parsed.event) {
        case "media": {
          const frame = Buffer.from(parsed.media.payload, "base64");
          if (frame.length === 0 || frame.length > 4 * FRAME_BYTES) {
            options.onRefused("bad_frame");
            logger.warn({ streamSid: stream.streamSid, bytes: frame.length }, "media stream: frame of a wrong size; closing");
            return close(1007, "bad frame");
          }
          return stream.emit.media(new Uint8Array(frame), parsed.media.timestamp);
        }
        case "mark":
          return stream.emit.mark(parsed.mark.name);
        case "dtmf":
          return stream.emit.dtmf(parsed.dtmf.digit, 0);
        case "stop":
          return close(1000, "stopped");
      }
    });
  };

  return {
    openStreams: () => wss.clients.size,
    close: async () => {
      options.server.off("upgrade", upgrade);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

type Handlers = {
  media: (frame: Uint8Array, timestampMs: number) => void;
  mark: (name: string) => void;
  dtmf: (digit: string, timestampMs: number) => void;
  close: () => void;
};

function parse(data: RawData) {
  try {
    const text = Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.from(data as ArrayBuffer).toString("utf8");
    const result = Inbound.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

function newStream(
  streamSid: string,
  customParameters: Record<string, string>,
  ws: WebSocket,
  socket: Duplex,
  end: (reason: string) => void,
): MediaStream & { emit: Handlers } {
  const handlers: Partial<Handlers> = {};
  // What is sent to the line in one turn of the event loop leaves in one socket write: a reply's
  // first frames (the frame due now and the lead after it), a last frame and its mark. One write
  // each would cost a system call each, and 50 replies arriving together wait for all of them.
  let corked = false;
  const sendJson = (message: object) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(() => {
        corked = false;
        socket.uncork();
      });
    }
    ws.send(JSON.stringify(message));
  };
  let closeHandlers: (() => void)[] = [];
  return {
    streamSid,
    customParameters,
    send: {
      media: (frame) => sendJson({ event: "media", streamSid, media: { payload: Buffer.from(frame).toString("base64") } }),
      mark: (name) => sendJson({ event: "mark", streamSid, mark: { name } }),
      clear: () => sendJson({ event: "clear", streamSid }),
    },
    close: end,
    onMedia: (handler) => {
      handlers.media = handler;
    },
    onMark: (handler) => {
      handlers.mark = handler;
    },
    onDtmf: (handler) => {
      handlers.dtmf = handler;
    },
    onClose: (handler) => void closeHandlers.push(handler),
    emit: {
      media: (frame, at) => handlers.media?.(frame, at),
      mark: (name) => handlers.mark?.(name),
      dtmf: (digit, at) => handlers.dtmf?.(digit, at),
      close: () => {
        const run = closeHandlers;
        closeHandlers = [];
        for (const handler of run) handler();
      },
    },
  };
}
