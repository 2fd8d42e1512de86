import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, INDEX_MIN_EVENTS, indexComponentKeys, type MyCommunity } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { socketQueryFn, useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { useNavigateTo } from '../../lib/route';
import { useCommunityActor } from '../communities/actor';
import type { CommunityData } from '../home/useCommunityData';
import { ComponentBars } from './charts';
import { ComponentTable } from './ComponentTable';
import { componentOf, lastMonth, recentMonths, scoreText } from './format';
import { indexKeys } from './indexQueries';
import './index.css';

interface Props {
  mine: MyCommunity;
  data: CommunityData;
  /** The month open ('YYYY-MM'), or null for the last month that ended. */
  itemId: string | null;
}

const isMonth = (value: string | null): value is string => value !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** A community's own index for a month: its figures (published, with the live recompute beside), its rank in its street. */
export function IndexView({ mine, itemId }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigateTo();
  const actor = useCommunityActor();
  const communityId = mine.community.id;
  const month = isMonth(itemId) ? itemId : lastMonth();
  const [recompute, setRecompute] = useState(false);
  const publish = useAction();
  const query = useSocketQuery({ queryKey: indexKeys.community(communityId, month), queryFn: socketQueryFn('index:community', { communityId, month }) });
  const result = query.data;
  const shown = result ? (result.published ?? result.live) : null;

  return (
    <section className="panel stack" data-testid="index-view" data-item={month}>
      <div className="row between">
        <h2>{t('communityIndex.title')}</h2>
        <label className="field">
          <span className="small">{t('communityIndex.month')}</span>
          <select
            value={month}
            data-testid="index-month"
            onChange={(event) => navigate({ name: 'community', communityId, view: 'index', channelId: null, itemId: event.target.value }, { replace: true })}
          >
            {recentMonths().map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">{t('communityIndex.hint')}</p>
      {query.error && (
        <p className="error" role="alert">
          {errorText(query.error)}
        </p>
      )}
      {result && shown && (
        <>
          <div className="index-summary" data-testid="index-summary">
            <div>
              <div className="muted small">{t('communityIndex.total')}</div>
              <div className="index-total" data-testid="index-total">
                {shown.enoughData ? scoreText(shown.total, '') : t('communityIndex.notEnough')}
              </div>
            </div>
            <div className="stack">
              <span data-testid="index-rank">{result.rank !== null ? t('communityIndex.rankOf', { rank: result.rank, count: result.ranked }) : t('communityIndex.unranked')}</span>
              <span className="muted small">{result.street ? t('communityIndex.street', { name: result.street.name }) : t('communityIndex.noStreet')}</span>
              <span className="muted small">{t('communityIndex.events', { events: shown.events, members: shown.members })}</span>
            </div>
          </div>
          {!shown.enoughData && <p className="notice">{t('communityIndex.notEnoughHint', { min: INDEX_MIN_EVENTS })}</p>}
          {result.published ? (
            <p className="small" data-testid="index-published">
              <span className="index-badge published">{t('communityIndex.published')}</span> {t('communityIndex.publishedAt', { at: new Date(result.published.publishedAt).toLocaleString() })}
            </p>
          ) : (
            <p className="small muted" data-testid="index-not-published">
              <span className="index-badge live">{t('communityIndex.oversight.liveMark')}</span> {t('communityIndex.notPublished')}
            </p>
          )}
          <ComponentTable figures={shown} live={recompute && result.published ? result.live : null} testId="index-components" />
          {result.published && (
            <div className="stack">
              <button
                type="button"
                data-testid="index-recompute"
                aria-pressed={recompute}
                onClick={() => {
                  setRecompute(true);
                  void query.refetch();
                }}
              >
                {t('communityIndex.recompute')}
              </button>
              {recompute && (
                <div data-testid="index-differences">
                  <strong>{t('communityIndex.difference')}</strong>
                  {result.differences.length === 0 ? (
                    <p className="muted small">{t('communityIndex.noDifference')}</p>
                  ) : (
                    <ul>
                      {result.differences.map((diff) => (
                        <li key={diff.key}>
                          {t('communityIndex.differenceRow', {
                            name: diff.key === 'total' ? t('communityIndex.total') : t(`communityIndex.components.${diff.key}`),
                            published: scoreText(diff.published, t('communityIndex.noData')),
                            live: scoreText(diff.live, t('communityIndex.noData')),
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
            </div>
          )}
          {!result.published && can(actor, 'index.publish') && (
            <div className="stack">
              {result.ended ? (
                <>
                  <button
                    type="button"
                    className="primary"
                    data-testid="index-publish"
                    disabled={publish.pending}
                    onClick={async () => {
                      if (await publish.run(() => request('index:publish', { communityId, month }))) void query.refetch();
                    }}
                  >
                    {t('communityIndex.publish')}
                  </button>
                  <span className="muted small">{t('communityIndex.publishHint')}</span>
                </>
              ) : (
                <span className="muted small">{t('communityIndex.running')}</span>
              )}
              {publish.error && (
                <p className="error" role="alert">
                  {publish.error}
                </p>
              )}
            </div>
          )}
          <Suspense fallback={null}>
            <ComponentBars
              labels={indexComponentKeys.map((key) => t(`communityIndex.components.${key}`))}
              values={indexComponentKeys.map((key) => componentOf(shown.components, key)?.value ?? null)}
              label={t('communityIndex.title')}
            />
          </Suspense>
        </>
      )}
    </section>
  );
}
