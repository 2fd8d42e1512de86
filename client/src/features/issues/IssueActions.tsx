import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { availableIssueActions, type Issue, type IssueAction, type IssueCategory, type Organisation } from '@linli/shared';
import { useCommunityActor } from '../communities/actor';
import { ErrorLine } from '../../ui/ErrorLine';
import type { ActBody } from './actTypes';
import { AssignPanel } from './AssignPanel';
import { ConfirmPanel } from './ConfirmPanel';
import { ExtendPanel } from './ExtendPanel';
import { MergePanel } from './MergePanel';
import { ReasonPanel } from './ReasonPanel';
import { useIssueAct } from './useIssueAct';

/** Actions sent at once, without a form. */
const direct: readonly IssueAction[] = ['acknowledge', 'start'];

interface Props {
  issue: Issue;
  organisations: readonly Organisation[] | null;
  category: IssueCategory | null;
  /** Offer only these (a board's quick actions); all available ones when omitted. */
  only?: readonly IssueAction[];
  /** No heading (inside a list card). */
  compact?: boolean;
}

/** The buttons the lifecycle table gives this user on this issue, each with the form it needs. */
export function IssueActions({ issue, organisations, category, only, compact = false }: Props) {
  const { t } = useTranslation();
  const actor = useCommunityActor();
  const { act, pending, error, conflict, clear } = useIssueAct(issue.communityId, actor.userId);
  const [open, setOpen] = useState<IssueAction | null>(null);
  const actions = availableIssueActions(actor, issue).filter((action) => !only || only.includes(action));

  async function send(body: ActBody) {
    const done = await act({ ...body, issueId: issue.id, version: issue.version } as Parameters<typeof act>[0]);
    if (done) setOpen(null);
  }

  function pick(action: IssueAction) {
    clear();
    if (direct.includes(action)) void send({ action } as ActBody);
    else setOpen(open === action ? null : action);
  }

  if (actions.length === 0 && !conflict) return null;
  const panel = { pending, onSend: (body: ActBody) => void send(body), onCancel: () => setOpen(null) };
  const current = open && actions.includes(open) ? open : null;

  return (
    <section className={compact ? 'issue-actions compact' : 'issue-actions'} aria-label={t('issues.page.actions')} data-testid="issue-actions">
      {!compact && <h3>{t('issues.page.actions')}</h3>}
      {conflict && (
        <p className="notice" role="alert" data-testid="issue-conflict">
          {t('issues.conflict')}
        </p>
      )}
      <div className="row action-buttons">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'reject' ? 'danger' : current === action ? 'primary' : 'secondary'}
            data-testid={`act-${action}`}
            aria-expanded={direct.includes(action) ? undefined : current === action}
            disabled={pending}
            onClick={() => pick(action)}
          >
            {t(`issues.actions.${action}`)}
          </button>
        ))}
      </div>
      {(current === 'assign' || current === 'reassign') && (
        <AssignPanel key={current} action={current} issue={issue} organisations={organisations ?? []} category={category} {...panel} />
      )}
      {(current === 'return' || current === 'resolve' || current === 'reject' || current === 'reopen' || current === 'urge') && (
        <ReasonPanel key={current} action={current} {...panel} />
      )}
      {current === 'extend' && <ExtendPanel issue={issue} {...panel} />}
      {current === 'merge' && <MergePanel issue={issue} {...panel} />}
      {current === 'confirm' && <ConfirmPanel {...panel} />}
      <ErrorLine error={error} testId="act-error" />
    </section>
  );
}
