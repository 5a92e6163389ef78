import { AppError } from "@voxbridge/kit/core";

/** Redis or Postgres failed us: 503, retryable (the gateway answers 503; the consumer retries without limit). */
export const storeUnavailable = (cause: unknown) =>
  new AppError("dependency_unavailable", "Minute accounting store unavailable", { cause, retryable: true });

/** Runs store work; anything but an AppError becomes dependency_unavailable, so no outage ever reads as a grant. */
export async function guardStores<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof AppError ? error : storeUnavailable(error);
  }
}
