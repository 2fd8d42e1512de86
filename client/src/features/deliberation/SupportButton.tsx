import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { can, type Deliberation, type EventResults } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { useCommunityActor } from '../communities/actor';
import { deliberationKeys } from './deliberationQueries';

interface Props {
  topic: Deliberation;
  supported: boolean;
}

/** A proposal's progress ("3/5 supporters") and the toggle to support it. */
export function SupportButton({ topic, supported }: Props) {
  const { t } = useTranslation();
  const actor = useCommunityActor();
  const client = useQueryClient();
  const action = useAction();
  const progress = Math.min(100, Math.round((topic.supportCount / Math.max(1, topic.supportThreshold)) * 100));

  async function toggle() {
    const res = await action.run(() => request('deliberation:support', { deliberationId: topic.id, on: !supported }));
    if (!res) return;
    const lists = client.getQueriesData<EventResults['deliberation:list']>({ queryKey: deliberationKeys.lists(topic.communityId) });
    for (const [key, data] of lists) {
      if (!data) continue;
      const others = data.supported.filter((id) => id !== topic.id);
      client.setQueryData(key, { ...data, supported: res.supported ? [...others, topic.id] : others, items: data.items.map((item) => (item.id === topic.id ? res.deliberation : item)) });
    }
    const detailKey = deliberationKeys.detail(topic.communityId, topic.id);
    const detail = client.getQueryData<EventResults['deliberation:get']>(detailKey);
    if (detail) client.setQueryData(detailKey, { ...detail, supported: res.supported, deliberation: res.deliberation });
    if (res.deliberation.state !== 'proposed') void client.invalidateQueries({ queryKey: deliberationKeys.all(topic.communityId) });
  }

  return (
    <div className="delib-support" data-testid="delib-support">
      <div className="delib-progress" role="progressbar" aria-valuemin={0} aria-valuemax={topic.supportThreshold} aria-valuenow={topic.supportCount} aria-label={t('deliberation.supporters', { count: topic.supportCount, threshold: topic.supportThreshold })}>
        <span style={{ width: `${progress}%` }} />
      </div>
      <span className="small" data-testid="delib-support-count" data-count={topic.supportCount}>
        {t('deliberation.supporters', { count: topic.supportCount, threshold: topic.supportThreshold })}
      </span>
      {topic.state === 'proposed' && can(actor, 'deliberation.support') && (
        <button type="button" className={supported ? 'secondary' : 'primary'} data-testid="delib-support-button" aria-pressed={supported} disabled={action.pending} onClick={() => void toggle()}>
          {supported ? t('deliberation.unsupport') : t('deliberation.support')}
        </button>
      )}
      <ErrorLine error={action.error} small />
    </div>
  );
}
