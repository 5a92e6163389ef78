import { AppError, refuseDestination } from "@voxbridge/kit/core";

/** The creation-time check of a webhook URL: a 422 naming why it may not be called (scheme, credentials, SSRF). */
export function destinationCheck(options: { allowPrivateNetworks: boolean; resolveHost?: (host: string) => Promise<string[]> }) {
  return async (url: string): Promise<void> => {
    const refusal = await refuseDestination(url, { allowPrivateNetworks: options.allowPrivateNetworks, resolve: options.resolveHost });
    if (refusal) throw new AppError("validation_failed", `url: ${refusal.reason}`, { param: "url" });
  };
}
