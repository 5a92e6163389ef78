/** The Postgres schema this service owns; its migrations and queries stay inside it. */
export const GATEWAY_SCHEMA = "gateway";
