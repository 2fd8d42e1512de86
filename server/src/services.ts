/**
 * Builds every capability's service with what it depends on (passed in, never
 * imported), and lists the capabilities whose handlers the socket gateway serves.
 * Adding a capability: build its service here and add one line to the list.
 */
import type { RedisClientType } from 'redis';
import type { Config } from './config.js';
import type { Logger } from './lib/logger.js';
import type { LimiterFactory } from './lib/rate-limit.js';
import type { Models } from './models.js';
import type { CacheSync } from './cache/sync.js';
import type { LinliServer, Notifier } from './realtime/notifier.js';
import type { Capability } from './capability.js';
import { createActorResolver } from './context/actor.js';
import { createAuthService } from './auth/auth.service.js';
import type { SmsDriver } from './auth/sms.js';
import { authCapability } from './auth/handlers.js';
import { createCommunityService } from './communities/community.service.js';
import { communitiesCapability } from './communities/handlers.js';
import { createMembershipCache } from './members/membership-cache.js';
import { createMembershipOps } from './members/memberships.js';
import { createMemberService } from './members/member.service.js';
import { membersCapability } from './members/handlers.js';
import { createHouseholdService } from './households/household.service.js';
import { householdsCapability } from './households/handlers.js';
import { createStaffing } from './organisations/staffing.js';
import { createOrganisationService } from './organisations/organisation.service.js';
import { organisationsCapability } from './organisations/handlers.js';
import { createChannelCache } from './channels/channel-cache.js';
import { createChannelService } from './channels/channel.service.js';
import { channelsCapability } from './channels/handlers.js';
import { createMessageService } from './messages/message.service.js';
import { messagesCapability } from './messages/handlers.js';
import { createReactionService } from './reactions/reaction.service.js';
import { reactionsCapability } from './reactions/handlers.js';
import { createThreadService } from './threads/thread.service.js';
import { threadsCapability } from './threads/handlers.js';
import { createReadService } from './reads/read.service.js';
import { readsCapability } from './reads/handlers.js';
import { createPresence } from './presence/presence.service.js';
import { presenceCapability } from './presence/handlers.js';
import { createTypingService } from './typing/typing.service.js';
import { typingCapability } from './typing/handlers.js';
import { createNotificationService } from './notifications/notification.service.js';
import { notificationsCapability } from './notifications/handlers.js';
import { createModerationService } from './moderation/moderation.service.js';
import { moderationCapability } from './moderation/handlers.js';
import { createAuditService } from './audit/audit.service.js';
import { auditCapability } from './audit/handlers.js';
import { createPhotoService } from './issues/photos/photo.service.js';
import { createPhotoStorage } from './issues/photos/storage.js';
import { createVoiceService } from './voice/voice.service.js';
import { createIssueStore, type Clock } from './issues/issue-store.js';
import { createIssueService } from './issues/issue.service.js';
import { createIssueLifecycle } from './issues/lifecycle.service.js';
import { createIssueSweeper } from './issues/sweeper.js';
import { issuesCapability } from './issues/handlers.js';
import { createOpen311Service } from './open311/open311.service.js';
import { open311Capability } from './open311/handlers.js';
import { createIssueNotices } from './issues/notices.js';
import { createTopicChannels } from './deliberation/topic-channels.js';
import { createDeliberationService } from './deliberation/deliberation.service.js';
import { deliberationCapability } from './deliberation/handlers.js';
import { createPollService } from './poll/poll.service.js';
import { pollCapability } from './poll/handlers.js';
import { createDecisionStore } from './decision/decision-store.js';
import { createDecisionService } from './decision/decision.service.js';
import { createDecisionSweeper } from './decision/sweeper.js';
import { decisionsCapability } from './decision/handlers.js';
import { createDecisionNotices } from './decision/notices.js';
import { createActivityService } from './activity/activity.service.js';
import { activityCapability } from './activity/handlers.js';
import { createParticipation } from './index/participation.js';
import { createRegionService } from './regions/region.service.js';
import { regionsCapability } from './regions/handlers.js';
import { createIndexService } from './index/index.service.js';
import { indexCapability } from './index/handlers.js';
import { createSurveyService } from './survey/survey.service.js';
import { surveyCapability } from './survey/handlers.js';
import { createInsightsService } from './insights/insights.service.js';
import { insightsCapability } from './insights/handlers.js';
import { createAgendaService } from './agenda/agenda.service.js';
import { agendaCapability } from './agenda/handlers.js';
import { createSmsGateway } from './sms/gateway.js';
import { noticeTemplatesOf } from './sms/drivers.js';
import { createSmsService } from './sms/sms.service.js';
import { smsCapability } from './sms/handlers.js';
import { createHookService } from './hooks/hook.service.js';
import { createSealer } from './hooks/seal.js';
import { forwardingDecisionNotices, forwardingIssueNotices, pollOpenedEvent } from './hooks/events.js';
import { hooksCapability } from './hooks/handlers.js';
import { resolveVapidKeys } from './push/vapid.js';
import { createPushSender } from './push/push.sender.js';
import { createPushService } from './push/push.service.js';
import { pushCapability } from './push/handlers.js';

