import { honoursRetryAfter, judgeAttempt } from "./delivery-outcome";

const attempt = (status: number | null) => ({ status, error: null, retryAfterMs: null, durationMs: 1 });

describe("judging an attempt", () => {
  it("counts only 2xx as delivered; 410 stops for good; redirects and everything else are retried", () => {
    expect([200, 204, 299].map((s) => judgeAttempt(attempt(s)))).toEqual(["delivered", "delivered", "delivered"]);
    expect(judgeAttempt(attempt(410))).toBe("gone");
    expect([301, 302, 307, 400, 404, 429, 500, 503, null].map((s) => judgeAttempt(attempt(s)))).toEqual(Array(9).fill("retry"));
  });

  it("honours Retry-After only on 429 and 503", () => {
    expect([429, 503].every(honoursRetryAfter)).toBe(true);
    expect([500, 302, null].some(honoursRetryAfter)).toBe(false);
  });
});
