/**
 * Voice activity on the callee's frames: a frame is voiced when its level is above a threshold;
 * speech starts after a short run of voiced frames (a click or a breath is not speech) and ends
 * after a longer run of silent ones (the pause inside a sentence is not its end).
 */
export type VadSettings = { thresholdDbfs: number; startFrames: number; endFrames: number };

/** -40 dBFS: well above a phone line's hiss, well below speech; 3 frames (60 ms) to start; 20 frames (400 ms) to end. */
export const DEFAULT_VAD: VadSettings = { thresholdDbfs: -40, startFrames: 3, endFrames: 20 };

export type VadState = { speaking: boolean; voicedRun: number; silentRun: number };
export const SILENT: VadState = { speaking: false, voicedRun: 0, silentRun: 0 };
export type VadEvent = "speech_started" | "speech_ended" | null;

/** The frame's RMS level in dB relative to full scale (16-bit); -Infinity for digital silence. */
export function levelDbfs(samples: Int16Array): number {
  if (samples.length === 0) return Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (const s of samples) sum += s * s;
  return 20 * Math.log10(Math.sqrt(sum / samples.length) / 32768);
}

/** The next state after one frame, and whether speech just started or ended. */
export function nextVoiceActivity(
  state: VadState,
  frameDbfs: number,
  settings: VadSettings = DEFAULT_VAD,
): { state: VadState; event: VadEvent } {
  const voiced = frameDbfs > settings.thresholdDbfs;
  const voicedRun = voiced ? state.voicedRun + 1 : 0;
  const silentRun = voiced ? 0 : state.silentRun + 1;
  if (!state.speaking && voicedRun >= settings.startFrames)
    return { state: { speaking: true, voicedRun, silentRun }, event: "speech_started" };
  if (state.speaking && silentRun >= settings.endFrames) return { state: { speaking: false, voicedRun, silentRun }, event: "speech_ended" };
  return { state: { speaking: state.speaking, voicedRun, silentRun }, event: null };
}
