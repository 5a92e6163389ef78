import { AppError } from "@voxbridge/kit/core";
import type { RecordingAnswer, TranscriptStore, VoiceRecordings } from "./ports";

export type CallRecordingDeps = { transcripts: TranscriptStore; recordings: VoiceRecordings; now: () => Date };

const noRecording = () => new AppError("not_found", "No recording for this call", { param: "call_id" });
const noCall = () => new AppError("not_found", "No call with this id", { param: "call_id" });

/**
 * The org's call recording, as the voice service serves it (the gateway never reads its bucket).
 * Another org's call, a call without a stored recording, or one the partner deleted: 404. The voice
 * service down: 503.
 */
export async function getCallRecording(deps: CallRecordingDeps, orgId: string, callId: string): Promise<RecordingAnswer> {
  const state = await deps.transcripts.recordingOf(orgId, callId);
  if (!state) throw noCall();
  if (!state.available) throw noRecording();
  return (await deps.recordings.fetch(callId)) ?? Promise.reject(noRecording());
}

/**
 * Deletes the call's audio before its retention ends: the voice service deletes the object, then the
 * record forgets `recording_url` (a later `call.analyzed` does not bring it back). 404 when there is
 * nothing to delete; 503 when the voice service is down (nothing changed, retry).
 */
export async function deleteCallRecording(deps: CallRecordingDeps, orgId: string, callId: string): Promise<void> {
  const state = await deps.transcripts.recordingOf(orgId, callId);
  if (!state) throw noCall();
  if (!state.available) throw noRecording();
  await deps.recordings.delete(callId);
  await deps.transcripts.markRecordingDeleted(orgId, callId, deps.now());
}
