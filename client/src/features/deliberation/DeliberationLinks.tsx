import { useTranslation } from 'react-i18next';
import { routePath, useNavigateTo, type Route } from '../../lib/route';
import { useDeliberationList } from './deliberationQueries';
import { StateBadge } from './StateBadge';

interface Props {
  communityId: string;
  /** The problem report whose deliberations to list. */
  issueId: string;
}

/** The deliberation topics started from a problem report (its forward link); nothing when there are none. */
export function DeliberationLinks({ communityId, issueId }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigateTo();
  const list = useDeliberationList(communityId, { state: 'all', issueId });
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="delib-links" data-testid="deliberation-links" aria-labelledby={`delib-links-${issueId}`}>
      <h3 id={`delib-links-${issueId}`} className="small">
        {t('deliberation.links.title')}
      </h3>
      <ul className="list plain">
        {items.map((topic) => {
          const route: Route = { name: 'community', communityId, view: 'deliberations', channelId: null, itemId: topic.id };
          return (
            <li key={topic.id} className="row tight">
              <a
                href={routePath(route)}
                data-testid="deliberation-link"
                data-id={topic.id}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                  e.preventDefault();
                  navigate(route);
                }}
              >
                {t('deliberation.number', { number: topic.number })} {topic.title}
              </a>
              <StateBadge state={topic.state} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
