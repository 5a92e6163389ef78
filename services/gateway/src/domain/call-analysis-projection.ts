import { type CallAnalyzedData, inConversationOrder, recordingPath, type TranscriptTurn, transcriptText } from "@voxbridge/contracts";

/** Where a record's projection of `call.analyzed` stands: the attempt applied and whether a recording was announced. */
export type AnalysisMark = { attempt: number; recordingAvailable: boolean };

/**
 * A `call.analyzed` applies only when it moves the record forward: a later attempt than the one
 * applied, or the same attempt now announcing a recording (stored late). A redelivery, or an older
 * analysis arriving after a newer one, changes nothing.
 */
export function analysisAdvances(current: AnalysisMark | null, incoming: AnalysisMark): boolean {
  if (current === null) return true;
  if (incoming.attempt !== current.attempt) return incoming.attempt > current.attempt;
  return incoming.recordingAvailable && !current.recordingAvailable;
}

/** What an applied `call.analyzed` writes: the record's three fields and the turns in conversation order. */
export type AnalysisProjection = {
  transcript: string | null;
  structuredAnswers: Record<string, unknown> | null;
  recordingUrl: string | null;
  turns: TranscriptTurn[];
};

/**
 * The record's fields from an analysis: the transcript one line per turn in conversation order, the
 * answers as the voice service reported them (those of the last attempt that talked), and the public
 * recording URL when a recording is stored and the partner has not deleted it.
 */
export function analysisProjection(analysis: CallAnalyzedData, options: { recordingDeleted: boolean }): AnalysisProjection {
  return {
    transcript: transcriptText(analysis.turns),
    structuredAnswers: analysis.structured_answers,
    recordingUrl: analysis.recording_available && !options.recordingDeleted ? recordingPath(analysis.call_id) : null,
    turns: inConversationOrder(analysis.turns),
  };
}
