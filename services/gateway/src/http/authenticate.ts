import { AppError, setLogContext } from "@voxbridge/kit";
import type { RequestHandler, Response } from "express";
import type { ApiKeyAuthStore, ApiKeyPrincipal } from "../adapters/api-key-store";
import { API_KEY_PREFIX, looksLikeApiKey } from "../domain/api-key";

/** Requires `Authorization: Bearer sk_live_…`; puts the key's org on res.locals.principal. */
export function authenticate(keys: Pick<ApiKeyAuthStore, "authenticate" | "markUsed">): RequestHandler {
  return async (req, res, next) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const key = match?.[1];
    if (!key || !looksLikeApiKey(key)) {
      // A key anywhere else is never accepted; one in the URL has been written to every log and cache
      // on its way here (ours scrub it), so say so.
      const inUrl = req.originalUrl.includes(API_KEY_PREFIX);
      next(
        new AppError(
          "unauthenticated",
          inUrl
            ? "API keys are accepted only in the Authorization header (Bearer sk_live_…); this one was sent in the URL: revoke it"
            : "Missing or malformed API key (Authorization: Bearer sk_live_…)",
        ),
      );
      return;
    }
    const principal = await keys.authenticate(key);
    if (!principal) {
      next(new AppError("unauthenticated", "Invalid or revoked API key"));
      return;
    }
    keys.markUsed(principal.apiKeyId);
    res.locals.principal = principal;
    setLogContext(res, { orgId: principal.orgId });
    next();
  };
}

export const principalOf = (res: Response): ApiKeyPrincipal => res.locals.principal as ApiKeyPrincipal;
