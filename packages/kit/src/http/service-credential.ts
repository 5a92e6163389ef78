import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { z } from "zod";
import { AppError } from "../errors";

/**
 * The credential a service accepts on its internal API: `INTERNAL_API_TOKENS`, one `caller=token`
 * per caller, comma-separated (`gateway=…,dialer=…`), so each caller's token can be rotated alone.
 * A token is at least 16 characters.
 */
export const serviceTokens = z.string().transform((value, ctx) => {
  const tokens: Record<string, string> = {};
  for (const entry of value
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf("=");
    const caller = entry.slice(0, at);
    const token = entry.slice(at + 1);
    if (at <= 0 || token.length < 16) {
      ctx.addIssue({ code: "custom", message: "each entry must be caller=token, the token at least 16 characters" });
      return z.NEVER;
    }
    tokens[caller] = token;
  }
  if (Object.keys(tokens).length === 0) {
    ctx.addIssue({ code: "custom", message: "at least one caller=token" });
    return z.NEVER;
  }
  return tokens;
});

/** The development and test credential, the default on both sides; production must set its own. */
export const LOCAL_SERVICE_TOKEN = "local-development-only-token";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Refuses a request without `Authorization: Bearer <token>` of a known caller: 401 with the error
 * envelope. Tokens are compared as SHA-256 digests in constant time, so neither a token's length
 * nor its prefix leaks through timing. The caller's name is left in `res.locals.caller`.
 */
export function requireServiceCredential(tokens: Record<string, string>): RequestHandler {
  const known = Object.entries(tokens).map(([caller, token]) => [caller, digest(token)] as const);
  return (req, res, next) => {
    const header = req.get("authorization") ?? "";
    const presented = digest(header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "");
    let caller: string | undefined;
    for (const [name, expected] of known) if (timingSafeEqual(presented, expected) && caller === undefined) caller = name;
    if (caller === undefined || !header.startsWith("Bearer ")) {
      next(new AppError("unauthenticated", "This internal API needs the caller's service credential (Authorization: Bearer)"));
      return;
    }
    res.locals.caller = caller;
    next();
  };
}
