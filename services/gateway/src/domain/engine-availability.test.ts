import { engineRefusal } from "./engine-availability";

describe("engineRefusal", () => {
  it("always allows local", () => {
    expect(engineRefusal("local", [])).toBeNull();
  });

  it("allows a realtime engine only when the deployment has its credentials", () => {
    expect(engineRefusal("openai-realtime", ["openai-realtime"])).toBeNull();
    expect(engineRefusal("openai-realtime", ["local"])).toBe("this deployment has no credentials for openai-realtime; available: local");
  });
});
