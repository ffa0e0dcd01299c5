import { purgeExpiredSessionsJob } from "./modules/accounts/jobs/purge-expired-sessions.job";
import { autoAssignJob } from "./modules/automation/jobs/auto-assign.job";
import { awayReplyJob } from "./modules/automation/jobs/away-reply.job";
import { sendCampaignJob } from "./modules/campaigns/send-campaign.job";
import { checkConnectionsHealthJob } from "./modules/connections/jobs/check-connections-health.job";
import { onboardConnectionJob } from "./modules/connections/jobs/onboard-connection.job";
import { requestAppDataJob } from "./modules/connections/jobs/request-app-data.job";
import { endSnoozeJob } from "./modules/conversations/jobs/end-snooze.job";
import { applyRetentionJob } from "./modules/data-rights/apply-retention.job";
import { downloadMediaJob } from "./modules/messaging/media/download-media.job";
import { markReadJob } from "./modules/messaging/outbound/mark-read.job";
import { purgeRateBudgetsJob } from "./modules/messaging/outbound/purge-rate-budgets.job";
import { sendMessageJob } from "./modules/messaging/outbound/send-message.job";
import { syncTemplatesJob } from "./modules/templates/jobs/sync-templates.job";
import { recordVirtualNumberFeesJob } from "./modules/virtual-numbers/jobs/record-virtual-number-fees.job";
import { purgeWebhookEventsJob } from "./modules/webhooks/purge-webhook-events.job";
import { purgeDomainEventsJob } from "./platform/realtime/purge-domain-events.job";

/** Every job the worker runs; a module adds its job definitions here. */
export const allJobs = [
  purgeExpiredSessionsJob,
  onboardConnectionJob,
  requestAppDataJob,
  checkConnectionsHealthJob,
  recordVirtualNumberFeesJob,
  downloadMediaJob,
  markReadJob,
  sendMessageJob,
  sendCampaignJob,
  purgeRateBudgetsJob,
  syncTemplatesJob,
  purgeDomainEventsJob,
  endSnoozeJob,
  applyRetentionJob,
  purgeWebhookEventsJob,
  autoAssignJob,
  awayReplyJob,
];
