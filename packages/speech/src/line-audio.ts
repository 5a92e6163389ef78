import { mulaw } from "alawmulaw";

/** Twilio Media Streams audio: μ-law, 8 kHz, mono, 20 ms per `media` frame (160 bytes). */
export const SAMPLE_RATE = 8000;
export const FRAME_MS = 20;
export const FRAME_BYTES = (SAMPLE_RATE * FRAME_MS) / 1000;
/** μ-law's code for silence (zero amplitude). */
export const MULAW_SILENCE = 0xff;

export const decodeMulaw = (bytes: Uint8Array): Int16Array => mulaw.decode(bytes);
export const encodeMulaw = (samples: Int16Array): Uint8Array => mulaw.encode(samples);

/**
 * 8 kHz to 16 kHz for the recognizer, whose acoustic model is trained at 16 kHz: each sample, then
 * the midpoint to the next. The band above 4 kHz stays empty, as on any telephone line.
 */
export function upsampleTo16k(samples: Int16Array): Int16Array {
  const out = new Int16Array(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    const here = samples[i] ?? 0;
    const next = samples[i + 1] ?? here;
    out[2 * i] = here;
    out[2 * i + 1] = (here + next) >> 1;
  }
  return out;
}

/** 16 kHz synthesized speech to 8 kHz for the line: a [1 2 1]/4 low-pass, then every other sample. */
export function downsampleTo8k(samples: Int16Array): Int16Array {
  const out = new Int16Array(Math.floor(samples.length / 2));
  for (let i = 0; i < out.length; i++) {
    const centre = samples[2 * i] ?? 0;
    const before = samples[2 * i - 1] ?? centre;
    const after = samples[2 * i + 1] ?? centre;
    out[i] = (before + 2 * centre + after) >> 2;
  }
  return out;
}

/**
 * Cuts μ-law audio into whole 20 ms frames; a last partial frame is padded with silence, since Twilio
 * plays only whole frames and a partial one would shift every later frame.
 */
export function toFrames(audio: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset < audio.length; offset += FRAME_BYTES) {
    const frame = new Uint8Array(FRAME_BYTES).fill(MULAW_SILENCE);
    frame.set(audio.subarray(offset, Math.min(offset + FRAME_BYTES, audio.length)));
    frames.push(frame);
  }
  return frames;
}
