import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { z } from "zod";
import { AppError } from "../errors";

/** A caller of an internal API, by what it is: a route names the callers it serves. */
export const ServiceCaller = z.enum(["gateway", "dialer", "operator"]);
export type ServiceCaller = z.infer<typeof ServiceCaller>;

const NAME = /^([a-z][a-z0-9-]*)(?:\.[A-Za-z0-9_-]+)?$/;

/**
 * The caller a token entry's name stands for: `gateway` or, while a token is being rotated,
 * `gateway.<label>` beside it (both are the gateway's).
 */
export const callerOfTokenName = (name: string): string => NAME.exec(name)?.[1] ?? name;

/**
 * The credentials a service accepts on its internal API: `INTERNAL_API_TOKENS`, one `caller=token`
 * per caller, comma-separated (`gateway=…,dialer=…`), so each caller's token can be rotated alone.
 * `caller.label=token` adds a second token for the same caller during a rotation. A token is at
 * least 16 characters. With `callers`, a name that is not one of them is refused (a typo would
 * otherwise lock a caller out, or let an unknown one in).
 */
export function serviceTokensOf(callers: readonly string[] | undefined) {
  return z.string().transform((value, ctx) => {
    const tokens: Record<string, string> = {};
    for (const entry of value
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean)) {
      const at = entry.indexOf("=");
      const name = entry.slice(0, at);
      const token = entry.slice(at + 1);
      if (at <= 0 || token.length < 16 || !NAME.test(name)) {
        ctx.addIssue({ code: "custom", message: "each entry must be caller=token, the token at least 16 characters" });
        return z.NEVER;
      }
      if (callers && !callers.includes(callerOfTokenName(name))) {
        ctx.addIssue({ code: "custom", message: `unknown caller "${name}": this service serves ${callers.join(", ")}` });
        return z.NEVER;
      }
      tokens[name] = token;
    }
    if (Object.keys(tokens).length === 0) {
      ctx.addIssue({ code: "custom", message: "at least one caller=token" });
      return z.NEVER;
    }
    return tokens;
  });
}

/** `INTERNAL_API_TOKENS` with any caller name. */
export const serviceTokens = serviceTokensOf(undefined);

/** The development and test credential, the default on both sides; production must set its own. */
export const LOCAL_SERVICE_TOKEN = "local-development-only-token";

/** The local default of a service's `INTERNAL_API_TOKENS`: the development token for each of its callers. */
export const localServiceTokens = (callers: readonly string[]): string =>
  callers.map((caller) => `${caller}=${LOCAL_SERVICE_TOKEN}`).join(",");

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Refuses a request without `Authorization: Bearer <token>` of a known caller: 401 with the error
 * envelope. Tokens are compared as SHA-256 digests in constant time, so neither a token's length
 * nor its prefix leaks through timing. Every caller the token stands for is left in
 * `res.locals.callers` (one in production; local runs give every caller the development token),
 * for `servesCallers` on each route.
 */
export function requireServiceCredential(tokens: Record<string, string>): RequestHandler {
  const known = Object.entries(tokens).map(([name, token]) => [callerOfTokenName(name), digest(token)] as const);
  return (req, res, next) => {
    const header = req.get("authorization") ?? "";
    const presented = digest(header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "");
    const callers = new Set<string>();
    // Every entry is compared, matched or not, so the time taken does not say which one matched.
    for (const [caller, expected] of known) if (timingSafeEqual(presented, expected)) callers.add(caller);
    if (callers.size === 0 || !header.startsWith("Bearer ")) {
      next(new AppError("unauthenticated", "This internal API needs the caller's service credential (Authorization: Bearer)"));
      return;
    }
    res.locals.callers = callers;
    next();
  };
}

/** The decision: a route serves a request when the credential stands for one of the route's callers. */
export const callerIsServed = (presented: ReadonlySet<string>, served: readonly string[]): boolean =>
  served.some((caller) => presented.has(caller));

/** A route's guard, carrying its list of callers so tests and docs can read them from the route table. */
export type CallerGuard = RequestHandler & { readonly servedCallers: readonly ServiceCaller[] };

/**
 * The callers one internal route serves. After `requireServiceCredential`: a credential of any
 * other caller is refused with 403 `forbidden` and the error envelope, before the body is used.
 */
export function servesCallers(...served: ServiceCaller[]): CallerGuard {
  const guard: RequestHandler = (_req, res, next) => {
    const presented = (res.locals.callers as ReadonlySet<string> | undefined) ?? new Set<string>();
    if (!callerIsServed(presented, served)) {
      next(new AppError("forbidden", `This internal route serves only ${served.join(", ")}; the credential presented is not theirs`));
      return;
    }
    next();
  };
  return Object.assign(guard, { servedCallers: served });
}
