import { purgeExpiredSessionsJob } from "./modules/accounts/jobs/purge-expired-sessions.job";
import { checkConnectionsHealthJob } from "./modules/connections/jobs/check-connections-health.job";
import { onboardConnectionJob } from "./modules/connections/jobs/onboard-connection.job";
import { downloadMediaJob } from "./modules/messaging/jobs/download-media.job";
import { markReadJob } from "./modules/messaging/jobs/mark-read.job";
import { purgeRateBudgetsJob } from "./modules/messaging/jobs/purge-rate-budgets.job";
import { sendMessageJob } from "./modules/messaging/jobs/send-message.job";
import { syncTemplatesJob } from "./modules/templates/jobs/sync-templates.job";
import { purgeDomainEventsJob } from "./platform/realtime/purge-domain-events.job";

/** Every job the worker runs; a module adds its job definitions here. */
export const allJobs = [
  purgeExpiredSessionsJob,
  onboardConnectionJob,
  checkConnectionsHealthJob,
  downloadMediaJob,
  markReadJob,
  sendMessageJob,
  purgeRateBudgetsJob,
  syncTemplatesJob,
  purgeDomainEventsJob,
];
