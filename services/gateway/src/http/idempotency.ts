import { createHash } from "node:crypto";
import { AppError } from "@voxbridge/kit";
import type { RequestHandler, Response } from "express";
import { type IdempotencyStore, LEASE_RENEW_MS } from "../adapters/idempotency-store";
import { principalOf } from "./authenticate";

const KEY = /^[\x21-\x7e]{1,255}$/;

/** JSON with object keys sorted, so the same body written in another key order has the same fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Responses worth replaying: successes and final refusals. A 5xx, 409 or 429 may pass on retry, so its key is freed. */
const isFinal = (status: number) => status < 500 && status !== 409 && status !== 429;

/**
 * `Idempotency-Key` on a POST: the same key and body replays the first response (with
 * `Idempotent-Replayed: true`) and does nothing again; the same key with another body is 422;
 * the same key while the first request runs is 409 (its claim is a lease the request renews, so a
 * key whose process died is free again within seconds). Keys are scoped per API key and kept 48 h.
 */
export function idempotent(store: IdempotencyStore): RequestHandler {
  return async (req, res, next) => {
    const key = req.get("idempotency-key");
    if (key === undefined) {
      next();
      return;
    }
    if (!KEY.test(key)) {
      next(new AppError("validation_failed", "Idempotency-Key must be 1 to 255 visible ASCII characters", { param: "Idempotency-Key" }));
      return;
    }
    const { apiKeyId } = principalOf(res);
    const fingerprint = createHash("sha256")
      .update(`${req.method} ${req.path}\n${canonicalJson(req.body ?? null)}`)
      .digest("hex");
    const claim = await store.claim(apiKeyId, key, fingerprint);
    switch (claim.kind) {
      case "mismatch":
        next(
          new AppError("idempotency_key_reused", "This Idempotency-Key was used with a different request", { param: "Idempotency-Key" }),
        );
        return;
      case "in_flight":
        next(
          new AppError("idempotency_key_in_flight", "A request with this Idempotency-Key is still in progress; retry later", {
            param: "Idempotency-Key",
          }),
        );
        return;
      case "replay":
        res.setHeader("idempotent-replayed", "true");
        res.status(claim.status).json(claim.body);
        return;
      case "new":
        res.locals.idempotencyKey = { apiKeyId, key };
        recordResponse(res, store, apiKeyId, key);
        next();
    }
  };
}

/** The key this request claimed, for routes that derive stable ids from it. */
export const idempotencyKeyOf = (res: Response): { apiKeyId: string; key: string } | undefined => res.locals.idempotencyKey;

/** Stores the response before it is sent, so a retry arriving right after it sees it; renews the claim until then. */
function recordResponse(res: Response, store: IdempotencyStore, apiKeyId: string, key: string): void {
  // Until the response is recorded (a client that hung up does not stop the request, so not the
  // lease either), for at most a minute: a request stuck longer than that is as good as dead.
  const renewal = setInterval(() => void store.renew(apiKeyId, key).catch(() => undefined), LEASE_RENEW_MS);
  renewal.unref();
  setTimeout(() => clearInterval(renewal), 60_000).unref();
  const send = res.json.bind(res);
  res.json = (body: unknown) => {
    clearInterval(renewal);
    const status = res.statusCode;
    const settle = isFinal(status) ? store.complete(apiKeyId, key, status, body) : store.release(apiKeyId, key);
    settle.then(
      () => send(body),
      () => {
        // The response stands even when it could not be recorded; a retry then runs the request again.
        void store.release(apiKeyId, key).catch(() => undefined);
        send(body);
      },
    );
    return res;
  };
}
