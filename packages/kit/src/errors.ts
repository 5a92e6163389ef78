import { ERROR_HTTP_STATUS, type ErrorCode } from "@voxbridge/contracts";

/** One problem of a request: the field it is in (null for the body as a whole) and what is wrong. */
export type ErrorDetail = { param: string | null; message: string };

/** The one error type: a code from the contract, whether trying again can help, and context for logs. */
export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly param: string | null;
  /** Every problem a validation found; `param` is the first one's. */
  readonly details: ErrorDetail[] | undefined;
  readonly context: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      retryable?: boolean;
      param?: string | null;
      details?: ErrorDetail[];
      context?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? (code === "dependency_unavailable" || code === "internal");
    this.param = options.param ?? null;
    this.details = options.details;
    this.context = options.context ?? {};
  }

  get httpStatus(): number {
    return ERROR_HTTP_STATUS[this.code];
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
