import {
  reportOfTwilioAmd,
  reportOfTwilioStatus,
  traceparentOfCallback,
  twilioCallbackUrl,
  twilioSignature,
  verifyTwilioSignature,
} from "./twilio";

const token = "12345";
const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
const params = { CallSid: "CA1234567890ABCDE", Caller: "+12349013030", Digits: "1234", From: "+12349013030", To: "+18005551212" };

describe("Twilio request signatures", () => {
  it("matches the example in Twilio's security documentation", () => {
    expect(twilioSignature(token, url, params)).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  });

  it("does not depend on the order parameters arrive in", () => {
    const reversed = Object.fromEntries(Object.entries(params).reverse());
    expect(twilioSignature(token, url, reversed)).toBe(twilioSignature(token, url, params));
  });

  it("rejects a missing header, a tampered parameter, another URL and another token", () => {
    const good = twilioSignature(token, url, params);
    expect(verifyTwilioSignature(token, url, params, good)).toBe(true);
    expect(verifyTwilioSignature(token, url, params, undefined)).toBe(false);
    expect(verifyTwilioSignature(token, url, { ...params, To: "+18005551213" }, good)).toBe(false);
    expect(verifyTwilioSignature(token, `${url}&x=1`, params, good)).toBe(false);
    expect(verifyTwilioSignature("54321", url, params, good)).toBe(false);
    expect(verifyTwilioSignature(token, url, params, "short")).toBe(false);
  });
});

describe("Twilio call statuses", () => {
  it("maps every Twilio status onto our reports", () => {
    expect(reportOfTwilioStatus({ CallStatus: "queued" })).toBeNull();
    expect(reportOfTwilioStatus({ CallStatus: "ringing" })).toEqual({ kind: "ringing" });
    expect(reportOfTwilioStatus({ CallStatus: "in-progress" })).toEqual({ kind: "answered" });
    expect(reportOfTwilioStatus({ CallStatus: "completed", CallDuration: "61" })).toMatchObject({
      kind: "ended",
      outcome: "completed",
      talkSeconds: 61,
    });
    expect(reportOfTwilioStatus({ CallStatus: "completed", CallDuration: "20", AnsweredBy: "machine_end_beep" })).toMatchObject({
      outcome: "voicemail",
    });
    expect(reportOfTwilioStatus({ CallStatus: "busy" })).toMatchObject({ kind: "ended", outcome: "busy" });
    expect(reportOfTwilioStatus({ CallStatus: "no-answer" })).toMatchObject({ kind: "ended", outcome: "no_answer" });
    expect(reportOfTwilioStatus({ CallStatus: "failed", ErrorMessage: "invalid number" })).toMatchObject({
      outcome: "rejected",
      detail: "invalid number",
    });
    expect(reportOfTwilioStatus({ CallStatus: "canceled" })).toMatchObject({ kind: "ended", outcome: "canceled" });
    expect(reportOfTwilioStatus({ CallStatus: "something-new" })).toBeNull();
  });
});

describe("Twilio's asynchronous answering machine verdict", () => {
  it("passes AnsweredBy on as a machine report, and nothing without one", () => {
    expect(reportOfTwilioAmd({ AnsweredBy: "machine_end_beep" })).toEqual({ kind: "machine", answeredBy: "machine_end_beep" });
    expect(reportOfTwilioAmd({ AnsweredBy: "human" })).toEqual({ kind: "machine", answeredBy: "human" });
    expect(reportOfTwilioAmd({})).toBeNull();
  });
});

describe("Twilio callback URLs", () => {
  const callId = "00000000-0000-4000-8000-0000000000aa";
  const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  it("names the attempt, and hands on the dial's traceparent only when there is one", () => {
    expect(twilioCallbackUrl("https://dialer.example.com", "/twilio/status", { callId, attempt: 2 })).toBe(
      `https://dialer.example.com/twilio/status?call_id=${callId}&attempt=2`,
    );
    expect(twilioCallbackUrl("https://dialer.example.com", "/twilio/status", { callId, attempt: 2, traceparent: undefined })).toBe(
      `https://dialer.example.com/twilio/status?call_id=${callId}&attempt=2`,
    );
    const traced = twilioCallbackUrl("https://dialer.example.com/", "/twilio/amd", { callId, attempt: 1, traceparent });
    expect(traced).toBe(`https://dialer.example.com/twilio/amd?call_id=${callId}&attempt=1&traceparent=${traceparent}`);
    expect(new URL(traced).searchParams.get("traceparent")).toBe(traceparent);
  });

  it("takes a callback's traceparent only when it is a well-formed one", () => {
    expect(traceparentOfCallback(traceparent)).toBe(traceparent);
    for (const bad of [undefined, "", "garbage", `${traceparent}-extra`, `00-${"0".repeat(32)}-00f067aa0ba902b7-01`, [traceparent], {}])
      expect([bad, traceparentOfCallback(bad)]).toEqual([bad, undefined]);
  });
});
