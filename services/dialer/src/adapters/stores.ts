import type { DialerStores } from "../app/ports";
import { createAttemptStore } from "./attempt-store";
import { createBeforeDialStore } from "./before-dial-store";
import { createCallingWindowStore } from "./calling-window-store";
import { createCancelStore } from "./cancel-store";
import { createCarrierCheckStore } from "./carrier-check-store";
import { createClaimStore } from "./claim-store";
import { createConversationStore } from "./conversation-store";
import { createInstanceStore } from "./instance-store";
import { createJobIntake } from "./job-intake-store";
import { createOrphanStore } from "./orphan-store";
import type { StoreOptions } from "./postgres";
import { createSuppressionStore } from "./suppression-store";

/** Every store of the dialer's schema, one per concern, over one pool. */
export function createDialerStores(options: StoreOptions & { account: string; cps: number; orgConcurrency: number }): DialerStores {
  return {
    intake: createJobIntake(options),
    claims: createClaimStore(options),
    attempts: createAttemptStore(options),
    conversations: createConversationStore(options),
    suppressions: createSuppressionStore(options),
    windows: createCallingWindowStore(options),
    cancels: createCancelStore(options),
    beforeDial: createBeforeDialStore(options),
    instances: createInstanceStore(options),
    orphans: createOrphanStore(options),
    checks: createCarrierCheckStore(options),
  };
}
