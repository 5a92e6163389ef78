import { ERROR_HTTP_STATUS, type ErrorCode } from "@voxbridge/contracts";

/** The one error type: a code from the contract, whether trying again can help, and context for logs. */
export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly param: string | null;
  readonly context: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryable?: boolean; param?: string | null; context?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? (code === "dependency_unavailable" || code === "internal");
    this.param = options.param ?? null;
    this.context = options.context ?? {};
  }

  get httpStatus(): number {
    return ERROR_HTTP_STATUS[this.code];
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
