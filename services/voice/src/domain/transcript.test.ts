import { inConversationOrder, playedText, type Turn, transcriptText } from "./transcript";

const turn = (speaker: Turn["speaker"], text: string, start: number, attempt = 1): Turn => ({
  speaker,
  text,
  attempt,
  start_ms: start,
  end_ms: start + 500,
});

describe("transcript", () => {
  it("orders turns by when they started, not by when their text arrived", () => {
    // The recognizer's result for the callee arrives after the agent's next reply began.
    const arrived = [turn("agent", "Which day?", 0), turn("agent", "I heard monday.", 3000), turn("callee", "monday", 1500)];
    expect(inConversationOrder(arrived).map((t) => t.text)).toEqual(["Which day?", "monday", "I heard monday."]);
  });

  it("puts earlier attempts first", () => {
    expect(inConversationOrder([turn("agent", "b", 0, 2), turn("agent", "a", 9000, 1)]).map((t) => t.text)).toEqual(["a", "b"]);
  });

  it("keeps only the words of a reply that were played before a barge-in", () => {
    expect(playedText("one two three four", 1000, 2000)).toBe("one two");
    expect(playedText("one two three four", 2000, 2000)).toBe("one two three four");
    expect(playedText("one two three four", 0, 2000)).toBe("");
  });

  it("writes one line per turn with the speaker", () => {
    expect(transcriptText([turn("callee", "hello", 0), turn("agent", "Hi.", 100)])).toBe("callee: hello\nagent: Hi.");
  });
});
