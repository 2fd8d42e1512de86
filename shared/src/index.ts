export * from './errors.js';
export * from './limits.js';
export * as schemas from './schemas.js';
export * from './events.js';
export * from './policy.js';
export * from './actor.js';
export type { Rule } from './contract.js';
// Wire types and vocabularies, by capability.
export * from './auth/types.js';
export * from './communities/types.js';
export * from './members/types.js';
export type { MemberRef } from './members/policy.js';
export * from './households/types.js';
export * from './organisations/types.js';
export * from './channels/types.js';
export type { ChannelRef } from './channels/policy.js';
export { canSeeChannel, canPostIn } from './channels/policy.js';
export * from './messages/types.js';
export type { MessageRef } from './messages/policy.js';
export * from './messages/cursor.js';
export * from './reactions/types.js';
export type { ChannelReadState } from './reads/contract.js';
export type { PresenceEntry, PresenceChange } from './presence/contract.js';
export { notificationKinds, type NotificationKind, type AppNotification } from './notifications/contract.js';
export { reportStatuses, type ReportStatus, type MessageReport } from './moderation/contract.js';
export type { AuditEntry } from './audit/contract.js';
export * from './audit/actions.js';
// Problem reports.
export * from './issues/types.js';
export * from './issues/lifecycle.js';
export * from './issues/similarity.js';
export * from './issues/figures.js';
export { ISSUE_LIMITS } from './issues/contract.js';
// Open311 GeoReport v2.
export * from './open311/types.js';
export { OPEN311_LIMITS, jurisdictionIdField } from './open311/contract.js';
export * from './polls/counting.js';
export * from './surveys/scoring.js';
export * from './surveys/types.js';
export * from './surveys/results.js';
export { studyTemplate } from './surveys/study.js';
export { SURVEY_LIMITS, surveyEligible, surveyQuestionId } from './surveys/contract.js';
export * from './polls/types.js';
export * from './polls/secret.js';
export { POLL_LIMITS, ballotSecret as ballotSecretField, ballotChoice as ballotChoiceField, eligibleFor } from './polls/contract.js';
// Deliberation (议事).
export * from './deliberation/types.js';
export * from './deliberation/arguments.js';
export { DELIBERATION_LIMITS } from './deliberation/contract.js';
// Decisions (决议) and their follow-through.
export * from './decisions/types.js';
export { DECISION_LIMITS, type ItemOwnerRef } from './decisions/contract.js';
// The community deliberation index (社区协商指数) and its regions.
export * from './index/types.js';
export * from './index/formula.js';
export { INDEX_LIMITS } from './index/contract.js';
// Online activities (社区活动): calls for ideas, quizzes, offline events.
export * from './activity/types.js';
export * from './activity/quiz.js';
export { ACTIVITY_LIMITS } from './activity/contract.js';
// Needs analysis (需求分析).
export * from './insights/types.js';
// What needs me (待我处理): a member's agenda and the navigation's counts.
export * from './agenda/types.js';
export * from './agenda/agenda.js';
// Web push: the kinds a member may hear about outside the app, quiet hours, what a push carries.
export * from './push/types.js';
// Group robots (群机器人): 企业微信 / 钉钉 / 飞书 hooks.
export * from './hooks/types.js';
export { HOOK_LIMITS } from './hooks/contract.js';
// Voice messages (语音): limits, refusal reasons, the clip a message or report carries.
export * from './voice/types.js';
// SMS for residents without a smartphone (短信通知).
export { SMS_LIMITS, type SmsSettings, type SmsMember, type SmsStaffView } from './sms/contract.js';
