import { useTranslation } from 'react-i18next';
import type { Organisation } from '@linli/shared';
import { useCommunityActor } from '../communities/actor';
import { IssueList } from './IssueList';

/** Organisation staff: open issues assigned to each organisation they work for, soonest deadline first. */
export function OurAssignments({ communityId, organisations }: { communityId: string; organisations: readonly Organisation[] | null }) {
  const { t } = useTranslation();
  const actor = useCommunityActor();
  const mine = (organisations ?? []).filter((org) => actor.organisationIds.includes(org.id));
  return (
    <section className="panel" aria-labelledby="assignments-title">
      <h2 id="assignments-title">{t('issues.tabs.assignments')}</h2>
      <p className="muted small">{t('issues.assignments.hint')}</p>
      {mine.length === 0 && <p className="muted">{t('issues.assignments.none')}</p>}
      {mine.map((org) => (
        <section key={org.id} aria-label={org.name} data-testid="assignments-org">
          <h3>{org.name}</h3>
          <IssueList communityId={communityId} filter={{ status: 'open', organisationId: org.id, sort: 'deadline' }} />
        </section>
      ))}
    </section>
  );
}
