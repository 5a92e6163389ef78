import type { components } from "./generated/openapi";

/** The `error` object of every non-2xx answer from the API. */
export type ErrorEnvelope = components["schemas"]["Error"]["error"];
/** What went wrong, machine-readable: branch on this, not on `message`. */
export type ErrorType = ErrorEnvelope["type"];

/** Every non-2xx answer, as one class: the HTTP status, the API's error envelope and the request id to quote to support. */
export class VoxBridgeError extends Error {
  override readonly name = "VoxBridgeError";
  readonly status: number;
  readonly type: ErrorType;
  readonly error: ErrorEnvelope;
  /** The response's `x-request-id`, or null when something in between answered without one. */
  readonly requestId: string | null;

  constructor(status: number, error: ErrorEnvelope, requestId: string | null) {
    super(error.message);
    this.status = status;
    this.type = error.type;
    this.error = error;
    this.requestId = requestId;
  }

  /**
   * Builds the error from a failed response and its parsed body. A body that is not the API's
   * envelope (a proxy's error page, an empty body) still yields an envelope, typed `internal`,
   * so callers handle one shape.
   */
  static fromResponse(response: Response, body: unknown): VoxBridgeError {
    const requestId = response.headers.get("x-request-id");
    const envelope = isErrorBody(body)
      ? body.error
      : {
          type: "internal" as const,
          message: `HTTP ${response.status} without a VoxBridge error body`,
          param: null,
          request_id: requestId ?? "",
        };
    return new VoxBridgeError(response.status, envelope, requestId);
  }
}

/** True when `body` is the API's error envelope, enough of it to read the type and message from. */
function isErrorBody(body: unknown): body is components["schemas"]["Error"] {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const { error } = body;
  return typeof error === "object" && error !== null && "type" in error && typeof error.type === "string" && "message" in error;
}
