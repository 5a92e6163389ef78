import { ErrorEnvelope } from "@voxbridge/contracts";
import { request } from "undici";

export type ApiResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: unknown };

/** A partner's view of the gateway: JSON in, JSON out, with the API key of one org. */
export function apiClient(baseUrl: string, apiKey: string) {
  const send = async (
    method: "GET" | "POST" | "PATCH" | "DELETE" | "PUT",
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> => {
    const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const response = await request(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(text === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: text,
    });
    const answer = await response.body.text();
    return { status: response.statusCode, headers: response.headers, body: answer ? JSON.parse(answer) : null };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => send("GET", path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => send("POST", path, body ?? {}, headers),
    /** A body sent exactly as given: the JSON text a partner pasted, not one built from a schema. */
    postText: (path: string, text: string) => send("POST", path, text),
    patch: (path: string, body: unknown) => send("PATCH", path, body),
    delete: (path: string) => send("DELETE", path),
    put: (path: string, body: unknown) => send("PUT", path, body),
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

/** The error type of an error response, checking it has the one envelope. */
export function errorType(response: ApiResponse): string {
  return ErrorEnvelope.parse(response.body).error.type;
}
