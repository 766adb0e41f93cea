export { BOSS_SCHEMA, getBoss, stopBoss } from "./boss";
export { VERIFICATION_QUEUE } from "./queues";
export { enqueueVerification, takeVerificationJob, type VerificationJob } from "./verification";
