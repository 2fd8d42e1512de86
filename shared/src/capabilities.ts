/**
 * The capabilities whose contracts make up the wire protocol: adding a
 * capability is one line here (and one on the server and the client).
 */
import { authContract } from './auth/contract.js';
import { communitiesContract } from './communities/contract.js';
import { membersContract } from './members/contract.js';
import { householdsContract } from './households/contract.js';
import { organisationsContract } from './organisations/contract.js';
import { channelsContract } from './channels/contract.js';
import { messagesContract } from './messages/contract.js';
import { reactionsContract } from './reactions/contract.js';
import { threadsContract } from './threads/contract.js';
import { readsContract } from './reads/contract.js';
import { presenceContract } from './presence/contract.js';
import { typingContract } from './typing/contract.js';
import { notificationsContract } from './notifications/contract.js';
import { moderationContract } from './moderation/contract.js';
import { auditContract } from './audit/contract.js';
import { issuesContract } from './issues/contract.js';
import { open311Contract } from './open311/contract.js';
import { deliberationContract } from './deliberation/contract.js';
import { pollContract } from './polls/contract.js';
import { decisionsContract } from './decisions/contract.js';
import { indexContract } from './index/contract.js';
import { surveysContract } from './surveys/contract.js';
import { insightsContract } from './insights/contract.js';
import { activityContract } from './activity/contract.js';
import { agendaContract } from './agenda/contract.js';
import { smsContract } from './sms/contract.js';
import { pushContract } from './push/contract.js';
import { hooksContract } from './hooks/contract.js';

export const contracts = [
  authContract,
  communitiesContract,
  membersContract,
  householdsContract,
  organisationsContract,
  channelsContract,
  messagesContract,
  reactionsContract,
  threadsContract,
  readsContract,
  presenceContract,
  typingContract,
  notificationsContract,
  moderationContract,
  auditContract,
  issuesContract,
  open311Contract,
  deliberationContract,
  pollContract,
  decisionsContract,
  indexContract,
  surveysContract,
  insightsContract,
  activityContract,
  agendaContract,
  smsContract,
  pushContract,
  hooksContract,
] as const;

export type AnyCapabilityContract = (typeof contracts)[number];
