import { Webhook } from "standardwebhooks";
import { signatureHeader, webhookIdOf } from "./signing";

const secret = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;
const other = `whsec_${Buffer.from("fedcba9876543210fedcba9876543210").toString("base64")}`;

describe("Standard Webhooks signatures", () => {
  it("are what the standardwebhooks library computes for the same id, timestamp and body", () => {
    const body = '{"type":"call.queued"}';
    const at = new Date("2026-11-27T00:00:00Z");
    const expected = new Webhook(secret).sign("msg_1", at, body);
    expect(signatureHeader([secret], "msg_1", at.getTime() / 1000, body)).toBe(expected);
  });

  it("carry one space-separated signature per secret, each verifiable on its own", () => {
    const body = '{"a":1}';
    const timestamp = Math.floor(Date.now() / 1000);
    const header = signatureHeader([secret, other], "msg_2", timestamp, body);
    expect(header.split(" ")).toHaveLength(2);
    const headers = { "webhook-id": "msg_2", "webhook-timestamp": String(timestamp), "webhook-signature": header };
    expect(new Webhook(secret).verify(body, headers)).toEqual({ a: 1 });
    expect(new Webhook(other).verify(body, headers)).toEqual({ a: 1 });
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
  });

  it("use a webhook-id derived from the delivery id only", () => {
    expect(webhookIdOf("0b8f7c7e-8f0a-4e55-9a43-5c8c1f0e3b1a")).toBe("msg_0b8f7c7e8f0a4e559a435c8c1f0e3b1a");
  });
});
