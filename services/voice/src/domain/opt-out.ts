/**
 * What a callee says to be left alone. Every grammar the local engine listens with contains these,
 * so an opt-out is heard whatever question is being asked.
 */
export const OPT_OUT_PHRASES = [
  "stop calling me",
  "please stop calling me",
  "stop calling",
  "do not call me again",
  "don't call me again",
  "don't call me",
  "remove me from your list",
  "take me off your list",
  "i do not want any more calls",
  "i don't want any more calls",
] as const;

/** Whether a recognized utterance asks not to be called again. */
export function isOptOut(heard: string): boolean {
  const words = normalize(heard);
  return OPT_OUT_PHRASES.some((phrase) => words.includes(normalize(phrase)));
}

export const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
