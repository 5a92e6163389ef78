/**
 * The clock every process of bench:relay stamps with, and the frames that carry their own send time.
 *
 * The Twilio clients, the voice service and the provider stand-in run as separate processes, so a
 * latency is one process's stamp subtracted from another's. `process.hrtime` reads CLOCK_MONOTONIC,
 * which on Linux is one clock for the whole machine: two processes reading it at the same instant
 * read the same value, and nothing (NTP, a wall-clock step) moves it. `performance.timeOrigin +
 * performance.now()` would do too, but its origin is the wall clock read once at each process's
 * start, so two processes' values can differ by that reading's error.
 */
export const clockMs = (): number => Number(process.hrtime.bigint()) / 1e6;

const FRAME = 160;
/** The send time, 4 bits a byte in quiet μ-law codes (0xF0–0xFF, |sample| ≤ 120), so a near-silent frame stays under any VAD threshold. */
const TAG_BYTES = 16;

/** The stamp of `at` (the shared clock's nanoseconds): the first bytes of a stamped frame. */
export function stamp(at: bigint): Buffer {
  const tag = Buffer.alloc(TAG_BYTES);
  let ns = at;
  for (let i = 0; i < TAG_BYTES; i++) {
    tag[i] = 0xf0 | Number(ns & 0xfn);
    ns >>= 4n;
  }
  return tag;
}

/** A 20 ms μ-law frame stamped with `at` (the shared clock's nanoseconds), loud or near-silent after the stamp. */
export function stampedFrame(loud: boolean, at: bigint): Buffer {
  const frame = Buffer.alloc(FRAME, 0xff);
  stamp(at).copy(frame);
  if (loud) for (let i = TAG_BYTES; i < FRAME; i++) frame[i] = i % 2 === 0 ? 0x00 : 0x80;
  return frame;
}

/** When a stamped frame was built, in the shared clock's milliseconds; null for a frame that carries no stamp. */
export function stampOf(frame: Uint8Array): number | null {
  if (frame.length < TAG_BYTES) return null;
  let ns = 0n;
  for (let i = TAG_BYTES - 1; i >= 0; i--) {
    const byte = frame[i] ?? 0;
    if ((byte & 0xf0) !== 0xf0) return null;
    ns = (ns << 4n) | BigInt(byte & 0xf);
  }
  return Number(ns) / 1e6;
}

/** What a child process of bench:relay reports to the benchmark. */
/** `staggerMs`: the calls open spread over it, their 20 ms ticks out of phase (0: all at once, in phase). */
export type ClientsJob = { url: string; callIds: string[]; seconds: number; staggerMs?: number };
/** `replies`: each agent reply's latency, from the provider's stamp on its audio to its first frame here (ms). */
export type CallResult = { callId: string; firstAgentFrameAt: number; clearAt: number; loudAt: number; sent: number; replies: number[] };
export type ClientsReport =
  | { type: "steady"; at: number }
  | { type: "done"; results: CallResult[]; steadyFrom: number; sentSinceSteady: number };
/** Arrivals at a server: each frame's stamp and its arrival, in the shared clock's milliseconds. */
export type Arrivals = { stamps: number[]; arrivals: number[] };
export type ServerReport =
  | { type: "listening"; url: string; apiUrl: string }
  | { type: "arrivals"; inbound: Arrivals; speechStarted: [string, number][] };
