import { cachedSynthesizer, type SpeechSynthesizer } from "./synthesizer";

describe("the cached synthesizer", () => {
  it("synthesizes each text once while it is among the last ones used, and again after a failure", async () => {
    const asked: string[] = [];
    let fail = true;
    const voice: SpeechSynthesizer = {
      synthesize: async (text) => {
        asked.push(text);
        if (text === "flaky" && fail) {
          fail = false;
          throw new Error("flite failed");
        }
        return Uint8Array.of(text.length);
      },
    };
    const cached = cachedSynthesizer(voice, 2);
    expect(await cached.synthesize("hello?")).toEqual(Uint8Array.of(6));
    await cached.synthesize("yes");
    await cached.synthesize("hello?");
    await cached.synthesize("no"); // evicts "yes", the least recently used
    await cached.synthesize("hello?");
    await cached.synthesize("yes");
    expect(asked).toEqual(["hello?", "yes", "no", "yes"]);
    await expect(cached.synthesize("flaky")).rejects.toThrow("flite failed");
    expect(await cached.synthesize("flaky")).toEqual(Uint8Array.of(5));
  });
});
