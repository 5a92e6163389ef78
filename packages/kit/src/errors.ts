import { ERROR_HTTP_STATUS, type ErrorCode } from "@voxbridge/contracts";
import type { ZodError } from "zod";

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

/** Every problem zod found, one detail each; an unknown field is named in `param`, like any other field. */
export function zodProblems(error: ZodError): ErrorDetail[] {
  return error.issues.flatMap((issue): ErrorDetail[] => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ param: [...path, key].join("."), message: "unknown field" }));
    return [{ param: path.length > 0 ? path.join(".") : null, message: issue.message }];
  });
}

/** One 422 naming every problem found: the first in `message` and `param`, all of them in `details`. */
export function validationFailed(details: ErrorDetail[]): AppError {
  const first = details[0];
  if (!first) return new AppError("validation_failed", "Invalid request");
  const describe = (detail: ErrorDetail) => `${detail.param ? `${detail.param}: ` : ""}${detail.message}`;
  const more = details.length > 1 ? ` (and ${details.length - 1} more problem${details.length > 2 ? "s" : ""}, see details)` : "";
  return new AppError("validation_failed", `${describe(first)}${more}`, { param: first.param, details });
}

/** The problems a validation error names: its details, or its one message. */
export const problemsOf = (error: AppError): ErrorDetail[] =>
  error.details ?? [
    {
      param: error.param,
      message: error.param && error.message.startsWith(`${error.param}: `) ? error.message.slice(error.param.length + 2) : error.message,
    },
  ];
