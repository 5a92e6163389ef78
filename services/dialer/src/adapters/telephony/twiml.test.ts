import { mintMediaStreamToken, verifyMediaStreamToken } from "@voxbridge/kit/media-token";
import type { DialRequest } from "../../app/ports";
import { mediaStreamTwiml, TWIML_MAX_CHARACTERS } from "./twiml";

const key = "a-media-token-key-of-at-least-32-characters";
const now = new Date("2026-12-07T01:00:00Z");
const dial: DialRequest = {
  callId: "00000000-0000-4000-8000-0000000000aa",
  attempt: 3,
  idempotencyKey: "00000000-0000-4000-8000-0000000000aa:3",
  to: "+14155550100",
  from: null,
  agent: {
    id: "00000000-0000-4000-8000-0000000000bb",
    systemPrompt: `You are <Ada> & "co". ${"Ask politely about the booking. ".repeat(700)}`.slice(0, 20_000),
    voice: "alloy",
    language: "en-US",
    voicemailAction: "hangup",
  },
  maxTalkSeconds: 600,
  conversation: null,
};

describe("the TwiML that connects an answered call to the voice service", () => {
  it("stays under Twilio's 4,000 characters for an agent with a 20,000-character prompt", () => {
    expect(dial.agent.systemPrompt).toHaveLength(20_000);
    const twiml = mediaStreamTwiml("wss://voice.example.com/media", dial, mintMediaStreamToken(key, dial, now));
    expect(twiml.length).toBeLessThan(TWIML_MAX_CHARACTERS);
    expect(twiml).not.toContain("Ask politely");
    expect(twiml).not.toContain(dial.agent.id);
  });

  it("carries only the call id, the attempt and a token the voice service accepts for that attempt", () => {
    const token = mintMediaStreamToken(key, dial, now);
    const twiml = mediaStreamTwiml("wss://voice.example.com/media?region=us&x=1", dial, token);
    expect(twiml).toBe(
      '<Response><Connect><Stream url="wss://voice.example.com/media?region=us&#38;x=1">' +
        `<Parameter name="call_id" value="${dial.callId}"/><Parameter name="attempt" value="3"/>` +
        `<Parameter name="token" value="${token}"/></Stream></Connect></Response>`,
    );
    const parameters = [...twiml.matchAll(/<Parameter name="([^"]+)" value="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]);
    expect(parameters.map(([name]) => name)).toEqual(["call_id", "attempt", "token"]);
    expect(verifyMediaStreamToken(key, String(parameters[2]?.[1]), now)).toEqual({
      ok: true,
      claim: { callId: dial.callId, attempt: 3, expiresAt: new Date("2026-12-07T01:10:00Z") },
    });
  });
});
