import { AppError } from "@voxbridge/kit";
import type { RequestHandler, Response } from "express";
import type { ApiKeyAuthStore, ApiKeyPrincipal } from "../adapters/api-key-store";
import { looksLikeApiKey } from "../domain/api-key";

/** Requires `Authorization: Bearer sk_live_…`; puts the key's org on res.locals.principal. */
export function authenticate(keys: Pick<ApiKeyAuthStore, "authenticate" | "markUsed">): RequestHandler {
  return async (req, res, next) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const key = match?.[1];
    if (!key || !looksLikeApiKey(key)) {
      next(new AppError("unauthenticated", "Missing or malformed API key (Authorization: Bearer sk_live_…)"));
      return;
    }
    const principal = await keys.authenticate(key);
    if (!principal) {
      next(new AppError("unauthenticated", "Invalid or revoked API key"));
      return;
    }
    keys.markUsed(principal.apiKeyId);
    res.locals.principal = principal;
    next();
  };
}

export const principalOf = (res: Response): ApiKeyPrincipal => res.locals.principal as ApiKeyPrincipal;
