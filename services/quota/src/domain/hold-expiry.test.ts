import { holdExpiry } from "./hold-expiry";

const now = new Date("2026-11-27T10:00:00Z");

describe("hold expiry", () => {
  it("gives an unconfirmed hold its TTL from now", () => {
    expect(holdExpiry.unconfirmed(now, 300)).toEqual(new Date("2026-11-27T10:05:00Z"));
  });

  it("gives a confirmed hold the maximum from now, or from its scheduled time when that is later", () => {
    expect(holdExpiry.confirmed(now, null, 86_400)).toEqual(new Date("2026-11-28T10:00:00Z"));
    expect(holdExpiry.confirmed(now, "2026-11-27T09:00:00Z", 86_400)).toEqual(new Date("2026-11-28T10:00:00Z"));
    expect(holdExpiry.confirmed(now, "2026-12-05T00:00:00Z", 86_400)).toEqual(new Date("2026-12-06T00:00:00Z"));
  });
});
