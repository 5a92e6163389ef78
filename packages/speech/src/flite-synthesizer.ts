import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { downsampleTo8k, encodeMulaw, SAMPLE_RATE } from "./line-audio";
import type { SpeechSynthesizer } from "./synthesizer";

const run = promisify(execFile);

export type TtsVoice = { engine: "flite"; voice: string } | { engine: "espeak-ng"; voice: string };

/** Debian's flite voices (rms, slt, kal, awb) and, where flite is missing, espeak-ng. */
export function createLocalSynthesizer(voice: TtsVoice): SpeechSynthesizer {
  return {
    async synthesize(text: string) {
      // A file, not stdout: Node's child pipes are sockets, which flite cannot open as /dev/stdout.
      const dir = await mkdtemp(path.join(tmpdir(), "voxbridge-tts-"));
      const file = path.join(dir, "speech.wav");
      try {
        const args = voice.engine === "flite" ? ["-voice", voice.voice, "-t", text, "-o", file] : ["-v", voice.voice, "-w", file, text];
        await run(voice.engine, args);
        return wavToLineAudio(await readFile(file));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A mono 16-bit PCM WAV at any rate to 8 kHz μ-law. */
export function wavToLineAudio(wav: Buffer): Uint8Array {
  const rate = wav.readUInt32LE(24);
  let offset = 12;
  let data: Buffer | undefined;
  while (offset + 8 <= wav.length) {
    const id = wav.toString("ascii", offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    // Streamed WAVs (to a pipe) may carry a placeholder size: take what is there.
    if (id === "data") data = wav.subarray(offset + 8, Math.min(wav.length, offset + 8 + size));
    offset += 8 + size;
  }
  if (data === undefined) throw new Error("synthesizer returned no audio");
  const samples = new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + (data.length & ~1)));
  return encodeMulaw(resampleTo8k(samples, rate));
}

function resampleTo8k(samples: Int16Array, rate: number): Int16Array {
  if (rate === SAMPLE_RATE) return samples;
  if (rate === 2 * SAMPLE_RATE) return downsampleTo8k(samples);
  // Any other rate (espeak-ng's 22.05 kHz): average the source samples each output sample covers.
  const ratio = rate / SAMPLE_RATE;
  const out = new Int16Array(Math.floor(samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const from = Math.floor(i * ratio);
    const to = Math.max(from + 1, Math.floor((i + 1) * ratio));
    let sum = 0;
    for (let j = from; j < to; j++) sum += samples[j] ?? 0;
    out[i] = Math.round(sum / (to - from));
  }
  return out;
}
