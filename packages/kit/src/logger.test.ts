import { createLogger, scrubSecrets } from "./logger";

const KEY = `sk_live_${"A1b2C3d4".repeat(5)}`;
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ service: "test", level: "debug", destination: { write: (line: string) => void lines.push(line) } });
  return { logger, text: () => lines.join("") };
}

describe("logger", () => {
  it("never writes an API key or signing secret, wherever it appears in a line", () => {
    const { logger, text } = capture();
    logger.info({ req: { method: "GET", url: `/v1/usage?api_key=${KEY}` } }, "request");
    logger.warn({ err: new Error(`refused ${KEY} for ${SECRET}`) }, `oops ${KEY}`);
    logger.info({ authorization: `Bearer ${KEY}`, nested: { note: `key=${KEY}` } }, "done");
    expect(text()).not.toContain(KEY.slice(8));
    expect(text()).not.toContain(SECRET.slice(6));
    expect(text()).toContain("sk_live_[redacted]");
    for (const line of text().trim().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
  });

  it("redacts credential-named query parameters whatever their value", () => {
    expect(scrubSecrets("/v1/calls?token=abc&limit=5&access_token=xyz")).toBe("/v1/calls?token=[redacted]&limit=5&access_token=[redacted]");
    expect(scrubSecrets("/v1/calls?limit=5&offset=10")).toBe("/v1/calls?limit=5&offset=10");
  });
});
