import { useTranslation } from 'react-i18next';
import { can, type MyCommunity } from '@linli/shared';
import { useCommunityActor } from '../communities/actor';
import type { CommunityData } from '../home/useCommunityData';
import { AuditLog } from './AuditLog';
import { BannedMembers } from './BannedMembers';
import { ChannelManager } from './ChannelManager';
import { HouseholdQueue } from './HouseholdQueue';
import { InviteCode } from './InviteCode';
import { JoinRequests } from './JoinRequests';
import { MemberAdmin } from './MemberAdmin';
import { Open311Settings } from './Open311Settings';
import { HooksSettings } from '../hooks/HooksSettings';
import { SmsStaffSection } from '../sms/SmsStaffSection';
import { OrganisationManager } from './OrganisationManager';
import { ReportsQueue } from './ReportsQueue';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
}

/** Everything a community worker handles, on one scrollable page with a jump list. */
export function ModerationView({ mine, data }: Props) {
  const { t } = useTranslation();
  const communityId = mine.community.id;
  // The member section is where roles change: the admins'.
  const actor = useCommunityActor();
  const isAdmin = can(actor, 'member.manageRoles');
  const managesOpen311 = can(actor, 'open311.manage');
  const managesHooks = can(actor, 'hook.manage');

  const sections = [
    ['mod-reports', t('reports.title')],
    ['mod-join-requests', t('mod.joinRequests')],
    ['mod-households', t('mod.households')],
    ['mod-invite', t('mod.invite')],
    ['mod-channels', t('mod.channels')],
    ['mod-orgs', t('mod.orgs')],
    ...(isAdmin ? [['mod-members', t('mod.members')]] : []),
    ...(managesOpen311 ? [['mod-open311', t('open311.title')]] : []),
    ...(managesHooks ? [['mod-hooks', t('hooks.title')]] : []),
    ['mod-sms', t('sms.staff.title')],
    ['mod-banned', t('mod.banned')],
    ['mod-audit', t('audit.title')],
  ] as const;

  return (
    <div className="moderation">
      <nav className="jump-list" aria-label={t('mod.sections')}>
        {sections.map(([id, label]) => (
          <button
            key={id}
            type="button"
            className="chip"
            onClick={() => document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
          >
            {label}
          </button>
        ))}
      </nav>
      <div className="mod-grid">
        <ReportsQueue communityId={communityId} />
        <JoinRequests communityId={communityId} />
        <HouseholdQueue communityId={communityId} onMemberSaved={data.saveMember} />
        <InviteCode mine={mine} />
        <ChannelManager communityId={communityId} data={data} />
        <OrganisationManager communityId={communityId} data={data} />
        {isAdmin && <MemberAdmin communityId={communityId} data={data} />}
        {managesOpen311 && <Open311Settings communityId={communityId} />}
        {managesHooks && <HooksSettings communityId={communityId} channels={data.channels} />}
        <SmsStaffSection communityId={communityId} />
        <BannedMembers communityId={communityId} />
        <AuditLog communityId={communityId} />
      </div>
    </div>
  );
}
