import { Webhook } from "standardwebhooks";
import { verifyWebhook, WebhookVerificationError } from "./webhooks";

const secret = `whsec_${Buffer.from("a test secret of enough bytes!!").toString("base64")}`;
const body = JSON.stringify({
  type: "call.completed",
  timestamp: "2026-06-01T14:03:00.000Z",
  sequence: 3,
  data: { id: "6ba7b810-9dad-41d1-80b4-00c04fd430c8", status: "completed" },
});

/** The headers VoxBridge sends with `payload`, signed now with `signingSecret`. */
function signed(payload: string, signingSecret = secret) {
  const now = new Date();
  return {
    "webhook-id": "msg_1",
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": new Webhook(signingSecret).sign("msg_1", now, payload),
  };
}

describe("verifyWebhook", () => {
  it("returns the event for a correctly signed body, from plain headers, node:http headers or a Headers", () => {
    const headers = signed(body);
    const expected = { type: "call.completed", sequence: 3, data: { status: "completed" } };
    expect(verifyWebhook(secret, headers, body)).toMatchObject(expected);
    expect(verifyWebhook(secret, { ...headers, "content-type": undefined }, Buffer.from(body))).toMatchObject(expected);
    expect(verifyWebhook(secret, new Headers(headers), body)).toMatchObject(expected);
  });

  it("finds the headers whatever their case", () => {
    const headers = Object.fromEntries(Object.entries(signed(body)).map(([name, value]) => [name.toUpperCase(), value]));
    expect(verifyWebhook(secret, headers, body).sequence).toBe(3);
  });

  it("accepts the delivery while a rotated secret still signs alongside the new one, listed or repeated", () => {
    const old = `whsec_${Buffer.from("the previous secret, still valid").toString("base64")}`;
    const headers = signed(body);
    const both = { ...headers, "webhook-signature": `${signed(body, old)["webhook-signature"]} ${headers["webhook-signature"]}` };
    expect(verifyWebhook(secret, both, body).type).toBe("call.completed");
    const repeated = { ...headers, "webhook-signature": [signed(body, old)["webhook-signature"], headers["webhook-signature"]] };
    expect(verifyWebhook(secret, repeated, body).type).toBe("call.completed");
  });

  it("throws WebhookVerificationError for a tampered body, another secret, missing headers or an old timestamp", () => {
    const headers = signed(body);
    expect(() => verifyWebhook(secret, headers, body.replace('"sequence":3', '"sequence":4'))).toThrow(WebhookVerificationError);
    const other = `whsec_${Buffer.from("somebody else's secret entirely").toString("base64")}`;
    expect(() => verifyWebhook(other, headers, body)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(secret, { "webhook-id": "msg_1" }, body)).toThrow(WebhookVerificationError);
    const stale = new Date(Date.now() - 10 * 60_000);
    const replayed = {
      ...headers,
      "webhook-timestamp": String(Math.floor(stale.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign("msg_1", stale, body),
    };
    expect(() => verifyWebhook(secret, replayed, body)).toThrow(WebhookVerificationError);
  });
});
