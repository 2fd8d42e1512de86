import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { can, type Organisation } from '@linli/shared';
import { useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { BackButton, ItemPageFallback } from '../../ui/ItemPageFrame';
import { useCommunityActor } from '../communities/actor';
import { IssueActions } from './IssueActions';
import { IssueHeader } from './IssueHeader';
import { IssueTimeline } from './IssueTimeline';
import { categoriesQuery, issueQuery, isOpenIssue, type IssueDetail } from './issueQueries';
import { PhotoGallery } from './PhotoGallery';
import { VoicePlayer } from '../voice/VoicePlayer';
import { ReplyBox } from './ReplyBox';
import { useMarkSupported, useSaveIssue } from './useIssuesLive';
import { DeliberationLinks } from '../deliberation/DeliberationLinks';
import { StartDeliberationButton } from '../deliberation/StartDeliberationButton';
import { PollLinks } from '../polls/PollLinks';
import { DecisionLinks } from '../decisions/DecisionLinks';

interface Props {
  communityId: string;
  issueId: string;
  organisations: readonly Organisation[] | null;
}

/** One problem report: what and where, photos, who handles it by when, its history, and what one may do. */
export function IssuePage({ communityId, issueId, organisations }: Props) {
  const { t } = useTranslation();
  const actor = useCommunityActor();
  const queryClient = useQueryClient();
  const query = useSocketQuery(issueQuery(communityId, issueId));
  const categories = useSocketQuery(categoriesQuery(communityId, false));
  const save = useSaveIssue(communityId, actor.userId);
  const markSupported = useMarkSupported(communityId);
  const marking = useAction();
  const key = issueQuery(communityId, issueId).queryKey;

  const back = <BackButton to={{ name: 'community', communityId, view: 'issues', channelId: null }} label={t('issues.back')} testId="issue-back" />;
  if (query.error || !query.data) return <ItemPageFallback back={back} error={query.error} notFound={t('issues.notFound')} loading={t('app.loading')} />;
  const { issue, timeline, supported, following } = query.data;
  const category = categories.data?.find((item) => item.id === issue.categoryId) ?? null;
  const mayNote = can(actor, 'issue.readInternal', { assignedOrganisationIds: issue.assignments.map((a) => a.organisationId) });

  async function toggle(kind: 'support' | 'follow', on: boolean) {
    if (kind === 'support') {
      const res = await marking.run(() => request('issue:support', { issueId, on }));
      if (!res) return;
      save(res.issue);
      markSupported(issueId, res.supported);
      queryClient.setQueryData<IssueDetail>(key, (detail) => (detail ? { ...detail, supported: res.supported } : detail));
    } else {
      const res = await marking.run(() => request('issue:follow', { issueId, on }));
      if (res) queryClient.setQueryData<IssueDetail>(key, (detail) => (detail ? { ...detail, following: res.following } : detail));
    }
  }

  return (
    <article className="issue-page" data-testid="issue-page" data-issue-id={issue.id} data-state={issue.state} data-version={issue.version}>
      {back}
      <div className="issue-grid">
        <section className="panel stack-lg">
          <IssueHeader issue={issue} />
          <div>
            <h3>{t('issues.page.description')}</h3>
            <p className="pre" data-testid="issue-description">
              {issue.description || (issue.voice ? '' : t('issues.page.noDescription'))}
            </p>
            {issue.voice && <VoicePlayer voice={issue.voice} testId="issue-voice" />}
          </div>
          <PhotoGallery photos={issue.photos} />
          <div>
            <h3>{t('issues.page.assignments')}</h3>
            {issue.assignments.length === 0 ? (
              <p className="muted">{t('issues.page.noAssignments')}</p>
            ) : (
              <ul className="badges assignments" data-testid="issue-assignments">
                {issue.assignments.map((assignment) => (
                  <li key={assignment.organisationId} className={`badge${assignment.lead ? ' lead' : ''}`} data-lead={assignment.lead}>
                    {assignment.organisationName}
                    {assignment.lead && ` · ${t('issues.list.lead')}`}
                  </li>
                ))}
              </ul>
            )}
          </div>
          {issue.rating && (
            <p data-testid="issue-rating">
              {t('issues.page.rating', { rating: t(`issues.ratings.${issue.rating}`) })}
              {issue.ratingComment && ` · ${issue.ratingComment}`}
            </p>
          )}
          <div className="row">
            <button
              type="button"
              className="toggle"
              aria-pressed={supported}
              data-testid="issue-support"
              disabled={marking.pending || (!supported && !isOpenIssue(issue) && issue.state !== 'resolved')}
              onClick={() => void toggle('support', !supported)}
            >
              {supported ? t('issues.supported') : t('issues.support')} · {issue.supportCount}
            </button>
            <button type="button" className="toggle" aria-pressed={following} data-testid="issue-follow" disabled={marking.pending} onClick={() => void toggle('follow', !following)}>
              {following ? t('issues.following') : t('issues.follow')}
            </button>
          </div>
          <ErrorLine error={marking.error} small />
          <IssueActions issue={issue} organisations={organisations} category={category} />
          {/* Where this report went next: the topics, polls and decisions that link to it. */}
          <div className="stack issue-followups" data-testid="issue-followups">
            <DeliberationLinks communityId={communityId} issueId={issue.id} />
            <PollLinks communityId={communityId} issueId={issue.id} />
            <DecisionLinks communityId={communityId} issueId={issue.id} />
            {isOpenIssue(issue) && <StartDeliberationButton communityId={communityId} issueId={issue.id} issueTitle={issue.title} />}
          </div>
        </section>
        <section className="panel" aria-labelledby="issue-timeline-title">
          <h3 id="issue-timeline-title">{t('issues.page.timeline')}</h3>
          <IssueTimeline entries={timeline} />
          <ReplyBox communityId={communityId} issueId={issue.id} mayNote={mayNote} />
        </section>
      </div>
    </article>
  );
}
