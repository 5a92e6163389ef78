import { mintMediaStreamToken, verifyMediaStreamToken } from "./media-stream-token";

const key = "a-test-key-of-some-length";
const callId = "4f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f";
const now = new Date("2026-12-06T12:00:00Z");

describe("media stream token", () => {
  it("names the call and attempt it was minted for", () => {
    const check = verifyMediaStreamToken(key, mintMediaStreamToken(key, { callId, attempt: 2 }, now), now);
    expect(check).toEqual({ ok: true, claim: { callId, attempt: 2, expiresAt: new Date("2026-12-06T12:10:00Z") } });
  });

  it("is refused once expired", () => {
    const token = mintMediaStreamToken(key, { callId, attempt: 1 }, now, 30);
    expect(verifyMediaStreamToken(key, token, new Date(now.getTime() + 30_000))).toEqual({ ok: false, reason: "expired" });
  });

  it("is refused when signed with another key or edited", () => {
    const token = mintMediaStreamToken("another-key-entirely", { callId, attempt: 1 }, now);
    expect(verifyMediaStreamToken(key, token, now)).toEqual({ ok: false, reason: "bad_signature" });
    const edited = mintMediaStreamToken(key, { callId, attempt: 1 }, now).replace(".1.", ".2.");
    expect(verifyMediaStreamToken(key, edited, now)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("is refused when it is not a token at all", () => {
    for (const junk of ["", "v1", "v1.x.1.2.sig", `v2.${callId}.1.99999999999.sig`, "a.b.c.d.e.f"]) {
      expect(verifyMediaStreamToken(key, junk, now)).toEqual({ ok: false, reason: "malformed" });
    }
  });
});
