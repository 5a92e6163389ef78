import { durationRefusal, engineRefusal, modelRefusal } from "./engine-availability";

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

describe("durationRefusal", () => {
  it("bounds an agent's maximum duration on a realtime engine by the provider's session, never on local", () => {
    expect(durationRefusal("openai-realtime", 3_540, 3_540)).toBeNull();
    expect(durationRefusal("local", 14_400, 3_540)).toBeNull();
    expect(durationRefusal("openai-realtime", 3_600, 3_540)).toBe(
      "at most 3540 seconds on openai-realtime (the provider's session limit, less a minute for the agent's closing line); got 3600",
    );
  });
});