export interface ServiceDeps {
  config: Config;
  models: Models;
  redis: RedisClientType | null;
  log: Logger;
  sms: SmsDriver;
  limiter: LimiterFactory;
  sync: CacheSync;
  io: LinliServer;
  notify: Notifier;
  /** The time as deadlines read it (tests move it). */
  clock: Clock;
}

export function createServices(deps: ServiceDeps) {
  const { config, models, redis, log, limiter, sync, io, notify } = deps;
  const memberships = createMembershipCache(models, sync);
  const staffing = createStaffing(models, sync);
  const actors = createActorResolver({ memberships, staffing });
  const access = { models, memberships, actors };
  const channelCache = createChannelCache(models, sync);

  // Every SMS (login codes, notices) through one gateway: per-number limits, masked log lines.
  const smsGateway = createSmsGateway({
    driver: deps.sms,
    limiter,
    log,
    limits: { noticesPerHour: config.SMS_NOTICES_PER_HOUR, noticesPerDay: config.SMS_NOTICES_PER_DAY, codesPerDay: config.SMS_CODES_PER_DAY },
  });
  const auth = createAuthService({
    models,
    sms: smsGateway,
    limiter,
    log,
    pepper: config.OTP_PEPPER,
    sessionTtlDays: config.SESSION_TTL_DAYS,
    platformAdminPhones: config.PLATFORM_ADMIN_PHONES,
    sync,
  });
  const audit = createAuditService(access);
  /** Group robots (企业微信 / 钉钉 / 飞书): announcements, problem reports, polls and decisions are published to them. */
  const hooks = createHookService({
    ...access,
    notify,
    audit,
    clock: deps.clock,
    log,
    sealer: createSealer(config.HOOK_SECRET_KEY ?? config.OTP_PEPPER),
    settings: { publicUrl: config.PUBLIC_URL ?? config.ALLOWED_ORIGINS[0] ?? `http://localhost:${config.PORT}`, allowHosts: config.HOOKS_ALLOW_HOSTS, maxAttempts: config.HOOK_MAX_ATTEMPTS },
  });
  const notifications = createNotificationService({ models, notify, log });
  const memberOps = createMembershipOps({ models, memberships, staffing, notify });
  const channels = createChannelService({ ...access, notify, audit, channelCache });
  const organisations = createOrganisationService({ ...access, notify, audit, staffing });
  const communities = createCommunityService({
    ...access,
    notify,
    audit,
    members: memberOps,
    onCommunityCreated: async (communityId, creator) => {
      await channels.createDefaults(communityId, creator);
      await issues.createDefaultCategories(communityId);
    },
  });
  const members = createMemberService({ ...access, notify, audit, members: memberOps, staffing, notifications });
  const households = createHouseholdService({ ...access, audit, members: memberOps });
  const topicChannels = createTopicChannels(models);
  /** Problem-report photos and voice clips share one storage (PHOTO_STORAGE). */
  const photoStorage = createPhotoStorage(config, models.IssuePhoto.db);
  const voice = createVoiceService({ ...access, channelCache, storage: photoStorage, log });
  const messages = createMessageService({ ...access, notify, notifications, limiter, audit, sendBurst: config.MESSAGE_SEND_BURST, channelCache, staffing, log, redis, topicChannels, hooks, voice });
  const reactions = createReactionService({ models, messages, topicChannels });
  const threads = createThreadService({ models, messages });
  const reads = createReadService({ ...access, notify, messages });
  const presence = createPresence({ ...access, io });
  const typing = createTypingService({ messages, notify });
  const moderation = createModerationService({ ...access, notify, audit, messages, notifications, members: memberOps });
  const photos = createPhotoService({ models, memberships, storage: photoStorage, log });
  const issueDeps = { ...access, notify, notifications, clock: deps.clock, notices: forwardingIssueNotices(hooks, createIssueNotices({ models, messages, log })) };
  const issueStore = createIssueStore(issueDeps);
  const issues = createIssueService({ ...issueDeps, store: issueStore, messages, photos, voice });
  const issueLifecycle = createIssueLifecycle({ ...issueDeps, store: issueStore, photos });
  const issueSweeper = createIssueSweeper({
    ...issueDeps,
    store: issueStore,
    settings: { autoConfirmDays: config.ISSUE_AUTO_CONFIRM_DAYS, escalateAfterHours: config.ISSUE_ESCALATE_AFTER_HOURS },
  });
  const open311 = createOpen311Service({ ...access, issues, audit, clock: deps.clock, log });
  const deliberations = createDeliberationService({ ...access, notify, notifications, audit, messages, channelCache, clock: deps.clock, log });
  const polls = createPollService({ ...access, notify, io, notifications, audit, clock: deps.clock, log, deliberations, hooks });
  polls.onOpened((poll) => hooks.publish(poll.communityId, pollOpenedEvent(poll)));
  const decisionDeps = { ...access, notify, notifications, clock: deps.clock, sources: { deliberations, polls } };
  const decisionStore = createDecisionStore(decisionDeps);
  const decisions = createDecisionService({ ...decisionDeps, store: decisionStore, audit, photos, notices: forwardingDecisionNotices(hooks, createDecisionNotices({ models, messages, log })), hooks });
  const decisionSweeper = createDecisionSweeper({ ...decisionDeps, store: decisionStore, settings: { escalateAfterHours: config.ISSUE_ESCALATE_AFTER_HOURS } });
  /** Who filed, argued or voted (the survey's join and the index's participation breadth). */
  const participation = createParticipation({ models });
  const surveys = createSurveyService({ ...access, notify, notifications, audit, clock: deps.clock, log, participation });
  const activities = createActivityService({ ...access, notify, notifications, audit, clock: deps.clock, log, polls });
  const insights = createInsightsService({ models, actors, messages, clock: deps.clock });
  const regions = createRegionService({ ...access, audit, clock: deps.clock });
  const index = createIndexService({ ...access, audit, clock: deps.clock, log, regions, participation, surveys, activities });
  const agenda = createAgendaService({ ...access, clock: deps.clock, polls, reads, communities, moderation, regions, index });
  // SMS notices: a reporter's problem report changed state, a poll a member may vote in opened (members who opted in or are SMS-only).
  const sms = createSmsService({ ...access, audit, members: memberOps, gateway: smsGateway, notifications, polls, templates: deps.sms.name === 'console' ? { issueState: true, pollOpen: true } : noticeTemplatesOf(config), clock: deps.clock, log });
  // Web push: every stored notification and every poll that opens, to the devices of members who chose that kind.
  const vapid = resolveVapidKeys(config, log);
  const push = createPushService({ models, staffing, sender: createPushSender({ vapid, log }), publicKey: vapid.publicKey, log, clock: deps.clock, strictEndpoints: config.NODE_ENV === 'production' });
  notifications.subscribe(async (notification) => void (await push.deliver(notification)));
  polls.onOpened(async (poll) => void (await push.pollOpened(poll)));

  /** The capabilities the gateway serves: one line each. */
  const capabilities: Capability[] = [
    authCapability(auth),
    communitiesCapability(communities),
    membersCapability(members),
    householdsCapability(households),
    organisationsCapability(organisations),
    channelsCapability(channels),
    messagesCapability(messages),
    reactionsCapability(reactions),
    threadsCapability(threads),
    readsCapability(reads),
    presenceCapability(presence),
    typingCapability(typing),
    notificationsCapability(notifications),
    moderationCapability(moderation),
    auditCapability(audit),
    issuesCapability(issues, issueLifecycle),
    open311Capability(open311),
    deliberationCapability(deliberations),
    pollCapability(polls),
    decisionsCapability(decisions),
    activityCapability(activities),
    surveyCapability(surveys),
    insightsCapability(insights),
    regionsCapability(regions),
    indexCapability(index),
    agendaCapability(agenda),
    smsCapability(sms),
    hooksCapability(hooks),
    pushCapability(push),
  ];

  return {
    capabilities,
    /** What HTTP routes need to check access as the socket commands do. */
    access,
    memberships,
    staffing,
    services: { auth, communities, members, households, organisations, channels, audit, messages, reactions, threads, reads, presence, typing, moderation, notifications, photos, voice, issues, issueLifecycle, issueSweeper, open311, deliberations, polls, decisions, decisionSweeper, participation, surveys, activities, insights, regions, index, agenda, hooks, push, sms },
  };
}
