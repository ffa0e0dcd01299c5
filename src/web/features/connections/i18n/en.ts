import type { ConnectionsMessages } from "./fr";

export const connectionsEn: ConnectionsMessages = {
  intro: "Your company's WhatsApp Business numbers, their state and their health.",
  emptyTitle: "Connect WhatsApp to get started",
  emptyBody:
    "In a few minutes, link your company's WhatsApp Business number through Meta's Embedded Signup. You will follow each step here:",
  connect: "Connect WhatsApp",
  connectAnother: "Connect another number",
  useRedirect: "Use the redirect instead",
  redirectHint: "If Meta's window does not open, the redirect runs the same signup in this tab.",
  phases: {
    opening: "Opening Meta's window…",
    dialog: "Finish the steps in Meta's window…",
    completing: "Connecting the number…",
  },
  sandbox: {
    title: "Built-in simulator",
    body: "You are in sandbox mode: Meta's window is simulated and no real number is linked.",
    phone: "Play a candidate on the simulated phone",
  },
  outcome: {
    cancelled: "Connection cancelled: Meta's window was closed before the end. No number was connected.",
    cancelledDetail: "Meta's step or message:",
    connecting: "Meta granted access. LinkoJob is finishing the number's setup: follow the steps below.",
    active: (number: string) => `${number} is connected: you can write to candidates.`,
    failed: (number: string) => `Connecting ${number} stopped at one step: see below.`,
    failedTitle: "The connection did not go through",
  },
  errors: {
    conflict: "This WhatsApp number is already connected to another LinkoJob account.",
    sdk: "Meta's window could not be loaded. Check your connection, or use the redirect.",
    serverSaid: "Details:",
  },
  metaSteps: {
    BUSINESS_ACCOUNT_SELECTION: "choosing the business portfolio",
    WABA_PHONE_PROFILE_PICKER: "choosing the WhatsApp Business account",
    PHONE_NUMBER_SETUP: "adding the number",
    PHONE_NUMBER_VERIFICATION: "verifying the number",
    WHATSAPP_BUSINESS_PROFILE_SETUP: "WhatsApp Business profile",
    PERMISSIONS: "permissions",
  },
  stepperLabel: "Connection steps",
  stepNames: {
    exchange: "Meta authorisation",
    discover: "Account",
    details: "Number",
    subscribe: "Webhooks",
    register: "Registration",
    activate: "Active",
  },
  stepStatus: {
    pending: "To do",
    running: "In progress",
    done: "Done",
    failed: "Failed",
    skipped: "Not needed",
  },
  stepAnnounce: (step: string, status: string) => `${step}: ${status}`,
  failedIntro: "The connection stopped. Fix the cause shown, then resume: finished steps are not redone.",
  pin: {
    needed: "Two-step verification PIN required",
    title: "Two-step verification PIN",
    body: "This number is already protected by WhatsApp two-step verification. To register it, Meta asks for its current 6-digit PIN.",
    where:
      "The PIN was chosen during an earlier setup of the number. Ask whoever set it up, or change it in Meta's WhatsApp Manager: Account tools › Phone numbers › this number › Two-step verification.",
    label: "6-digit PIN",
    hint: "Meta allows 10 registration attempts per 72 hours; check the PIN before sending it.",
    invalid: "Enter the PIN's 6 digits.",
    submit: "Finish with this PIN",
  },
  health: {
    title: "Number health",
    verifiedName: "Verified name",
    quality: "Quality",
    limit: "Portfolio limit",
    nameStatus: "Display name",
    throughput: "Throughput",
    token: "LinkoJob's access",
    connectedAt: "Connected on",
    checkedAt: "Last checked",
    disconnectedAt: "Disconnected on",
  },
  qualities: { high: "High", medium: "Medium", low: "Low" },
  limitTier: (count: string) => `${count} people / 24 h`,
  limitUnlimited: "Unlimited",
  limitNotSet: "Not set by Meta yet",
  limitShared: (numbers: string) => `shared by ${numbers} numbers`,
  nameStatuses: {
    APPROVED: "Approved",
    AVAILABLE_WITHOUT_REVIEW: "Available",
    PENDING_REVIEW: "Under review",
    PENDING: "Under review",
    DECLINED: "Declined",
    REJECTED: "Declined",
    EXPIRED: "Expired",
    NONE: "None",
  },
  throughputs: { STANDARD: "Standard", HIGH: "High", NOT_APPLICABLE: "Not applicable" },
  tokenUntil: (date: string) => `Valid until ${date}`,
  tokenNoExpiry: "Does not expire",
  warnings: {
    token_expires_soon:
      "LinkoJob's access to this number expires soon: reconnect it to avoid an interruption.",
    quality_low:
      "Low quality: candidates are blocking or reporting your messages. Meta may lower your messaging limit.",
    quality_medium: "Medium quality: keep an eye on candidates blocking or reporting you.",
    display_name_declined: "Meta declined this number's display name: change it in WhatsApp Manager.",
    payment_method_invalid:
      'No valid payment method on the WhatsApp Business account: Meta refuses paid sends (templates, and replies since October 2026). Add a card in WhatsApp Manager, Billing settings, then "Check now".',
    business_not_verified:
      "The business has not passed Meta's verification: sending is limited. Start or finish the verification in business settings.",
    account_banned:
      "Meta banned this WhatsApp Business account: sending is blocked. Appeal from the account's Account Quality page (business.facebook.com/accountquality).",
    messaging_blocked: "Meta blocks sending from this number. See WhatsApp Manager for the reason.",
    messaging_limited: "Meta limits sending from this number. See WhatsApp Manager for the reason.",
    other: (code: string) => `Warning from Meta: ${code}`,
  },
  reconnectIntro:
    "Meta no longer accepts LinkoJob's access to this number: sending is paused. Reconnect it; its history is kept.",
  reason: "Reason:",
  actions: {
    check: "Check now",
    checking: "Checking…",
    disconnect: "Disconnect",
    reconnect: "Reconnect",
    retry: "Resume",
    retrying: "Resuming…",
  },
  disconnect: {
    title: (number: string) => `Disconnect ${number}?`,
    body: "LinkoJob deregisters this number from the WhatsApp Cloud API: no message will go out or come in through it. Conversations and messages stay readable, and you can reconnect it later.",
  },
  disconnectedTitle: "Disconnected numbers",
  disconnectedIntro:
    "Their conversations stay readable in the inbox. Reconnect a number to start sending from it again.",
  businessApp: {
    connect: "My number is on the WhatsApp Business app",
    connectHint:
      "Keep the WhatsApp Business app on the phone: LinkoJob connects to the same number without registering it again.",
    tag: "WhatsApp Business app",
    title: "Also on the WhatsApp Business app",
    appKeepsWorking:
      "The app keeps working on the phone: what you send from it shows here, marked “From the phone”.",
    throughput: (perSecond: string) => `Fixed throughput of ${perSecond} messages per second (set by Meta).`,
    noGroupsOrCalls: "No groups or calls through LinkoJob on this number.",
    throughputFact: (perSecond: string) => `${perSecond} messages/s (fixed)`,
    historyWaiting: "App history: waiting for Meta.",
    historyDeclined: "App history: the business did not share it.",
    historyProgress: (phase: string, progress: string, messages: string) =>
      `App history: period ${phase} of 3, ${progress}%; ${messages} messages imported.`,
  },
  linkojob: {
    choiceIntro:
      "Link your company's own WhatsApp number, or start right away with a number LinkoJob lends you.",
    ownTitle: "My own number",
    title: "A LinkoJob number",
    body: "No Meta step: LinkoJob lends you one of its numbers, ready to use. Candidates see your company's name as soon as Meta has approved it.",
    fee: (amount: string) => `${amount} a month, added to your costs.`,
    take: "Get a LinkoJob number",
    taking: "Giving you a number…",
    poolEmpty: "No LinkoJob number is free right now: contact LinkoJob.",
    limitReached: (count: number) =>
      count > 1
        ? `You already have ${count} LinkoJob numbers: ask LinkoJob for another.`
        : "You already have a LinkoJob number: ask LinkoJob for another.",
    notOffered: "LinkoJob does not offer its numbers here: contact LinkoJob.",
    dialogTitle: "Get a LinkoJob number",
    dialogBody:
      "LinkoJob gives you one of its numbers at once. The name below goes to Meta's review: candidates see it once approved, and you can send messages right away.",
    nameLabel: "Name shown to candidates",
    nameHint: "Your company's name, 3 to 100 characters, following Meta's display name rules.",
    nameInvalid: "Enter a name of 3 to 100 characters.",
    feeNote: (amount: string) => `Cost: ${amount} a month, the month started included, in your costs.`,
    confirm: "Get this number",
    given: (number: string) => `${number} is yours: LinkoJob is finishing its setup.`,
    tag: "LinkoJob number",
    nameUnderReview: (name: string) => `Display name “${name}” under Meta's review`,
    nameDeclined: (name: string) =>
      `Meta declined the display name “${name}”: contact LinkoJob to propose another.`,
    reconnectIntro:
      "Meta no longer accepts LinkoJob's access to this number: sending is paused. LinkoJob is restoring it; the history is kept.",
    giveBack: "Give back to LinkoJob",
    giveBackTitle: (number: string) => `Give ${number} back to LinkoJob?`,
    giveBackBody:
      "The number goes back to LinkoJob: no message will go out or come in through it for you. Conversations and messages stay readable. The month started is still due.",
  },
  numberFallback: "Number being set up",
};
