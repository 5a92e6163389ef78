import { engineRefusal, modelRefusal } from "./engine-availability";

describe("engineRefusal", () => {
  it("always allows local", () => {
    expect(engineRefusal("local", [])).toBeNull();
  });

  it("allows a realtime engine only when the deployment has its credentials", () => {
    expect(engineRefusal("openai-realtime", ["openai-realtime"])).toBeNull();
    expect(engineRefusal("openai-realtime", ["local"])).toBe("this deployment has no credentials for openai-realtime; available: local");
  });
});

describe("modelRefusal", () => {
  it("allows only a model the deployment offers, and says which it does", () => {
    expect(modelRefusal("gpt-realtime-mini", ["gpt-realtime", "gpt-realtime-mini"])).toBeNull();
    expect(modelRefusal("gpt-4o-realtime-preview", ["gpt-realtime"])).toBe(
      "this deployment offers no model gpt-4o-realtime-preview; available: gpt-realtime",
    );
    expect(modelRefusal("gpt-realtime", [])).toBe("this deployment offers no model gpt-realtime; available: none");
  });
});
