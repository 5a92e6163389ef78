/**
 * Generated from the VoxBridge OpenAPI document by `pnpm --filter @voxbridge/sdk generate`.
 * Do not edit: regenerate instead.
 */

export interface paths {
    "/v1/calls/outbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue an outbound call
         * @description Resolves the agent (explicit or the org's default), holds minutes, stores the call and emits `call.queued`. `to` is normalized to E.164 (US national numbers get +1). Send an `Idempotency-Key` to make retries safe. Any optional field may be `null`, meaning the same as leaving it out: `agent_id: null` picks the default agent, `schedule_at: null` dials now.
         *
         *     With the simulator (sandbox deployments), the last four digits of `to` choose the outcome:
         *
         *     | Number | What the simulator does |
         *     | --- | --- |
         *     | ends in `0001` | No answer: retried up to `max_attempts`, then `failed`, disposition `no_answer` |
         *     | ends in `0002` | Busy: retried, then `failed`, disposition `busy` |
         *     | ends in `0003` | Rejected by the carrier: never retried, `failed`, disposition `rejected` |
         *     | ends in `0004` | Answered by voicemail: the agent leaves its message; `completed`, disposition `voicemail`, not retried |
         *     | ends in `0005` | Answered; the callee says "please stop calling me": `completed`, disposition `opt_out`, and the number joins the suppression list (reason `opt_out`) |
         *     | anything else | Answered; the agent talks with the simulated callee until it hangs up, then `completed`, disposition `completed` |
         *
         *     **Scripting the sandbox callee (`simulated_callee`, sandbox only).** An answered sandbox call converses with the agent: the simulator connects it to the agent's media stream exactly as a carrier would, and the simulated callee speaks as the script says, as real audio through the agent's own speech recognition (nothing reaches the agent as text). Without a script the callee says hello and answers nothing:
         *
         *     - `answers`: values keyed by the agent's `answer_schema` properties (each must fit its property: an `enum` value, a boolean, a number); the callee says each one when the agent asks for it. A script need not answer every property.
         *     - `interrupts: true`: the callee talks over the agent's first sentence (barge-in).
         *     - `silent: true`: the callee says nothing.
         *     - `opt_out: true`: the callee asks not to be called again.
         *
         *     The callee's speech is paced by audio frames, not the clock, so the same script gives the same answers every time and `structured_answers` can be asserted in a partner's integration tests. With live telephony configured, a body carrying `simulated_callee` answers 422.
         */
        post: operations["createOutboundCall"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calls/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue many outbound calls at once
         * @description 1–1000 create bodies in one request. Each is answered as its own `POST /v1/calls/outbound` would be: `status` 201 with its `call`, or its 4xx (or 503) with its `error`; minutes are held per item and no item's failure affects another. One `Idempotency-Key` covers the whole batch: a retry with the same key and body replays the answer and creates nothing twice.
         */
        post: operations["createCallBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List calls, newest first
         * @description The organization's calls, newest first; `status` filters by state. Pages with `limit` and `offset`; `total` counts every match.
         */
        get: operations["listCalls"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calls/{call_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one call
         * @description A call of another organization is 404, exactly like a missing one.
         */
        get: operations["getCall"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a queued call
         * @description Only while the call is `queued` (no attempt started); once calling or finished: 409. The dialer uses the change from its first attempt on; a `call.updated` webhook carries it. A new `schedule_at` or `calling_window` moves `next_attempt_at`.
         */
        patch: operations["updateCall"];
        trace?: never;
    };
    "/v1/calls/{call_id}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a call's attempts, oldest first
         * @description Every dial of the call: when it started, was answered and ended, how it ended and how long it talked. The live attempt has `ended_at: null`. Filled from the call's events, so an attempt shows a moment after its `call.calling`.
         */
        get: operations["listCallAttempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calls/{call_id}/transcript": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a call's conversation, turn by turn
         * @description The turns of every attempt that had a conversation, in conversation order (by attempt, then by when each turn started): who spoke (`agent` or `callee`), what was said, and when, in milliseconds from the start of that attempt's media. The agent's turns hold only what was actually played (an interrupted sentence is cut where the callee barged in). Filled once the call ended and its `call.analyzed` arrived; empty before, and for a call nobody talked on. Kept for the deployment's transcript retention (90 days by default).
         */
        get: operations["listCallTranscript"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calls/{call_id}/recording": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a call's recording
         * @description The call's audio as a WAV file: two channels on one wall-clock timeline, the callee on the left and the agent on the right, silences kept. The answer is the audio itself (`200 audio/wav`) or a `302` to a short-lived signed URL of the object store that holds it; follow redirects. `recording_url` on the call shows this path once a recording is stored. 404 for another organization's call, a call without a recording (not recorded, nobody answered, not stored yet) and one whose recording was deleted.
         */
        get: operations["getCallRecording"];
        put?: never;
        post?: never;
        /**
         * Delete a call's recording now
         * @description Deletes the call's audio before its retention ends. The call's `recording_url` becomes null and stays so; the transcript and answers are kept. 404 when the call has no recording (or it was deleted already).
         */
        delete: operations["deleteCallRecording"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calls/{call_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a call
         * @description Asks the dialer to cancel the call; it records `cancel_requested_at` on the call. The call then ends `canceled`, with one `call.canceled` delivery, carrying `duration_seconds` when someone talked (those minutes are billed). A queued (including scheduled) call is ended at once: the answer waits up to a few seconds for it and is `200` with the canceled call. A call being dialed or talking is hung up: `202` with the call as it is, `cancel_requested_at` set. A queued call the dialer has not ended within the wait is `202` too. Asking again changes nothing. A finished call is `409`.
         */
        post: operations["cancelCall"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List agents, newest first
         * @description Active agents only, unless `include_inactive=true`.
         */
        get: operations["listAgents"];
        put?: never;
        /**
         * Create an agent
         * @description `is_default: true` makes it the org's default in the same transaction that unsets the previous one.
         */
        post: operations["createAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{agent_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an agent
         * @description An agent of this organization, active or not; another organization's agent is 404, exactly like a missing one.
         */
        get: operations["getAgent"];
        put?: never;
        post?: never;
        /**
         * Deactivate an agent
         * @description The agent is kept for existing calls but refused (404) for new ones, and stops being the default.
         */
        delete: operations["deleteAgent"];
        options?: never;
        head?: never;
        /**
         * Change an agent
         * @description Any subset of fields. `is_default: true` switches the org's default atomically; `is_active: true` reactivates.
         */
        patch: operations["updateAgent"];
        trace?: never;
    };
    "/v1/suppressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List suppressed numbers, newest first
         * @description Entries you added and the numbers whose callee opted out on a call (reason `opt_out`).
         */
        get: operations["listSuppressions"];
        put?: never;
        /**
         * Suppress a number
         * @description Calls to the number are refused from now on (422 `number_suppressed`), and the organization's calls to it that wait for an attempt (scheduled, or between retries) end `canceled` with disposition `suppressed`, never dialed. An attempt already ringing is not cut off. A number listed already answers 200 with its existing entry.
         */
        post: operations["createSuppression"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suppressions/{suppression_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Stop suppressing a number
         * @description New calls to the number are accepted again; calls already canceled for it stay canceled.
         */
        delete: operations["deleteSuppression"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Minutes this calendar month (UTC)
         * @description Answered by the quota service: the limit, minutes billed, minutes held by calls not yet ended, and what remains.
         */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the organization's API keys (never the keys themselves)
         * @description Every key of the organization, revoked ones included, newest first: its id and prefix, never the key. Pages with `limit` and `offset`.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description The full key is in this response only; it is stored as a SHA-256 hash.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{api_key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Immediate on the gateway instance that revokes it; within API_KEY_CACHE_TTL_MS (default 30 s) on the others.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints, newest first
         * @description The organization's webhook endpoints, newest first, without their secrets. Pages with `limit` and `offset`.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Every lifecycle event of calls without their own `webhook_url` is delivered here (optionally only the `events` listed). The `whsec_` signing secret is returned only in this response. URLs must be http(s), without credentials, on public addresses.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{endpoint_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one webhook endpoint
         * @description Another organization's endpoint is 404, exactly like a missing one.
         */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description Its pending deliveries fail with `the endpoint was deleted`; the delivery log keeps them.
         */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint
         * @description `enabled: true` re-enables an endpoint the service disabled (410 Gone, failing for 5 days).
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/v1/webhook-endpoints/{endpoint_id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an endpoint's signing secret
         * @description Returns the new `whsec_` secret. For 24 hours every delivery carries two signatures in `webhook-signature` (new and old, space-separated), so receivers can switch without rejecting anything.
         */
        post: operations["rotateWebhookEndpointSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/signing-secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the organization's signing secret
         * @description The organization's `whsec_` secret signs every delivery to a per-call `webhook_url` (endpoint deliveries use their endpoint's own secret). Returns the new secret; it is shown only in this answer. For 24 hours every such delivery carries two signatures in `webhook-signature` (new and old, space-separated), so receivers can switch without rejecting anything.
         */
        post: operations["rotateSigningSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The webhook delivery log, newest first
         * @description Each delivery is one event to one destination, with every attempt's response status, error and duration. A finished delivery is kept for 30 days after it finished, then deleted with its attempts.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-deliveries/{delivery_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay a delivery
         * @description Sends a failed (or already delivered) delivery again now, with the same `webhook-id` and a fresh retry schedule. A delivery that is still pending is 409.
         */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "call.queued": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * call.queued delivery
         * @description The call was accepted and is waiting for its time. Sent to every enabled endpoint subscribed to `call.queued`, or to the call's own `webhook_url` instead (signed with the organization's secret). Verify the signature over the raw body before parsing it. Deliveries of one call arrive in `sequence` order; a failed one is retried with backoff for up to 3 days.
         */
        post: operations["call_queued_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "call.calling": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * call.calling delivery
         * @description An attempt started dialing; sent once per attempt (`attempt` says which), with no earlier attempt's outcome. Sent to every enabled endpoint subscribed to `call.calling`, or to the call's own `webhook_url` instead (signed with the organization's secret). Verify the signature over the raw body before parsing it. Deliveries of one call arrive in `sequence` order; a failed one is retried with backoff for up to 3 days.
         */
        post: operations["call_calling_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "call.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * call.updated delivery
         * @description The call changed while not final: an attempt ended and a retry is due at `next_attempt_at` (`disposition` and `error_message` say how the attempt ended), or a queued call was edited. Sent to every enabled endpoint subscribed to `call.updated`, or to the call's own `webhook_url` instead (signed with the organization's secret). Verify the signature over the raw body before parsing it. Deliveries of one call arrive in `sequence` order; a failed one is retried with backoff for up to 3 days.
         */
        post: operations["call_updated_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "call.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * call.completed delivery
         * @description The call was answered (by a person, or voicemail: see `disposition`); `duration_seconds` is billed. Sent to every enabled endpoint subscribed to `call.completed`, or to the call's own `webhook_url` instead (signed with the organization's secret). Verify the signature over the raw body before parsing it. Deliveries of one call arrive in `sequence` order; a failed one is retried with backoff for up to 3 days.
         */
        post: operations["call_completed_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "call.failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * call.failed delivery
         * @description The call ended without a conversation for good: `disposition` and `error_message` say why. Sent to every enabled endpoint subscribed to `call.failed`, or to the call's own `webhook_url` instead (signed with the organization's secret). Verify the signature over the raw body before parsing it. Deliveries of one call arrive in `sequence` order; a failed one is retried with backoff for up to 3 days.
         */
        post: operations["call_failed_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "call.canceled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * call.canceled delivery
         * @description The call was canceled (POST /v1/calls/{call_id}/cancel) or its number suppressed: before dialing, while it rang, or while it talked. It is the call's only terminal event; `duration_seconds` is the talk time it had, billed like a completed call's. Sent to every enabled endpoint subscribed to `call.canceled`, or to the call's own `webhook_url` instead (signed with the organization's secret). Verify the signature over the raw body before parsing it. Deliveries of one call arrive in `sequence` order; a failed one is retried with backoff for up to 3 days.
         */
        post: operations["call_canceled_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "call.analyzed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * call.analyzed delivery
         * @description The conversation of a call that ended was analyzed: the record carries `transcript` (one line per turn, `agent: ` or `callee: `), `structured_answers` (null when nobody talked) and `recording_url` once a recording is stored. Sent after the call's final event, once for every call that had media, and again if its recording is stored late. `GET /v1/calls/{call_id}/transcript` lists the turns with their timing. Sent to every enabled endpoint subscribed to `call.analyzed`, or to the call's own `webhook_url` instead (signed with the organization's secret). Verify the signature over the raw body before parsing it. Deliveries of one call arrive in `sequence` order; a failed one is retried with backoff for up to 3 days.
         */
        post: operations["call_analyzed_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        CreateOutboundCallRequest: {
            /** @description Destination; E.164 preferred, US 10-digit numbers become +1 */
            to: string;
            /** @description Caller ID; required once live telephony is enabled */
            from?: string | null;
            /** @description Outbound agent; null or absent: the organization's default agent */
            agent_id?: string | null;
            /** @description Callee name for prompts and records */
            client_name?: string | null;
            /** @description Variables injected into the agent's system prompt */
            context?: {
                [key: string]: unknown;
            } | null;
            /** @description Opaque data echoed in webhooks and stored on the call */
            metadata?: {
                [key: string]: unknown;
            } | null;
            /** @description UTC time to dial; null, absent or a past time: now */
            schedule_at?: string | null;
            /** @description Per-call webhook override */
            webhook_url?: string | null;
            /** @description Retry cap, 1–10 */
            max_attempts?: number | null;
            /** @description When attempts may start, in the callee's local time unless `timezone` says otherwise; overrides the agent's */
            calling_window?: components["schemas"]["CallingWindow"] | null;
            /** @description Sandbox only: how the simulated callee behaves; refused (422) once live telephony is enabled */
            simulated_callee?: components["schemas"]["SimulatedCallee"] | null;
        };
        CallingWindow: {
            /** @description Local time the window opens, HH:MM */
            start: string;
            /** @description Local time it closes, HH:MM; earlier than start: it closes the next day */
            end: string;
            /** @description Days the window opens on */
            days: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
            /**
             * @description IANA time zone of the hours; null: the callee's, from the number
             * @default null
             */
            timezone: string | null;
        };
        /**
         * @example {
         *       "answers": {
         *         "preferred_day": "tuesday",
         *         "party_size": 4
         *       },
         *       "interrupts": false
         *     }
         */
        SimulatedCallee: {
            /** @description Values keyed by the agent's answer_schema properties; the callee says each one when the agent asks for it */
            answers?: {
                [key: string]: string | boolean | number;
            };
            /** @description Barge in on the agent's first sentence */
            interrupts?: boolean;
            /** @description Say nothing */
            silent?: boolean;
            /** @description Ask not to be called again */
            opt_out?: boolean;
        };
        CreateCallBatchRequest: {
            /** @description 1–1000 create bodies */
            calls: unknown[];
        };
        UpdateCallRequest: {
            /** @description UTC time to dial; a past time: now */
            schedule_at?: string | null;
            /** @description null clears it: any time */
            calling_window?: components["schemas"]["CallingWindow"] | null;
            context?: {
                [key: string]: unknown;
            } | null;
            metadata?: {
                [key: string]: unknown;
            } | null;
            client_name?: string | null;
            /** @description An active agent of the organization */
            agent_id?: string | null;
            max_attempts?: number | null;
            /** @description null clears it: the organization's endpoints only */
            webhook_url?: string | null;
        };
        CreateAgentRequest: {
            name: string;
            system_prompt: string;
            first_message?: string | null;
            voicemail_message?: string | null;
            answer_schema?: components["schemas"]["AnswerSchema"] | null;
            record?: boolean | null;
            recording_disclosure?: string | null;
            /** @description `openai-realtime` is refused (422) unless the deployment has its credentials */
            engine?: ("local" | "openai-realtime") | null;
            /** @description Refused (422) unless it is one of the realtime models this deployment offers */
            model?: string | null;
            voice?: (string | null) | null;
            language?: (string | null) | null;
            /** @description How long a call may last; on a realtime engine at most the provider's session limit less a minute (3540 by default), else 422 */
            max_duration_seconds?: number | null;
            voicemail_action?: ("hangup" | "retry") | null;
            calling_window?: components["schemas"]["CallingWindow"] | null;
            is_default?: boolean | null;
        };
        /**
         * @example {
         *       "type": "object",
         *       "properties": {
         *         "preferred_day": {
         *           "type": "string",
         *           "enum": [
         *             "monday",
         *             "tuesday",
         *             "wednesday"
         *           ],
         *           "description": "Which day suits them for the visit"
         *         },
         *         "party_size": {
         *           "type": "integer",
         *           "description": "How many people will come"
         *         },
         *         "wants_reminder": {
         *           "type": "boolean",
         *           "description": "Whether they want a reminder text"
         *         }
         *       },
         *       "required": [
         *         "preferred_day"
         *       ]
         *     }
         */
        AnswerSchema: {
            /** @constant */
            type: "object";
            properties: {
                [key: string]: components["schemas"]["AnswerProperty"];
            };
            /** @description Properties the agent must obtain */
            required?: string[];
            /** @constant */
            additionalProperties?: false;
        };
        AnswerProperty: {
            /** @constant */
            type: "string";
            /** @description What to find out; the agent asks for it in these words (required on every property) */
            description: string;
            /** @description The only values the answer may take */
            enum?: string[];
        } | {
            /** @constant */
            type: "boolean";
            /** @description What to find out; the agent asks for it in these words (required on every property) */
            description: string;
        } | {
            /** @constant */
            type: "integer";
            /** @description What to find out; the agent asks for it in these words (required on every property) */
            description: string;
        } | {
            /** @constant */
            type: "number";
            /** @description What to find out; the agent asks for it in these words (required on every property) */
            description: string;
        };
        UpdateAgentRequest: {
            name?: string | null;
            system_prompt?: string | null;
            /** @description null clears it */
            first_message?: string | null;
            /** @description null clears it */
            voicemail_message?: string | null;
            /** @description null clears it */
            answer_schema?: components["schemas"]["AnswerSchema"] | null;
            record?: boolean | null;
            recording_disclosure?: string | null;
            /** @description `openai-realtime` is refused (422) unless the deployment has its credentials */
            engine?: ("local" | "openai-realtime") | null;
            /** @description null clears it */
            model?: string | null;
            /** @description null clears it */
            voice?: string | null;
            /** @description null clears it */
            language?: string | null;
            /** @description How long a call may last; on a realtime engine at most the provider's session limit less a minute (3540 by default), else 422 */
            max_duration_seconds?: number | null;
            voicemail_action?: ("hangup" | "retry") | null;
            /** @description null clears it */
            calling_window?: components["schemas"]["CallingWindow"] | null;
            is_default?: boolean | null;
            is_active?: boolean | null;
        };
        CreateSuppressionRequest: {
            /** @description E.164 preferred, US 10-digit numbers become +1 */
            number: string;
            reason?: string | null;
        };
        CreateApiKeyRequest: Record<string, never>;
        CreateWebhookEndpointRequest: {
            /**
             * Format: uri
             * @description Where events are POSTed; http or https only, no credentials, public addresses only
             */
            url: string;
            /** @description Event types to deliver; omitted or null: all */
            events?: ("call.queued" | "call.calling" | "call.updated" | "call.completed" | "call.failed" | "call.canceled" | "call.analyzed")[] | null;
            description?: string | null;
            enabled?: boolean | null;
        };
        UpdateWebhookEndpointRequest: {
            /** @description Where events are POSTed; http or https only, no credentials, public addresses only */
            url?: string | null;
            /** @description null: deliver every event type */
            events?: ("call.queued" | "call.calling" | "call.updated" | "call.completed" | "call.failed" | "call.canceled" | "call.analyzed")[] | null;
            /** @description null clears it */
            description?: string | null;
            enabled?: boolean | null;
        };
        /** @description The body of a `call.queued` delivery: sent once the call is accepted. */
        CallQueuedWebhook: {
            /** @constant */
            type: "call.queued";
            /**
             * Format: date-time
             * @description When the event happened
             */
            timestamp: string;
            /** @description Per-call order: 1 for call.queued, then one more per event of the call */
            sequence: number;
            /** @description The call's current attempt: 0 before its first dial, then 1, 2, … */
            attempt: number;
            data: components["schemas"]["CallOut"];
        };
        CallOut: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            agent_id: string;
            /** @constant */
            direction: "outbound";
            /** @enum {string} */
            status: "queued" | "calling" | "completed" | "failed" | "canceled";
            to_number: string;
            from_number: string | null;
            client_name: string | null;
            context: {
                [key: string]: unknown;
            } | null;
            metadata: {
                [key: string]: unknown;
            } | null;
            disposition: ("completed" | "no_answer" | "busy" | "rejected" | "voicemail" | "error" | "canceled" | "opt_out" | "suppressed") | null;
            transcript: string | null;
            recording_url: string | null;
            structured_answers: {
                [key: string]: unknown;
            } | null;
            attempt_count: number;
            max_attempts: number;
            duration_seconds: number | null;
            error_message: string | null;
            scheduled_at: string | null;
            /**
             * @description The hours attempts may start in: the call's own window, else its agent's at creation; null: any time
             * @default null
             */
            calling_window: components["schemas"]["CallingWindow"] | null;
            /**
             * @description When the dialer will next dial it: its schedule time while queued, the retry's time between attempts; null while an attempt is live and once the call ended
             * @default null
             */
            next_attempt_at: string | null;
            /**
             * @description When the partner asked to cancel it (POST /v1/calls/{call_id}/cancel); the dialer carries the request out and the call then ends `canceled`. null: never asked
             * @default null
             */
            cancel_requested_at: string | null;
            started_at: string | null;
            completed_at: string | null;
            /** Format: date-time */
            created_at: string;
        };
        /** @description The body of a `call.calling` delivery: sent when an attempt starts dialing (once per attempt). */
        CallCallingWebhook: {
            /** @constant */
            type: "call.calling";
            /**
             * Format: date-time
             * @description When the event happened
             */
            timestamp: string;
            /** @description Per-call order: 1 for call.queued, then one more per event of the call */
            sequence: number;
            /** @description The call's current attempt: 0 before its first dial, then 1, 2, … */
            attempt: number;
            data: components["schemas"]["CallOut"];
        };
        /** @description The body of a `call.updated` delivery: sent when an attempt ended and a retry is due (at `next_attempt_at`), and when a queued call was edited. */
        CallUpdatedWebhook: {
            /** @constant */
            type: "call.updated";
            /**
             * Format: date-time
             * @description When the event happened
             */
            timestamp: string;
            /** @description Per-call order: 1 for call.queued, then one more per event of the call */
            sequence: number;
            /** @description The call's current attempt: 0 before its first dial, then 1, 2, … */
            attempt: number;
            data: components["schemas"]["CallOut"];
        };
        /** @description The body of a `call.completed` delivery: sent when the call ended answered (a person or voicemail). */
        CallCompletedWebhook: {
            /** @constant */
            type: "call.completed";
            /**
             * Format: date-time
             * @description When the event happened
             */
            timestamp: string;
            /** @description Per-call order: 1 for call.queued, then one more per event of the call */
            sequence: number;
            /** @description The call's current attempt: 0 before its first dial, then 1, 2, … */
            attempt: number;
            data: components["schemas"]["CallOut"];
        };
        /** @description The body of a `call.failed` delivery: sent when the call ended unanswered for good, or could not be placed. */
        CallFailedWebhook: {
            /** @constant */
            type: "call.failed";
            /**
             * Format: date-time
             * @description When the event happened
             */
            timestamp: string;
            /** @description Per-call order: 1 for call.queued, then one more per event of the call */
            sequence: number;
            /** @description The call's current attempt: 0 before its first dial, then 1, 2, … */
            attempt: number;
            data: components["schemas"]["CallOut"];
        };
        /** @description The body of a `call.canceled` delivery: sent once, when the dialer carried out a cancel (or a suppression): the call's only terminal event, with `duration_seconds` when someone talked. */
        CallCanceledWebhook: {
            /** @constant */
            type: "call.canceled";
            /**
             * Format: date-time
             * @description When the event happened
             */
            timestamp: string;
            /** @description Per-call order: 1 for call.queued, then one more per event of the call */
            sequence: number;
            /** @description The call's current attempt: 0 before its first dial, then 1, 2, … */
            attempt: number;
            data: components["schemas"]["CallOut"];
        };
        /** @description The body of a `call.analyzed` delivery: sent after the call ended, when it had a conversation: the record with `transcript`, `structured_answers` and (once stored) `recording_url`; again when a recording is stored late. */
        CallAnalyzedWebhook: {
            /** @constant */
            type: "call.analyzed";
            /**
             * Format: date-time
             * @description When the event happened
             */
            timestamp: string;
            /** @description Per-call order: 1 for call.queued, then one more per event of the call */
            sequence: number;
            /** @description The call's current attempt: 0 before its first dial, then 1, 2, … */
            attempt: number;
            data: components["schemas"]["CallOut"];
        };
        Error: {
            error: {
                /** @enum {string} */
                type: "validation_failed" | "malformed_json" | "unsupported_media_type" | "payload_too_large" | "unauthenticated" | "forbidden" | "no_default_agent" | "quota_exceeded" | "number_suppressed" | "not_found" | "method_not_allowed" | "conflict" | "idempotency_key_reused" | "idempotency_key_in_flight" | "rate_limited" | "dependency_unavailable" | "internal";
                message: string;
                /** @description The first offending field, dotted (`context.product`), when one is to blame */
                param: string | null;
                /** @description Every problem found, on validation failures (422) */
                details?: {
                    param: string | null;
                    message: string;
                }[];
                request_id: string;
            };
        };
        CallBatchResponse: {
            items: components["schemas"]["CallBatchItem"][];
        };
        CallBatchItem: {
            /** @description The item's position in `calls` */
            index: number;
            /** @description The HTTP status its own create would have answered: 201, or a 4xx/503 */
            status: number;
            /** @description With 201: the queued call */
            call?: components["schemas"]["CallOutOutput"];
            /** @description Otherwise: the error its create would have answered */
            error?: {
                /** @enum {string} */
                type: "validation_failed" | "malformed_json" | "unsupported_media_type" | "payload_too_large" | "unauthenticated" | "forbidden" | "no_default_agent" | "quota_exceeded" | "number_suppressed" | "not_found" | "method_not_allowed" | "conflict" | "idempotency_key_reused" | "idempotency_key_in_flight" | "rate_limited" | "dependency_unavailable" | "internal";
                message: string;
                /** @description The first offending field, dotted (`context.product`), when one is to blame */
                param: string | null;
                /** @description Every problem found, on validation failures (422) */
                details?: {
                    param: string | null;
                    message: string;
                }[];
                request_id: string;
            };
        };
        CallList: {
            items: components["schemas"]["CallOutOutput"][];
            total: number;
            limit: number;
            offset: number;
        };
        AttemptList: {
            items: components["schemas"]["Attempt"][];
            total: number;
            limit: number;
            offset: number;
        };
        Attempt: {
            /** @description 1 for the first dial, then one more per retry */
            attempt: number;
            /**
             * Format: date-time
             * @description When the dialer placed it
             */
            started_at: string;
            /** @description When a person or a voicemail picked up; null if nobody did */
            answered_at: string | null;
            /** @description null while the attempt is live */
            ended_at: string | null;
            /** @description How it ended; null while live */
            disposition: ("completed" | "no_answer" | "busy" | "rejected" | "voicemail" | "error" | "canceled" | "opt_out" | "suppressed") | null;
            /** @description Talk time of this attempt */
            duration_seconds: number | null;
            error_message: string | null;
        };
        TranscriptTurnList: {
            items: components["schemas"]["TranscriptTurn"][];
            total: number;
            limit: number;
            offset: number;
        };
        TranscriptTurn: {
            /** @enum {string} */
            speaker: "agent" | "callee";
            text: string;
            /** @description The attempt it was said in */
            attempt: number;
            /** @description When the turn started, from the start of the attempt's media */
            start_ms: number;
            /** @description When it ended, on the same clock */
            end_ms: number;
        };
        Agent: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description May contain {{variable}} placeholders, filled from a call's context; {{client_name}} is the call's client_name */
            system_prompt: string;
            /** @description What the agent says first when a person answers; takes placeholders like the prompt */
            first_message: string | null;
            /** @description What the agent leaves when an answering machine takes the call (null: it hangs up without a word); takes placeholders like the prompt */
            voicemail_message: string | null;
            /** @description What the agent finds out; a call's structured_answers validate against it */
            answer_schema: components["schemas"]["AnswerSchema"] | null;
            /** @description Whether calls are recorded (both sides, two channels) */
            record: boolean;
            /** @description Said first on every recorded call, before the first message */
            recording_disclosure: string;
            /** @enum {string} */
            engine: "local" | "openai-realtime";
            /** @description The realtime provider's model; null: the deployment's default. The `local` engine has no model and ignores it */
            model: string | null;
            voice: string | null;
            language: string | null;
            max_duration_seconds: number;
            /** @enum {string} */
            voicemail_action: "hangup" | "retry";
            /** @description Hours its calls may be attempted in, unless a call sets its own; null: any time */
            calling_window: components["schemas"]["CallingWindowOutput"] | null;
            is_default: boolean;
            is_active: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        AgentList: {
            items: components["schemas"]["Agent"][];
            total: number;
            limit: number;
            offset: number;
        };
        Suppression: {
            /** Format: uuid */
            id: string;
            /** @description E.164 */
            number: string;
            /** @description Free text; `opt_out` when the callee asked on a call to stop calling */
            reason: string | null;
            /** Format: date-time */
            created_at: string;
        };
        SuppressionList: {
            items: components["schemas"]["Suppression"][];
            total: number;
            limit: number;
            offset: number;
        };
        Usage: {
            /** Format: date-time */
            period_start: string;
            /** Format: date-time */
            period_end: string;
            minutes_limit: number;
            minutes_used: number;
            minutes_reserved: number;
            minutes_remaining: number;
        };
        ApiKeyList: {
            items: components["schemas"]["ApiKey"][];
            total: number;
            limit: number;
            offset: number;
        };
        ApiKey: {
            /** Format: uuid */
            id: string;
            /** @description The first characters of the key, to tell keys apart */
            prefix: string;
            /** Format: date-time */
            created_at: string;
            last_used_at: string | null;
            revoked_at: string | null;
        };
        CreatedApiKey: {
            /** Format: uuid */
            id: string;
            /** @description The first characters of the key, to tell keys apart */
            prefix: string;
            /** Format: date-time */
            created_at: string;
            last_used_at: string | null;
            revoked_at: string | null;
            /** @description sk_live_…; shown once, store it now */
            key: string;
        };
        WebhookEndpointWithSecretOut: {
            /** Format: uuid */
            id: string;
            url: string;
            events: ("call.queued" | "call.calling" | "call.updated" | "call.completed" | "call.failed" | "call.canceled" | "call.analyzed")[] | null;
            description: string | null;
            enabled: boolean;
            /** @description Why the service disabled it (410 Gone, failing for 5 days) */
            disabled_reason: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: starts_with
             * @description Standard Webhooks signing secret; shown only here
             */
            secret: string;
        };
        WebhookEndpointList: {
            items: components["schemas"]["WebhookEndpointOut"][];
            total: number;
            limit: number;
            offset: number;
        };
        WebhookEndpointOut: {
            /** Format: uuid */
            id: string;
            url: string;
            events: ("call.queued" | "call.calling" | "call.updated" | "call.completed" | "call.failed" | "call.canceled" | "call.analyzed")[] | null;
            description: string | null;
            enabled: boolean;
            /** @description Why the service disabled it (410 Gone, failing for 5 days) */
            disabled_reason: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        SigningSecretOut: {
            /** @description The new `whsec_` secret; it signs every delivery to a per-call `webhook_url` from now on */
            secret: string;
            /** @description Until then the replaced secret signs too (a second signature in `webhook-signature`); null if there was none */
            previous_secret_expires_at: string | null;
            /** Format: date-time */
            rotated_at: string;
        };
        WebhookDeliveryList: {
            items: components["schemas"]["WebhookDeliveryOut"][];
            total: number;
            limit: number;
            offset: number;
        };
        WebhookDeliveryOut: {
            /** Format: uuid */
            id: string;
            /** @description The webhook-id header: the same on every attempt */
            webhook_id: string;
            /** Format: uuid */
            event_id: string;
            /** @enum {string} */
            event_type: "call.queued" | "call.calling" | "call.updated" | "call.completed" | "call.failed" | "call.canceled" | "call.analyzed";
            /** Format: uuid */
            call_id: string;
            /** @description Per-call order of the event */
            sequence: number;
            /** @description Null for the call's own webhook_url */
            endpoint_id: string | null;
            url: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            attempt_count: number;
            next_attempt_at: string | null;
            last_response_status: number | null;
            last_error: string | null;
            /** Format: date-time */
            created_at: string;
            completed_at: string | null;
            attempts: components["schemas"]["WebhookAttemptOut"][];
        };
        WebhookAttemptOut: {
            /** Format: date-time */
            attempted_at: string;
            /** @description HTTP status, null when no response arrived */
            response_status: number | null;
            error: string | null;
            duration_ms: number;
        };
        CallOutOutput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            agent_id: string;
            /** @constant */
            direction: "outbound";
            /** @enum {string} */
            status: "queued" | "calling" | "completed" | "failed" | "canceled";
            to_number: string;
            from_number: string | null;
            client_name: string | null;
            context: {
                [key: string]: unknown;
            } | null;
            metadata: {
                [key: string]: unknown;
            } | null;
            disposition: ("completed" | "no_answer" | "busy" | "rejected" | "voicemail" | "error" | "canceled" | "opt_out" | "suppressed") | null;
            transcript: string | null;
            recording_url: string | null;
            structured_answers: {
                [key: string]: unknown;
            } | null;
            attempt_count: number;
            max_attempts: number;
            duration_seconds: number | null;
            error_message: string | null;
            scheduled_at: string | null;
            /**
             * @description The hours attempts may start in: the call's own window, else its agent's at creation; null: any time
             * @default null
             */
            calling_window: components["schemas"]["CallingWindowOutput"] | null;
            /**
             * @description When the dialer will next dial it: its schedule time while queued, the retry's time between attempts; null while an attempt is live and once the call ended
             * @default null
             */
            next_attempt_at: string | null;
            /**
             * @description When the partner asked to cancel it (POST /v1/calls/{call_id}/cancel); the dialer carries the request out and the call then ends `canceled`. null: never asked
             * @default null
             */
            cancel_requested_at: string | null;
            started_at: string | null;
            completed_at: string | null;
            /** Format: date-time */
            created_at: string;
        };
        CallingWindowOutput: {
            /** @description Local time the window opens, HH:MM */
            start: string;
            /** @description Local time it closes, HH:MM; earlier than start: it closes the next day */
            end: string;
            /** @description Days the window opens on */
            days: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
            /**
             * @description IANA time zone of the hours; null: the callee's, from the number
             * @default null
             */
            timezone: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description The request's id (yours, if you sent a sane `x-request-id`); quote it to support */
        "x-request-id": string;
        /** @description W3C Trace Context of this request: in your trace when you sent a `traceparent`, else a new one */
        traceparent: string;
        /** @description IETF RateLimit: what is left of this API key's window, e.g. `"default";r=119;t=42` */
        RateLimit: string;
        /** @description IETF RateLimit-Policy: the quota and window, e.g. `"default";q=120;w=60` */
        "RateLimit-Policy": string;
        /** @description Seconds to wait before retrying */
        "Retry-After": number;
        /** @description Path of the created resource */
        Location: string;
        /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
        "Idempotent-Replayed": "true";
        /** @description `Bearer`: the scheme this API accepts */
        "WWW-Authenticate": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createOutboundCall: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: same key and body replay the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "to": "+15551234567",
                 *       "from": "+15559876543",
                 *       "agent_id": null,
                 *       "client_name": "Jane Doe",
                 *       "context": {
                 *         "reference_number": "398690",
                 *         "product": "personal_loan"
                 *       },
                 *       "metadata": {
                 *         "crm_id": "lead_8821"
                 *       },
                 *       "schedule_at": null,
                 *       "webhook_url": "https://partner.example/hooks/voice",
                 *       "max_attempts": 3
                 *     }
                 */
                "application/json": components["schemas"]["CreateOutboundCallRequest"];
            };
        };
        responses: {
            /** @description The queued call */
            201: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "direction": "outbound",
                     *       "status": "queued",
                     *       "from_number": "+15559876543",
                     *       "client_name": "Jane Doe",
                     *       "context": {
                     *         "reference_number": "398690",
                     *         "product": "personal_loan"
                     *       },
                     *       "metadata": {
                     *         "crm_id": "lead_8821"
                     *       },
                     *       "disposition": null,
                     *       "transcript": null,
                     *       "recording_url": null,
                     *       "structured_answers": null,
                     *       "attempt_count": 0,
                     *       "max_attempts": 3,
                     *       "duration_seconds": null,
                     *       "error_message": null,
                     *       "scheduled_at": "2026-06-01T14:00:01.000Z",
                     *       "calling_window": null,
                     *       "next_attempt_at": "2026-06-01T14:00:01.000Z",
                     *       "cancel_requested_at": null,
                     *       "started_at": null,
                     *       "completed_at": null,
                     *       "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                     *       "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                     *       "to_number": "+15551234567",
                     *       "created_at": "2026-06-01T14:00:01.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["CallOutOutput"];
                };
            };
            /** @description Malformed JSON, or no agent_id and no default agent */
            400: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "no_default_agent",
                     *         "message": "No agent_id given and the organization has no default agent",
                     *         "param": "agent_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Monthly minute limit reached */
            402: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "quota_exceeded",
                     *         "message": "Monthly minute limit reached",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the resource's state, or the Idempotency-Key is still in flight */
            409: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "conflict",
                     *         "message": "This call has already ended completed",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "payload_too_large",
                     *         "message": "Request body exceeds 100kb",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unsupported_media_type",
                     *         "message": "Request body must be application/json",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createCallBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: same key and body replay the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "calls": [
                 *         {
                 *           "to": "+15551234567",
                 *           "from": "+15559876543",
                 *           "agent_id": null,
                 *           "client_name": "Jane Doe",
                 *           "context": {
                 *             "reference_number": "398690",
                 *             "product": "personal_loan"
                 *           },
                 *           "metadata": {
                 *             "crm_id": "lead_8821"
                 *           },
                 *           "schedule_at": null,
                 *           "webhook_url": "https://partner.example/hooks/voice",
                 *           "max_attempts": 3
                 *         },
                 *         {
                 *           "to": "+15551230000"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CreateCallBatchRequest"];
            };
        };
        responses: {
            /** @description One answer per item, in order */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "index": 0,
                     *           "status": 201,
                     *           "call": {
                     *             "direction": "outbound",
                     *             "status": "queued",
                     *             "from_number": "+15559876543",
                     *             "client_name": "Jane Doe",
                     *             "context": {
                     *               "reference_number": "398690",
                     *               "product": "personal_loan"
                     *             },
                     *             "metadata": {
                     *               "crm_id": "lead_8821"
                     *             },
                     *             "disposition": null,
                     *             "transcript": null,
                     *             "recording_url": null,
                     *             "structured_answers": null,
                     *             "attempt_count": 0,
                     *             "max_attempts": 3,
                     *             "duration_seconds": null,
                     *             "error_message": null,
                     *             "scheduled_at": "2026-06-01T14:00:01.000Z",
                     *             "calling_window": null,
                     *             "next_attempt_at": "2026-06-01T14:00:01.000Z",
                     *             "cancel_requested_at": null,
                     *             "started_at": null,
                     *             "completed_at": null,
                     *             "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                     *             "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                     *             "to_number": "+15551234567",
                     *             "created_at": "2026-06-01T14:00:01.000Z"
                     *           }
                     *         },
                     *         {
                     *           "index": 1,
                     *           "status": 422,
                     *           "error": {
                     *             "type": "number_suppressed",
                     *             "message": "to: this number is on the organization's suppression list",
                     *             "param": "to",
                     *             "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["CallBatchResponse"];
                };
            };
            /** @description Malformed JSON, or no agent_id and no default agent */
            400: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "no_default_agent",
                     *         "message": "No agent_id given and the organization has no default agent",
                     *         "param": "agent_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the resource's state, or the Idempotency-Key is still in flight */
            409: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "conflict",
                     *         "message": "This call has already ended completed",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "payload_too_large",
                     *         "message": "Request body exceeds 100kb",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unsupported_media_type",
                     *         "message": "Request body must be application/json",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCalls: {
        parameters: {
            query?: {
                status?: "queued" | "calling" | "completed" | "failed" | "canceled";
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of calls */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "direction": "outbound",
                     *           "status": "queued",
                     *           "from_number": "+15559876543",
                     *           "client_name": "Jane Doe",
                     *           "context": {
                     *             "reference_number": "398690",
                     *             "product": "personal_loan"
                     *           },
                     *           "metadata": {
                     *             "crm_id": "lead_8821"
                     *           },
                     *           "disposition": null,
                     *           "transcript": null,
                     *           "recording_url": null,
                     *           "structured_answers": null,
                     *           "attempt_count": 0,
                     *           "max_attempts": 3,
                     *           "duration_seconds": null,
                     *           "error_message": null,
                     *           "scheduled_at": "2026-06-01T14:00:01.000Z",
                     *           "calling_window": null,
                     *           "next_attempt_at": "2026-06-01T14:00:01.000Z",
                     *           "cancel_requested_at": null,
                     *           "started_at": null,
                     *           "completed_at": null,
                     *           "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                     *           "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                     *           "to_number": "+15551234567",
                     *           "created_at": "2026-06-01T14:00:01.000Z"
                     *         }
                     *       ],
                     *       "total": 1,
                     *       "limit": 25,
                     *       "offset": 0
                     *     }
                     */
                    "application/json": components["schemas"]["CallList"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The call */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "direction": "outbound",
                     *       "status": "queued",
                     *       "from_number": "+15559876543",
                     *       "client_name": "Jane Doe",
                     *       "context": {
                     *         "reference_number": "398690",
                     *         "product": "personal_loan"
                     *       },
                     *       "metadata": {
                     *         "crm_id": "lead_8821"
                     *       },
                     *       "disposition": null,
                     *       "transcript": null,
                     *       "recording_url": null,
                     *       "structured_answers": null,
                     *       "attempt_count": 0,
                     *       "max_attempts": 3,
                     *       "duration_seconds": null,
                     *       "error_message": null,
                     *       "scheduled_at": "2026-06-01T14:00:01.000Z",
                     *       "calling_window": null,
                     *       "next_attempt_at": "2026-06-01T14:00:01.000Z",
                     *       "cancel_requested_at": null,
                     *       "started_at": null,
                     *       "completed_at": null,
                     *       "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                     *       "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                     *       "to_number": "+15551234567",
                     *       "created_at": "2026-06-01T14:00:01.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["CallOutOutput"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateCall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "schedule_at": "2026-06-02T15:00:00.000Z",
                 *       "context": {
                 *         "reference_number": "398691"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UpdateCallRequest"];
            };
        };
        responses: {
            /** @description The changed call */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "direction": "outbound",
                     *       "status": "queued",
                     *       "from_number": "+15559876543",
                     *       "client_name": "Jane Doe",
                     *       "context": {
                     *         "reference_number": "398690",
                     *         "product": "personal_loan"
                     *       },
                     *       "metadata": {
                     *         "crm_id": "lead_8821"
                     *       },
                     *       "disposition": null,
                     *       "transcript": null,
                     *       "recording_url": null,
                     *       "structured_answers": null,
                     *       "attempt_count": 0,
                     *       "max_attempts": 3,
                     *       "duration_seconds": null,
                     *       "error_message": null,
                     *       "scheduled_at": "2026-06-01T14:00:01.000Z",
                     *       "calling_window": null,
                     *       "next_attempt_at": "2026-06-01T14:00:01.000Z",
                     *       "cancel_requested_at": null,
                     *       "started_at": null,
                     *       "completed_at": null,
                     *       "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                     *       "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                     *       "to_number": "+15551234567",
                     *       "created_at": "2026-06-01T14:00:01.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["CallOutOutput"];
                };
            };
            /** @description Malformed JSON, or no agent_id and no default agent */
            400: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "no_default_agent",
                     *         "message": "No agent_id given and the organization has no default agent",
                     *         "param": "agent_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the resource's state, or the Idempotency-Key is still in flight */
            409: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "conflict",
                     *         "message": "This call has already ended completed",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "payload_too_large",
                     *         "message": "Request body exceeds 100kb",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unsupported_media_type",
                     *         "message": "Request body must be application/json",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCallAttempts: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of attempts */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "attempt": 1,
                     *           "started_at": "2026-06-01T14:00:02.000Z",
                     *           "answered_at": "2026-06-01T14:00:07.000Z",
                     *           "ended_at": "2026-06-01T14:01:41.000Z",
                     *           "disposition": "completed",
                     *           "duration_seconds": 94,
                     *           "error_message": null
                     *         }
                     *       ],
                     *       "total": 1,
                     *       "limit": 25,
                     *       "offset": 0
                     *     }
                     */
                    "application/json": components["schemas"]["AttemptList"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCallTranscript: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of turns */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "speaker": "agent",
                     *           "text": "This call is recorded. Hi Jane Doe, this is Acme Loans about application 398690.",
                     *           "attempt": 1,
                     *           "start_ms": 420,
                     *           "end_ms": 5180
                     *         },
                     *         {
                     *           "speaker": "callee",
                     *           "text": "hello yes",
                     *           "attempt": 1,
                     *           "start_ms": 5900,
                     *           "end_ms": 6700
                     *         },
                     *         {
                     *           "speaker": "agent",
                     *           "text": "Which day suits you for the signing: monday, tuesday or wednesday?",
                     *           "attempt": 1,
                     *           "start_ms": 7100,
                     *           "end_ms": 10900
                     *         },
                     *         {
                     *           "speaker": "callee",
                     *           "text": "tuesday",
                     *           "attempt": 1,
                     *           "start_ms": 11800,
                     *           "end_ms": 12400
                     *         }
                     *       ],
                     *       "total": 4,
                     *       "limit": 25,
                     *       "offset": 0
                     *     }
                     */
                    "application/json": components["schemas"]["TranscriptTurnList"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCallRecording: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The recording */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example RIFF…WAVEfmt … (binary: 2 channels, callee left, agent right) */
                    "audio/wav": string;
                };
            };
            /** @description Redirect to a short-lived signed URL of the recording */
            302: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteCallRecording: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelCall: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retried POST safe: same key and body replay the first response */
                "idempotency-key"?: string;
            };
            path: {
                call_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The canceled call (it was not dialed yet) */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "direction": "outbound",
                     *       "status": "queued",
                     *       "from_number": "+15559876543",
                     *       "client_name": "Jane Doe",
                     *       "context": {
                     *         "reference_number": "398690",
                     *         "product": "personal_loan"
                     *       },
                     *       "metadata": {
                     *         "crm_id": "lead_8821"
                     *       },
                     *       "disposition": null,
                     *       "transcript": null,
                     *       "recording_url": null,
                     *       "structured_answers": null,
                     *       "attempt_count": 0,
                     *       "max_attempts": 3,
                     *       "duration_seconds": null,
                     *       "error_message": null,
                     *       "scheduled_at": "2026-06-01T14:00:01.000Z",
                     *       "calling_window": null,
                     *       "next_attempt_at": "2026-06-01T14:00:01.000Z",
                     *       "cancel_requested_at": null,
                     *       "started_at": null,
                     *       "completed_at": null,
                     *       "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                     *       "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                     *       "to_number": "+15551234567",
                     *       "created_at": "2026-06-01T14:00:01.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["CallOutOutput"];
                };
            };
            /** @description The cancel is requested: the dialer is hanging up. The call ends `canceled`; its `call.canceled` delivery follows */
            202: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "direction": "outbound",
                     *       "status": "calling",
                     *       "from_number": "+15559876543",
                     *       "client_name": "Jane Doe",
                     *       "context": {
                     *         "reference_number": "398690",
                     *         "product": "personal_loan"
                     *       },
                     *       "metadata": {
                     *         "crm_id": "lead_8821"
                     *       },
                     *       "disposition": null,
                     *       "transcript": null,
                     *       "recording_url": null,
                     *       "structured_answers": null,
                     *       "attempt_count": 1,
                     *       "max_attempts": 3,
                     *       "duration_seconds": null,
                     *       "error_message": null,
                     *       "scheduled_at": "2026-06-01T14:00:01.000Z",
                     *       "calling_window": null,
                     *       "next_attempt_at": null,
                     *       "cancel_requested_at": "2026-06-01T14:00:20.000Z",
                     *       "started_at": "2026-06-01T14:00:02.000Z",
                     *       "completed_at": null,
                     *       "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                     *       "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                     *       "to_number": "+15551234567",
                     *       "created_at": "2026-06-01T14:00:01.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["CallOutOutput"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the resource's state, or the Idempotency-Key is still in flight */
            409: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "conflict",
                     *         "message": "This call has already ended completed",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAgents: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                include_inactive?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of agents */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                     *           "name": "Loan follow-up",
                     *           "system_prompt": "You are calling {{client_name}} about application {{reference_number}}.",
                     *           "first_message": "Hi {{client_name}}, this is Acme Loans about application {{reference_number}}.",
                     *           "voicemail_message": "Hi {{client_name}}, this is Acme Loans. Please call us back about application {{reference_number}}.",
                     *           "answer_schema": {
                     *             "type": "object",
                     *             "properties": {
                     *               "preferred_day": {
                     *                 "type": "string",
                     *                 "enum": [
                     *                   "monday",
                     *                   "tuesday",
                     *                   "wednesday"
                     *                 ],
                     *                 "description": "Which day suits you for the signing"
                     *               },
                     *               "has_documents": {
                     *                 "type": "boolean",
                     *                 "description": "Whether you have your documents ready"
                     *               }
                     *             },
                     *             "required": [
                     *               "preferred_day"
                     *             ]
                     *           },
                     *           "record": true,
                     *           "recording_disclosure": "This call is recorded.",
                     *           "engine": "local",
                     *           "model": null,
                     *           "voice": "alloy",
                     *           "language": "en-US",
                     *           "max_duration_seconds": 600,
                     *           "voicemail_action": "hangup",
                     *           "calling_window": {
                     *             "start": "09:00",
                     *             "end": "20:00",
                     *             "days": [
                     *               "mon",
                     *               "tue",
                     *               "wed",
                     *               "thu",
                     *               "fri"
                     *             ],
                     *             "timezone": null
                     *           },
                     *           "is_default": true,
                     *           "is_active": true,
                     *           "created_at": "2026-05-20T09:30:00.000Z",
                     *           "updated_at": "2026-05-20T09:30:00.000Z"
                     *         }
                     *       ],
                     *       "total": 1,
                     *       "limit": 25,
                     *       "offset": 0
                     *     }
                     */
                    "application/json": components["schemas"]["AgentList"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createAgent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "name": "Loan follow-up",
                 *       "system_prompt": "You are calling {{client_name}} about application {{reference_number}}.",
                 *       "first_message": "Hi {{client_name}}, this is Acme Loans about application {{reference_number}}.",
                 *       "voicemail_message": "Hi {{client_name}}, this is Acme Loans. Please call us back about application {{reference_number}}.",
                 *       "answer_schema": {
                 *         "type": "object",
                 *         "properties": {
                 *           "preferred_day": {
                 *             "type": "string",
                 *             "enum": [
                 *               "monday",
                 *               "tuesday",
                 *               "wednesday"
                 *             ],
                 *             "description": "Which day suits you for the signing"
                 *           },
                 *           "has_documents": {
                 *             "type": "boolean",
                 *             "description": "Whether you have your documents ready"
                 *           }
                 *         },
                 *         "required": [
                 *           "preferred_day"
                 *         ]
                 *       },
                 *       "voice": "alloy",
                 *       "language": "en-US",
                 *       "calling_window": {
                 *         "start": "09:00",
                 *         "end": "20:00",
                 *         "days": [
                 *           "mon",
                 *           "tue",
                 *           "wed",
                 *           "thu",
                 *           "fri"
                 *         ],
                 *         "timezone": null
                 *       },
                 *       "is_default": true
                 *     }
                 */
                "application/json": components["schemas"]["CreateAgentRequest"];
            };
        };
        responses: {
            /** @description The agent */
            201: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                     *       "name": "Loan follow-up",
                     *       "system_prompt": "You are calling {{client_name}} about application {{reference_number}}.",
                     *       "first_message": "Hi {{client_name}}, this is Acme Loans about application {{reference_number}}.",
                     *       "voicemail_message": "Hi {{client_name}}, this is Acme Loans. Please call us back about application {{reference_number}}.",
                     *       "answer_schema": {
                     *         "type": "object",
                     *         "properties": {
                     *           "preferred_day": {
                     *             "type": "string",
                     *             "enum": [
                     *               "monday",
                     *               "tuesday",
                     *               "wednesday"
                     *             ],
                     *             "description": "Which day suits you for the signing"
                     *           },
                     *           "has_documents": {
                     *             "type": "boolean",
                     *             "description": "Whether you have your documents ready"
                     *           }
                     *         },
                     *         "required": [
                     *           "preferred_day"
                     *         ]
                     *       },
                     *       "record": true,
                     *       "recording_disclosure": "This call is recorded.",
                     *       "engine": "local",
                     *       "model": null,
                     *       "voice": "alloy",
                     *       "language": "en-US",
                     *       "max_duration_seconds": 600,
                     *       "voicemail_action": "hangup",
                     *       "calling_window": {
                     *         "start": "09:00",
                     *         "end": "20:00",
                     *         "days": [
                     *           "mon",
                     *           "tue",
                     *           "wed",
                     *           "thu",
                     *           "fri"
                     *         ],
                     *         "timezone": null
                     *       },
                     *       "is_default": true,
                     *       "is_active": true,
                     *       "created_at": "2026-05-20T09:30:00.000Z",
                     *       "updated_at": "2026-05-20T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Agent"];
                };
            };
            /** @description Malformed JSON, or no agent_id and no default agent */
            400: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "no_default_agent",
                     *         "message": "No agent_id given and the organization has no default agent",
                     *         "param": "agent_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "payload_too_large",
                     *         "message": "Request body exceeds 100kb",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unsupported_media_type",
                     *         "message": "Request body must be application/json",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The agent */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                     *       "name": "Loan follow-up",
                     *       "system_prompt": "You are calling {{client_name}} about application {{reference_number}}.",
                     *       "first_message": "Hi {{client_name}}, this is Acme Loans about application {{reference_number}}.",
                     *       "voicemail_message": "Hi {{client_name}}, this is Acme Loans. Please call us back about application {{reference_number}}.",
                     *       "answer_schema": {
                     *         "type": "object",
                     *         "properties": {
                     *           "preferred_day": {
                     *             "type": "string",
                     *             "enum": [
                     *               "monday",
                     *               "tuesday",
                     *               "wednesday"
                     *             ],
                     *             "description": "Which day suits you for the signing"
                     *           },
                     *           "has_documents": {
                     *             "type": "boolean",
                     *             "description": "Whether you have your documents ready"
                     *           }
                     *         },
                     *         "required": [
                     *           "preferred_day"
                     *         ]
                     *       },
                     *       "record": true,
                     *       "recording_disclosure": "This call is recorded.",
                     *       "engine": "local",
                     *       "model": null,
                     *       "voice": "alloy",
                     *       "language": "en-US",
                     *       "max_duration_seconds": 600,
                     *       "voicemail_action": "hangup",
                     *       "calling_window": {
                     *         "start": "09:00",
                     *         "end": "20:00",
                     *         "days": [
                     *           "mon",
                     *           "tue",
                     *           "wed",
                     *           "thu",
                     *           "fri"
                     *         ],
                     *         "timezone": null
                     *       },
                     *       "is_default": true,
                     *       "is_active": true,
                     *       "created_at": "2026-05-20T09:30:00.000Z",
                     *       "updated_at": "2026-05-20T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Agent"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deactivated agent */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                     *       "name": "Loan follow-up",
                     *       "system_prompt": "You are calling {{client_name}} about application {{reference_number}}.",
                     *       "first_message": "Hi {{client_name}}, this is Acme Loans about application {{reference_number}}.",
                     *       "voicemail_message": "Hi {{client_name}}, this is Acme Loans. Please call us back about application {{reference_number}}.",
                     *       "answer_schema": {
                     *         "type": "object",
                     *         "properties": {
                     *           "preferred_day": {
                     *             "type": "string",
                     *             "enum": [
                     *               "monday",
                     *               "tuesday",
                     *               "wednesday"
                     *             ],
                     *             "description": "Which day suits you for the signing"
                     *           },
                     *           "has_documents": {
                     *             "type": "boolean",
                     *             "description": "Whether you have your documents ready"
                     *           }
                     *         },
                     *         "required": [
                     *           "preferred_day"
                     *         ]
                     *       },
                     *       "record": true,
                     *       "recording_disclosure": "This call is recorded.",
                     *       "engine": "local",
                     *       "model": null,
                     *       "voice": "alloy",
                     *       "language": "en-US",
                     *       "max_duration_seconds": 600,
                     *       "voicemail_action": "hangup",
                     *       "calling_window": {
                     *         "start": "09:00",
                     *         "end": "20:00",
                     *         "days": [
                     *           "mon",
                     *           "tue",
                     *           "wed",
                     *           "thu",
                     *           "fri"
                     *         ],
                     *         "timezone": null
                     *       },
                     *       "is_default": true,
                     *       "is_active": true,
                     *       "created_at": "2026-05-20T09:30:00.000Z",
                     *       "updated_at": "2026-05-20T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Agent"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "max_duration_seconds": 900,
                 *       "voice": null
                 *     }
                 */
                "application/json": components["schemas"]["UpdateAgentRequest"];
            };
        };
        responses: {
            /** @description The agent */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                     *       "name": "Loan follow-up",
                     *       "system_prompt": "You are calling {{client_name}} about application {{reference_number}}.",
                     *       "first_message": "Hi {{client_name}}, this is Acme Loans about application {{reference_number}}.",
                     *       "voicemail_message": "Hi {{client_name}}, this is Acme Loans. Please call us back about application {{reference_number}}.",
                     *       "answer_schema": {
                     *         "type": "object",
                     *         "properties": {
                     *           "preferred_day": {
                     *             "type": "string",
                     *             "enum": [
                     *               "monday",
                     *               "tuesday",
                     *               "wednesday"
                     *             ],
                     *             "description": "Which day suits you for the signing"
                     *           },
                     *           "has_documents": {
                     *             "type": "boolean",
                     *             "description": "Whether you have your documents ready"
                     *           }
                     *         },
                     *         "required": [
                     *           "preferred_day"
                     *         ]
                     *       },
                     *       "record": true,
                     *       "recording_disclosure": "This call is recorded.",
                     *       "engine": "local",
                     *       "model": null,
                     *       "voice": "alloy",
                     *       "language": "en-US",
                     *       "max_duration_seconds": 600,
                     *       "voicemail_action": "hangup",
                     *       "calling_window": {
                     *         "start": "09:00",
                     *         "end": "20:00",
                     *         "days": [
                     *           "mon",
                     *           "tue",
                     *           "wed",
                     *           "thu",
                     *           "fri"
                     *         ],
                     *         "timezone": null
                     *       },
                     *       "is_default": true,
                     *       "is_active": true,
                     *       "created_at": "2026-05-20T09:30:00.000Z",
                     *       "updated_at": "2026-05-20T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Agent"];
                };
            };
            /** @description Malformed JSON, or no agent_id and no default agent */
            400: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "no_default_agent",
                     *         "message": "No agent_id given and the organization has no default agent",
                     *         "param": "agent_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "payload_too_large",
                     *         "message": "Request body exceeds 100kb",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unsupported_media_type",
                     *         "message": "Request body must be application/json",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSuppressions: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of suppressions */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "5d0c7e4a-1f2b-4c3d-9e8f-7a6b5c4d3e2f",
                     *           "number": "+15551234567",
                     *           "reason": "asked by email to stop calling",
                     *           "created_at": "2026-06-01T14:00:01.000Z"
                     *         }
                     *       ],
                     *       "total": 1,
                     *       "limit": 25,
                     *       "offset": 0
                     *     }
                     */
                    "application/json": components["schemas"]["SuppressionList"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createSuppression: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "number": "+15551234567",
                 *       "reason": "asked by email to stop calling"
                 *     }
                 */
                "application/json": components["schemas"]["CreateSuppressionRequest"];
            };
        };
        responses: {
            /** @description The number was listed already: its existing entry */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5d0c7e4a-1f2b-4c3d-9e8f-7a6b5c4d3e2f",
                     *       "number": "+15551234567",
                     *       "reason": "asked by email to stop calling",
                     *       "created_at": "2026-06-01T14:00:01.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Suppression"];
                };
            };
            /** @description The new entry */
            201: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5d0c7e4a-1f2b-4c3d-9e8f-7a6b5c4d3e2f",
                     *       "number": "+15551234567",
                     *       "reason": "asked by email to stop calling",
                     *       "created_at": "2026-06-01T14:00:01.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Suppression"];
                };
            };
            /** @description Malformed JSON, or no agent_id and no default agent */
            400: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "no_default_agent",
                     *         "message": "No agent_id given and the organization has no default agent",
                     *         "param": "agent_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "payload_too_large",
                     *         "message": "Request body exceeds 100kb",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unsupported_media_type",
                     *         "message": "Request body must be application/json",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteSuppression: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                suppression_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Usage of the current period */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "period_start": "2026-06-01T00:00:00.000Z",
                     *       "period_end": "2026-07-01T00:00:00.000Z",
                     *       "minutes_limit": 1000,
                     *       "minutes_used": 412,
                     *       "minutes_reserved": 30,
                     *       "minutes_remaining": 558
                     *     }
                     */
                    "application/json": components["schemas"]["Usage"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of keys, newest first */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "0b8e6a4c-2d1f-4e3a-9c5b-7d6e5f4a3b2c",
                     *           "prefix": "sk_live_4f9a",
                     *           "created_at": "2026-05-20T09:00:00.000Z",
                     *           "last_used_at": "2026-06-01T14:00:01.000Z",
                     *           "revoked_at": null
                     *         }
                     *       ],
                     *       "total": 1,
                     *       "limit": 25,
                     *       "offset": 0
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /** @example {} */
                "application/json": components["schemas"]["CreateApiKeyRequest"];
            };
        };
        responses: {
            /** @description The new key */
            201: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b8e6a4c-2d1f-4e3a-9c5b-7d6e5f4a3b2c",
                     *       "prefix": "sk_live_4f9a",
                     *       "created_at": "2026-05-20T09:00:00.000Z",
                     *       "last_used_at": null,
                     *       "revoked_at": null,
                     *       "key": "sk_live_4f9a…(shown once)"
                     *     }
                     */
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "payload_too_large",
                     *         "message": "Request body exceeds 100kb",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unsupported_media_type",
                     *         "message": "Request body must be application/json",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                api_key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b8e6a4c-2d1f-4e3a-9c5b-7d6e5f4a3b2c",
                     *       "prefix": "sk_live_4f9a",
                     *       "created_at": "2026-05-20T09:00:00.000Z",
                     *       "last_used_at": "2026-06-01T14:00:01.000Z",
                     *       "revoked_at": "2026-06-01T14:00:01.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The org's endpoints (secrets are not shown) */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
                     *           "url": "https://partner.example/hooks/voice",
                     *           "events": [
                     *             "call.completed",
                     *             "call.failed"
                     *           ],
                     *           "description": "CRM sync",
                     *           "enabled": true,
                     *           "disabled_reason": null,
                     *           "created_at": "2026-05-20T10:00:00.000Z",
                     *           "updated_at": "2026-05-20T10:00:00.000Z"
                     *         }
                     *       ],
                     *       "total": 1,
                     *       "limit": 25,
                     *       "offset": 0
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "url": "https://partner.example/hooks/voice",
                 *       "events": [
                 *         "call.completed",
                 *         "call.failed"
                 *       ],
                 *       "description": "CRM sync"
                 *     }
                 */
                "application/json": components["schemas"]["CreateWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The endpoint and its secret */
            201: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
                     *       "url": "https://partner.example/hooks/voice",
                     *       "events": [
                     *         "call.completed",
                     *         "call.failed"
                     *       ],
                     *       "description": "CRM sync",
                     *       "enabled": true,
                     *       "disabled_reason": null,
                     *       "created_at": "2026-05-20T10:00:00.000Z",
                     *       "updated_at": "2026-05-20T10:00:00.000Z",
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpointWithSecretOut"];
                };
            };
            /** @description Malformed JSON, or no agent_id and no default agent */
            400: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "no_default_agent",
                     *         "message": "No agent_id given and the organization has no default agent",
                     *         "param": "agent_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "payload_too_large",
                     *         "message": "Request body exceeds 100kb",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unsupported_media_type",
                     *         "message": "Request body must be application/json",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
                     *       "url": "https://partner.example/hooks/voice",
                     *       "events": [
                     *         "call.completed",
                     *         "call.failed"
                     *       ],
                     *       "description": "CRM sync",
                     *       "enabled": true,
                     *       "disabled_reason": null,
                     *       "created_at": "2026-05-20T10:00:00.000Z",
                     *       "updated_at": "2026-05-20T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpointOut"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "enabled": true
                 *     }
                 */
                "application/json": components["schemas"]["UpdateWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The endpoint */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
                     *       "url": "https://partner.example/hooks/voice",
                     *       "events": [
                     *         "call.completed",
                     *         "call.failed"
                     *       ],
                     *       "description": "CRM sync",
                     *       "enabled": true,
                     *       "disabled_reason": null,
                     *       "created_at": "2026-05-20T10:00:00.000Z",
                     *       "updated_at": "2026-05-20T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpointOut"];
                };
            };
            /** @description Malformed JSON, or no agent_id and no default agent */
            400: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "no_default_agent",
                     *         "message": "No agent_id given and the organization has no default agent",
                     *         "param": "agent_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "payload_too_large",
                     *         "message": "Request body exceeds 100kb",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body is not JSON */
            415: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unsupported_media_type",
                     *         "message": "Request body must be application/json",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateWebhookEndpointSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint and its new secret */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
                     *       "url": "https://partner.example/hooks/voice",
                     *       "events": [
                     *         "call.completed",
                     *         "call.failed"
                     *       ],
                     *       "description": "CRM sync",
                     *       "enabled": true,
                     *       "disabled_reason": null,
                     *       "created_at": "2026-05-20T10:00:00.000Z",
                     *       "updated_at": "2026-05-20T10:00:00.000Z",
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpointWithSecretOut"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateSigningSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new secret, and until when the replaced one still signs */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                     *       "previous_secret_expires_at": "2026-06-02T14:00:01.000Z",
                     *       "rotated_at": "2026-06-01T14:00:01.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["SigningSecretOut"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                call_id?: string;
                status?: "pending" | "succeeded" | "failed";
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deliveries */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716",
                     *           "webhook_id": "msg_5e4d3c2b1a094f8e8d7c6b5a49382716",
                     *           "event_id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *           "event_type": "call.completed",
                     *           "call_id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                     *           "sequence": 3,
                     *           "endpoint_id": "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
                     *           "url": "https://partner.example/hooks/voice",
                     *           "status": "succeeded",
                     *           "attempt_count": 2,
                     *           "next_attempt_at": null,
                     *           "last_response_status": 200,
                     *           "last_error": null,
                     *           "created_at": "2026-06-01T14:01:41.000Z",
                     *           "completed_at": "2026-06-01T14:01:47.000Z",
                     *           "attempts": [
                     *             {
                     *               "attempted_at": "2026-06-01T14:01:41.000Z",
                     *               "response_status": 503,
                     *               "error": null,
                     *               "duration_ms": 112
                     *             },
                     *             {
                     *               "attempted_at": "2026-06-01T14:01:47.000Z",
                     *               "response_status": 200,
                     *               "error": null,
                     *               "duration_ms": 64
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "total": 1,
                     *       "limit": 25,
                     *       "offset": 0
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Validation failed: `param` names the first field, `details` lists every problem; or the Idempotency-Key was reused with another body; or (`number_suppressed`) `to` is on the suppression list */
            422: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "validation_failed",
                     *         "message": "max_attempts: Too big: expected number to be <=10 (and 1 more problem, see details)",
                     *         "param": "max_attempts",
                     *         "details": [
                     *           {
                     *             "param": "max_attempts",
                     *             "message": "Too big: expected number to be <=10"
                     *           },
                     *           {
                     *             "param": "colour",
                     *             "message": "unknown field"
                     *           }
                     *         ],
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    retryWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, pending again */
            200: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716",
                     *       "webhook_id": "msg_5e4d3c2b1a094f8e8d7c6b5a49382716",
                     *       "event_id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *       "event_type": "call.completed",
                     *       "call_id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                     *       "sequence": 3,
                     *       "endpoint_id": "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
                     *       "url": "https://partner.example/hooks/voice",
                     *       "status": "succeeded",
                     *       "attempt_count": 2,
                     *       "next_attempt_at": null,
                     *       "last_response_status": 200,
                     *       "last_error": null,
                     *       "created_at": "2026-06-01T14:01:41.000Z",
                     *       "completed_at": "2026-06-01T14:01:47.000Z",
                     *       "attempts": [
                     *         {
                     *           "attempted_at": "2026-06-01T14:01:41.000Z",
                     *           "response_status": 503,
                     *           "error": null,
                     *           "duration_ms": 112
                     *         },
                     *         {
                     *           "attempted_at": "2026-06-01T14:01:47.000Z",
                     *           "response_status": 200,
                     *           "error": null,
                     *           "duration_ms": 64
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookDeliveryOut"];
                };
            };
            /** @description Missing, malformed, unknown or revoked API key */
            401: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "unauthenticated",
                     *         "message": "Invalid or revoked API key",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this organization */
            404: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "not_found",
                     *         "message": "No call with this id",
                     *         "param": "call_id",
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the resource's state, or the Idempotency-Key is still in flight */
            409: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "conflict",
                     *         "message": "This call has already ended completed",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit for this API key reached; see Retry-After and RateLimit headers */
            429: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "rate_limited",
                     *         "message": "Rate limit reached for this API key; retry after the Retry-After seconds",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency (minute accounting, database, webhook management) is unavailable; retry after Retry-After seconds */
            503: {
                headers: {
                    "x-request-id": components["headers"]["x-request-id"];
                    traceparent: components["headers"]["traceparent"];
                    RateLimit: components["headers"]["RateLimit"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "type": "dependency_unavailable",
                     *         "message": "Minute accounting is unavailable; try again",
                     *         "param": null,
                     *         "request_id": "req_3f1c9a0b7d2e4f6a8b0c1d2e3f4a5b6c"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    call_queued_webhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Unique per event and destination (`msg_…`); the same on every retry: use it to deduplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject old ones (5 minutes) against replay */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per valid secret (two for 24 h after a rotation) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "type": "call.queued",
                 *       "timestamp": "2026-06-01T14:00:01.000Z",
                 *       "sequence": 1,
                 *       "attempt": 0,
                 *       "data": {
                 *         "direction": "outbound",
                 *         "status": "queued",
                 *         "from_number": "+15559876543",
                 *         "client_name": "Jane Doe",
                 *         "context": {
                 *           "reference_number": "398690",
                 *           "product": "personal_loan"
                 *         },
                 *         "metadata": {
                 *           "crm_id": "lead_8821"
                 *         },
                 *         "disposition": null,
                 *         "transcript": null,
                 *         "recording_url": null,
                 *         "structured_answers": null,
                 *         "attempt_count": 0,
                 *         "max_attempts": 3,
                 *         "duration_seconds": null,
                 *         "error_message": null,
                 *         "scheduled_at": "2026-06-01T14:00:01.000Z",
                 *         "calling_window": null,
                 *         "next_attempt_at": "2026-06-01T14:00:01.000Z",
                 *         "cancel_requested_at": null,
                 *         "started_at": null,
                 *         "completed_at": null,
                 *         "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                 *         "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                 *         "to_number": "+15551234567",
                 *         "created_at": "2026-06-01T14:00:01.000Z"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CallQueuedWebhook"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery; the body is ignored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    call_calling_webhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Unique per event and destination (`msg_…`); the same on every retry: use it to deduplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject old ones (5 minutes) against replay */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per valid secret (two for 24 h after a rotation) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "type": "call.calling",
                 *       "timestamp": "2026-06-01T14:00:02.000Z",
                 *       "sequence": 2,
                 *       "attempt": 1,
                 *       "data": {
                 *         "direction": "outbound",
                 *         "status": "calling",
                 *         "from_number": "+15559876543",
                 *         "client_name": "Jane Doe",
                 *         "context": {
                 *           "reference_number": "398690",
                 *           "product": "personal_loan"
                 *         },
                 *         "metadata": {
                 *           "crm_id": "lead_8821"
                 *         },
                 *         "disposition": null,
                 *         "transcript": null,
                 *         "recording_url": null,
                 *         "structured_answers": null,
                 *         "attempt_count": 1,
                 *         "max_attempts": 3,
                 *         "duration_seconds": null,
                 *         "error_message": null,
                 *         "scheduled_at": "2026-06-01T14:00:01.000Z",
                 *         "calling_window": null,
                 *         "next_attempt_at": null,
                 *         "cancel_requested_at": null,
                 *         "started_at": "2026-06-01T14:00:02.000Z",
                 *         "completed_at": null,
                 *         "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                 *         "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                 *         "to_number": "+15551234567",
                 *         "created_at": "2026-06-01T14:00:01.000Z"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CallCallingWebhook"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery; the body is ignored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    call_updated_webhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Unique per event and destination (`msg_…`); the same on every retry: use it to deduplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject old ones (5 minutes) against replay */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per valid secret (two for 24 h after a rotation) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "type": "call.updated",
                 *       "timestamp": "2026-06-01T14:00:32.000Z",
                 *       "sequence": 3,
                 *       "attempt": 1,
                 *       "data": {
                 *         "direction": "outbound",
                 *         "status": "calling",
                 *         "from_number": "+15559876543",
                 *         "client_name": "Jane Doe",
                 *         "context": {
                 *           "reference_number": "398690",
                 *           "product": "personal_loan"
                 *         },
                 *         "metadata": {
                 *           "crm_id": "lead_8821"
                 *         },
                 *         "disposition": "no_answer",
                 *         "transcript": null,
                 *         "recording_url": null,
                 *         "structured_answers": null,
                 *         "attempt_count": 1,
                 *         "max_attempts": 3,
                 *         "duration_seconds": null,
                 *         "error_message": "No answer",
                 *         "scheduled_at": "2026-06-01T14:00:01.000Z",
                 *         "calling_window": null,
                 *         "next_attempt_at": "2026-06-01T14:05:32.000Z",
                 *         "cancel_requested_at": null,
                 *         "started_at": "2026-06-01T14:00:02.000Z",
                 *         "completed_at": null,
                 *         "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                 *         "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                 *         "to_number": "+15551234567",
                 *         "created_at": "2026-06-01T14:00:01.000Z"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CallUpdatedWebhook"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery; the body is ignored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    call_completed_webhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Unique per event and destination (`msg_…`); the same on every retry: use it to deduplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject old ones (5 minutes) against replay */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per valid secret (two for 24 h after a rotation) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "type": "call.completed",
                 *       "timestamp": "2026-06-01T14:01:41.000Z",
                 *       "sequence": 3,
                 *       "attempt": 1,
                 *       "data": {
                 *         "direction": "outbound",
                 *         "status": "completed",
                 *         "from_number": "+15559876543",
                 *         "client_name": "Jane Doe",
                 *         "context": {
                 *           "reference_number": "398690",
                 *           "product": "personal_loan"
                 *         },
                 *         "metadata": {
                 *           "crm_id": "lead_8821"
                 *         },
                 *         "disposition": "completed",
                 *         "transcript": null,
                 *         "recording_url": null,
                 *         "structured_answers": null,
                 *         "attempt_count": 1,
                 *         "max_attempts": 3,
                 *         "duration_seconds": 94,
                 *         "error_message": null,
                 *         "scheduled_at": "2026-06-01T14:00:01.000Z",
                 *         "calling_window": null,
                 *         "next_attempt_at": null,
                 *         "cancel_requested_at": null,
                 *         "started_at": "2026-06-01T14:00:02.000Z",
                 *         "completed_at": "2026-06-01T14:01:41.000Z",
                 *         "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                 *         "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                 *         "to_number": "+15551234567",
                 *         "created_at": "2026-06-01T14:00:01.000Z"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CallCompletedWebhook"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery; the body is ignored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    call_failed_webhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Unique per event and destination (`msg_…`); the same on every retry: use it to deduplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject old ones (5 minutes) against replay */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per valid secret (two for 24 h after a rotation) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "type": "call.failed",
                 *       "timestamp": "2026-06-01T14:03:10.000Z",
                 *       "sequence": 7,
                 *       "attempt": 3,
                 *       "data": {
                 *         "direction": "outbound",
                 *         "status": "failed",
                 *         "from_number": "+15559876543",
                 *         "client_name": "Jane Doe",
                 *         "context": {
                 *           "reference_number": "398690",
                 *           "product": "personal_loan"
                 *         },
                 *         "metadata": {
                 *           "crm_id": "lead_8821"
                 *         },
                 *         "disposition": "no_answer",
                 *         "transcript": null,
                 *         "recording_url": null,
                 *         "structured_answers": null,
                 *         "attempt_count": 3,
                 *         "max_attempts": 3,
                 *         "duration_seconds": null,
                 *         "error_message": "No answer after 3 attempts",
                 *         "scheduled_at": "2026-06-01T14:00:01.000Z",
                 *         "calling_window": null,
                 *         "next_attempt_at": null,
                 *         "cancel_requested_at": null,
                 *         "started_at": "2026-06-01T14:00:02.000Z",
                 *         "completed_at": "2026-06-01T14:03:10.000Z",
                 *         "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                 *         "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                 *         "to_number": "+15551234567",
                 *         "created_at": "2026-06-01T14:00:01.000Z"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CallFailedWebhook"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery; the body is ignored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    call_canceled_webhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Unique per event and destination (`msg_…`); the same on every retry: use it to deduplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject old ones (5 minutes) against replay */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per valid secret (two for 24 h after a rotation) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "type": "call.canceled",
                 *       "timestamp": "2026-06-01T14:00:20.400Z",
                 *       "sequence": 3,
                 *       "attempt": 1,
                 *       "data": {
                 *         "direction": "outbound",
                 *         "status": "canceled",
                 *         "from_number": "+15559876543",
                 *         "client_name": "Jane Doe",
                 *         "context": {
                 *           "reference_number": "398690",
                 *           "product": "personal_loan"
                 *         },
                 *         "metadata": {
                 *           "crm_id": "lead_8821"
                 *         },
                 *         "disposition": "canceled",
                 *         "transcript": null,
                 *         "recording_url": null,
                 *         "structured_answers": null,
                 *         "attempt_count": 1,
                 *         "max_attempts": 3,
                 *         "duration_seconds": 16,
                 *         "error_message": null,
                 *         "scheduled_at": "2026-06-01T14:00:01.000Z",
                 *         "calling_window": null,
                 *         "next_attempt_at": null,
                 *         "cancel_requested_at": "2026-06-01T14:00:20.000Z",
                 *         "started_at": "2026-06-01T14:00:02.000Z",
                 *         "completed_at": "2026-06-01T14:00:20.400Z",
                 *         "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                 *         "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                 *         "to_number": "+15551234567",
                 *         "created_at": "2026-06-01T14:00:01.000Z"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CallCanceledWebhook"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery; the body is ignored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    call_analyzed_webhook: {
        parameters: {
            query?: never;
            header: {
                /** @description Unique per event and destination (`msg_…`); the same on every retry: use it to deduplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject old ones (5 minutes) against replay */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per valid secret (two for 24 h after a rotation) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "type": "call.analyzed",
                 *       "timestamp": "2026-06-01T14:01:42.000Z",
                 *       "sequence": 4,
                 *       "attempt": 1,
                 *       "data": {
                 *         "direction": "outbound",
                 *         "status": "completed",
                 *         "from_number": "+15559876543",
                 *         "client_name": "Jane Doe",
                 *         "context": {
                 *           "reference_number": "398690",
                 *           "product": "personal_loan"
                 *         },
                 *         "metadata": {
                 *           "crm_id": "lead_8821"
                 *         },
                 *         "disposition": "completed",
                 *         "transcript": "agent: This call is recorded. Hi Jane Doe, this is Acme Loans about application 398690.\ncallee: hello yes\nagent: Which day suits you for the signing: monday, tuesday or wednesday?\ncallee: tuesday",
                 *         "recording_url": "/v1/calls/6ba7b810-9dad-41d1-80b4-00c04fd430c8/recording",
                 *         "structured_answers": {
                 *           "preferred_day": "tuesday"
                 *         },
                 *         "attempt_count": 1,
                 *         "max_attempts": 3,
                 *         "duration_seconds": 94,
                 *         "error_message": null,
                 *         "scheduled_at": "2026-06-01T14:00:01.000Z",
                 *         "calling_window": null,
                 *         "next_attempt_at": null,
                 *         "cancel_requested_at": null,
                 *         "started_at": "2026-06-01T14:00:02.000Z",
                 *         "completed_at": "2026-06-01T14:01:41.000Z",
                 *         "id": "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                 *         "agent_id": "3f2b8c1e-5d4a-4e6f-9b7c-2a1d0e9f8c7b",
                 *         "to_number": "+15551234567",
                 *         "created_at": "2026-06-01T14:00:01.000Z"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CallAnalyzedWebhook"];
            };
        };
        responses: {
            /** @description Any 2xx acknowledges the delivery; the body is ignored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
