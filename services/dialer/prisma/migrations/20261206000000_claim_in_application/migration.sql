-- The claim moved into the application (adapters/dial-job-store.ts, rules in domain/claim.ts): the
-- pacing budget, each org's room, the `calling` snapshot and its `call.calling` event are built in
-- TypeScript, inside one transaction behind the same account row lock. The function is dropped.
-- During a rolling deploy a dialer of an earlier release fails its claims (logged, retried, nothing
-- taken) until it is replaced; both releases take the same lock, so the limits hold throughout.
DROP FUNCTION IF EXISTS "dialer_claim"(TEXT, TEXT, UUID, INTEGER, INTEGER, INTEGER, INTEGER, TEXT, TEXT);
