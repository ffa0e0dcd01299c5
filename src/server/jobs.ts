import { purgeExpiredSessionsJob } from "./modules/accounts/jobs/purge-expired-sessions.job";

/** Every job the worker runs; a module adds its job definitions here. */
export const allJobs = [purgeExpiredSessionsJob];
