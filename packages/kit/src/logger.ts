import pino, { type DestinationStream, type Logger } from "pino";
import { currentTraceId } from "./trace";

export type { Logger };

/** Paths whose values never reach a log line: credentials, keys, signing secrets. */
export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["idempotency-key"]',
  "headers.authorization",
  "authorization",
  "apiKey",
  "api_key",
  "secret",
  "webhook_secret",
  "password",
  "*.apiKey",
  "*.api_key",
  "*.secret",
  "*.webhook_secret",
  "*.password",
];

// What redaction by path cannot see: a secret inside a string (a URL's query, an error message, a
// stack). API keys and `whsec_` secrets have a shape, and credential-named query parameters a name.
const SECRET_SHAPED = /\b(sk_live_|whsec_)[A-Za-z0-9+/=_%-]{6,}/g;
const CREDENTIAL_PARAMETER = /([?&](?:api[_-]?key|key|access[_-]?token|token|secret|password|signature|auth)=)[^&"\s\\]*/gi;

/** The text with every secret-shaped value and credential-named query value replaced by `[redacted]`. */
export const scrubSecrets = (text: string): string =>
  text.replace(SECRET_SHAPED, "$1[redacted]").replace(CREDENTIAL_PARAMETER, "$1[redacted]");

/**
 * One JSON logger per service. Secrets are censored by path, and every finished line is scrubbed of
 * secret-shaped strings wherever they appear (URLs, messages, errors), so a key sent in the wrong
 * place (`?api_key=sk_live_…`) is never written whole.
 */
export function createLogger(options: { service: string; level: string; destination?: DestinationStream }): Logger {
  const out = options.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      name: options.service,
      level: options.level,
      base: { service: options.service },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Every line written while handling a traced request or event names its trace.
      mixin: () => {
        const traceId = currentTraceId();
        return traceId ? { traceId } : {};
      },
    },
    { write: (line: string) => out.write(scrubSecrets(line)) },
  );
}
