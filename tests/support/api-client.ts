import { ErrorEnvelope } from "@voxbridge/contracts";
import { request } from "undici";

export type ApiResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: unknown };

/** A partner's view of the gateway: JSON in, JSON out, with the API key of one org. */
export function apiClient(baseUrl: string, apiKey: string) {
  const send = async (
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> => {
    const response = await request(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, body: text ? JSON.parse(text) : null };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => send("GET", path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => send("POST", path, body ?? {}, headers),
    patch: (path: string, body: unknown) => send("PATCH", path, body),
    delete: (path: string) => send("DELETE", path),
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

/** The error type of an error response, checking it has the one envelope. */
export function errorType(response: ApiResponse): string {
  return ErrorEnvelope.parse(response.body).error.type;
}
