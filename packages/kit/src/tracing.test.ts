import { tracingConfigured } from "./tracing";

describe("tracing configuration", () => {
  it("is off unless the OpenTelemetry variables name an endpoint or an exporter", () => {
    const cases: [Record<string, string>, boolean][] = [
      [{}, false],
      [{ OTEL_SERVICE_NAME: "gateway" }, false],
      [{ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, true],
      [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" }, true],
      [{ OTEL_TRACES_EXPORTER: "otlp" }, true],
      [{ OTEL_TRACES_EXPORTER: "console" }, true],
      [{ OTEL_TRACES_EXPORTER: "none", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, false],
      [{ OTEL_SDK_DISABLED: "true", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, false],
      [{ OTEL_SDK_DISABLED: "false", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, true],
      [{ OTEL_EXPORTER_OTLP_ENDPOINT: " " }, false],
    ];
    for (const [env, on] of cases) expect([env, tracingConfigured(env)]).toEqual([env, on]);
  });
});
