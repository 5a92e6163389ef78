/** One turn of the conversation, on the call's timeline (ms from the media's start). */
export type Turn = { speaker: "agent" | "callee"; text: string; attempt: number; start_ms: number; end_ms: number };

/**
 * The turns in conversation order: by when each turn started, not by when its text became known
 * (a recognizer's result arrives after the agent may already have started its next reply).
 */
export const inConversationOrder = (turns: readonly Turn[]): Turn[] =>
  [...turns].sort(
    (a, b) => a.attempt - b.attempt || a.start_ms - b.start_ms || (a.speaker === b.speaker ? 0 : a.speaker === "callee" ? -1 : 1),
  );

/**
 * What the callee heard of a reply cut off after `playedMs` of its `totalMs`: the words that fit
 * in the played share of its length, whole words only. The transcript keeps only what was played.
 */
export function playedText(text: string, playedMs: number, totalMs: number): string {
  if (totalMs <= 0 || playedMs >= totalMs) return text;
  if (playedMs <= 0) return "";
  const words = text.split(/\s+/).filter(Boolean);
  const keep = Math.floor((words.length * playedMs) / totalMs);
  return words.slice(0, keep).join(" ");
}

/** The record's one-line-per-turn text: `agent: …` / `callee: …`. */
export const transcriptText = (turns: readonly Turn[]): string =>
  inConversationOrder(turns)
    .map((t) => `${t.speaker}: ${t.text}`)
    .join("\n");
