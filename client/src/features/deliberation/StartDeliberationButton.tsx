import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, DELIBERATION_LIMITS } from '@linli/shared';
import { useNavigateTo } from '../../lib/route';
import { Dialog } from '../../ui/Dialog';
import { useCommunityActor } from '../communities/actor';
import { socketQueryFn, useSocketQuery } from '../../lib/query';
import { TopicForm } from './TopicForm';
import './deliberation.css';

interface Props {
  communityId: string;
  issueId: string;
  issueTitle: string;
}

/**
 * "Start a deliberation on this" on a problem report: staff open a topic at once,
 * residents propose one (it opens with enough supporters); the report is linked.
 */
export function StartDeliberationButton({ communityId, issueId, issueTitle }: Props) {
  const { t } = useTranslation();
  const actor = useCommunityActor();
  const navigate = useNavigateTo();
  const [open, setOpen] = useState(false);
  const mode = can(actor, 'deliberation.open') ? 'open' : 'propose';
  const settings = useSocketQuery({
    queryKey: ['deliberations', communityId, 'settings'],
    queryFn: socketQueryFn('deliberation:settings', { communityId }),
    enabled: open && mode === 'propose',
  });
  if (!can(actor, 'deliberation.open') && !can(actor, 'deliberation.propose')) return null;
  return (
    <>
      <button type="button" className="secondary" data-testid="start-deliberation" onClick={() => setOpen(true)}>
        {t('deliberation.start.button')}
      </button>
      {open && (
        <Dialog title={t('deliberation.start.title')} testId="start-deliberation-dialog" onClose={() => setOpen(false)}>
          <TopicForm
            communityId={communityId}
            mode={mode}
            threshold={settings.data?.supportThreshold ?? DELIBERATION_LIMITS.supportThreshold.default}
            initialIssueIds={[issueId]}
            initialTitle={issueTitle}
            onCancel={() => setOpen(false)}
            onDone={(topic) => {
              setOpen(false);
              navigate({ name: 'community', communityId, view: 'deliberations', channelId: null, itemId: topic.id });
            }}
          />
        </Dialog>
      )}
    </>
  );
}
