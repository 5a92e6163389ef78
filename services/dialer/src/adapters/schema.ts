/** The Postgres schema this service owns; its migrations and queries stay inside it. */
export const DIALER_SCHEMA = "dialer";
