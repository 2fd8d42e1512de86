/**
 * The i18next resources: the shared strings of this folder plus each feature's own
 * (features/<name>/locales.ts), merged at build time by these static imports.
 * Top-level names (app, chat, mod…) are each defined in one place only.
 * The merged Chinese shape types every `t()` key: an unknown key does not compile.
 */
import { authLocales } from '../features/auth/locales';
import { chatLocales } from '../features/chat/locales';
import { communitiesLocales } from '../features/communities/locales';
import { homeLocales } from '../features/home/locales';
import { issuesLocales } from '../features/issues/locales';
import { deliberationLocales } from '../features/deliberation/locales';
import { pollLocales } from '../features/polls/locales';
import { decisionLocales } from '../features/decisions/locales';
import { surveyLocales } from '../features/survey/locales';
import { activityLocales } from '../features/activity/locales';
import { indexLocales } from '../features/index/locales';
import { insightsLocales } from '../features/insights/locales';
import { agendaLocales } from '../features/agenda/locales';
import { pushLocales } from '../features/push/locales';
import { voiceLocales } from '../features/voice/locales';
import { hooksLocales } from '../features/hooks/locales';
import { smsLocales } from '../features/sms/locales';
import { moderationLocales } from '../features/moderation/locales';
import { notificationsLocales } from '../features/notifications/locales';
import { shellLocales } from '../features/shell/locales';
import { listLocales } from '../ui/locales';
import { en } from './en';
import { zhCN } from './zh-CN';

const zhCNResources = {
  ...zhCN,
  ...listLocales['zh-CN'],
  ...shellLocales['zh-CN'],
  ...authLocales['zh-CN'],
  ...communitiesLocales['zh-CN'],
  ...homeLocales['zh-CN'],
  ...moderationLocales['zh-CN'],
  ...chatLocales['zh-CN'],
  ...notificationsLocales['zh-CN'],
  ...issuesLocales['zh-CN'],
  ...deliberationLocales['zh-CN'],
  ...pollLocales['zh-CN'],
  ...decisionLocales['zh-CN'],
  ...surveyLocales['zh-CN'],
  ...activityLocales['zh-CN'],
  ...indexLocales['zh-CN'],
  ...insightsLocales['zh-CN'],
  ...agendaLocales['zh-CN'],
  ...pushLocales['zh-CN'],
  ...voiceLocales['zh-CN'],
  ...hooksLocales['zh-CN'],
  ...smsLocales['zh-CN'],
};

export type Resources = typeof zhCNResources;

const enResources: Resources = {
  ...en,
  ...listLocales.en,
  ...shellLocales.en,
  ...authLocales.en,
  ...communitiesLocales.en,
  ...homeLocales.en,
  ...moderationLocales.en,
  ...chatLocales.en,
  ...notificationsLocales.en,
  ...issuesLocales.en,
  ...deliberationLocales.en,
  ...pollLocales.en,
  ...decisionLocales.en,
  ...surveyLocales.en,
  ...activityLocales.en,
  ...indexLocales.en,
  ...insightsLocales.en,
  ...agendaLocales.en,
  ...pushLocales.en,
  ...voiceLocales.en,
  ...hooksLocales.en,
  ...smsLocales.en,
};

export const resources = {
  'zh-CN': { translation: zhCNResources },
  en: { translation: enResources },
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources };
  }
}
