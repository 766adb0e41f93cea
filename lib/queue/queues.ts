/** The queue whose jobs ask a worker to verify one run. */
export const VERIFICATION_QUEUE = "catwalk-verify-run";
