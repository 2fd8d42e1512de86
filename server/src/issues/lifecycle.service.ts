import {
  isPoorRating,
  issuePartiesOf,
  issueTransitions,
  openIssueStates,
  refusalOf,
  type EventPayload,
  type Issue,
  type IssueAction,
} from '@linli/shared';
import { AppError, forbidden, notFound } from '../lib/errors.js';
import { op } from '../lib/db.js';
import type { Caller } from '../context/caller.js';
import type { Access } from '../context/access.js';
import type { IssueCategoryDoc, IssueDoc } from './issue.model.js';
import type { EventInput, IssueStore, IssueStoreDeps } from './issue-store.js';
import type { IssuePhotos } from './issue.service.js';

type ActInput = EventPayload<'issue:act'>;
const DAY = 24 * 3_600_000;

/**
 * Every change of an issue's state goes through `act`: the shared transition
 * table says who may take which action from which state; the version check
 * makes one of two simultaneous changes win and the other get CONFLICT.
 */
export function createIssueLifecycle(deps: IssueStoreDeps & { store: IssueStore; photos: IssuePhotos }) {
  const { models, store } = deps;

  /** Members of the community holding one of these roles (supervision goes to them). */
  const holders = (communityId: string, roles: readonly string[]) =>
    deps.memberships
      .ofCommunity(communityId)
      .filter((membership) => roles.includes(membership.role))
      .map((membership) => membership.userId.toString());

  async function resolutionDays(issue: IssueDoc): Promise<number> {
    const category = (await models.IssueCategory.findOne({ _id: issue.categoryId }).lean()) as IssueCategoryDoc | null;
    return category?.resolutionDays ?? 7;
  }

  /** The organisations named, all of the issue's community, the lead among them. */
  async function assignmentsFor(issue: IssueDoc, organisationIds: readonly string[], leadId: string) {
    const unique = [...new Set(organisationIds)];
    if (!unique.includes(leadId)) throw new AppError('VALIDATION_FAILED', 'The lead must be one of the organisations', { issues: [{ path: 'leadOrganisationId', message: 'is not among organisationIds' }] });
    const found = await models.Organisation.find({ _id: op({ $in: unique }), communityId: issue.communityId }, { name: 1 }).lean();
    if (found.length !== unique.length) throw notFound('Organisation');
    const names = new Map(found.map((organisation) => [organisation._id.toString(), organisation.name]));
    return unique.map((organisationId) => ({ organisationId, organisationName: names.get(organisationId)!, lead: organisationId === leadId }));
  }

  function futureDate(iso: string, path: string): Date {
    const date = new Date(iso);
    if (date.getTime() <= deps.clock().getTime()) throw new AppError('VALIDATION_FAILED', 'The deadline must be in the future', { issues: [{ path, message: 'must be in the future' }] });
    return date;
  }

  /** Checks the transition table; FORBIDDEN for who, CONFLICT (with the issue as it is) for when. */
  function check(access: Access, issue: IssueDoc, action: IssueAction): void {
    const parties = issuePartiesOf(access.actor, { reporterId: store.reporterOf(issue), assignments: issue.assignments.map((assignment) => ({ organisationId: assignment.organisationId.toString() })) });
    const refusal = refusalOf(action, issue.state, parties);
    if (refusal === 'party') throw forbidden(`You may not ${action} this issue`);
    if (refusal === 'state') throw new AppError('CONFLICT', `An issue that is ${issue.state} cannot be ${action}ed`, { current: store.viewFor(access.actor, issue) });
  }

  return {
    async act(caller: Caller, input: ActInput): Promise<Issue> {
      const { issue, access } = await store.open(caller, input.issueId);
      check(access, issue, input.action);
      const actor = { userId: caller.userId, name: caller.displayName };
      const rule = issueTransitions[input.action];
      const to = rule.to ?? issue.state;
      const now = deps.clock();
      const transition = (extra: Partial<EventInput> = {}): EventInput => ({ kind: 'transition', action: input.action, from: issue.state, to, actor, ...extra });
      const speakingFor = issue.assignments.find((assignment) => access.actor.organisationIds.includes(assignment.organisationId.toString()))?.organisationName ?? null;
      const done = async (set: Record<string, unknown>, events: EventInput[], audience: Parameters<IssueStore['tell']>[1], excerpt: string) => {
        const result = await store.change(issue, input.version, access.actor, set, events);
        await store.tell(result.issue, audience, actor, excerpt);
        return store.viewFor(access.actor, result.issue);
      };

      switch (input.action) {
        case 'acknowledge':
          return done({ state: to }, [transition()], { watchers: true }, '已受理');
        case 'assign':
        case 'reassign': {
          const assignments = await assignmentsFor(issue, input.organisationIds, input.leadOrganisationId);
          const resolveBy = input.resolveBy ? futureDate(input.resolveBy, 'resolveBy') : new Date(now.getTime() + (await resolutionDays(issue)) * DAY);
          const lead = assignments.find((assignment) => assignment.lead)!;
          return done(
            { state: to, assignments, resolveBy, overdueLevel: 0 },
            [transition({ text: input.reason, resolveBy, organisationIds: assignments.map((assignment) => assignment.organisationId), organisationName: lead.organisationName })],
            { watchers: true, assignees: true },
            `→ ${assignments.map((assignment) => assignment.organisationName).join('、')}`,
          );
        }
        case 'start':
          return done({ state: to }, [transition({ text: input.reason, organisationName: speakingFor })], { watchers: true }, '开始办理');
        case 'return':
          // "Not ours": back to triage, without assignees or deadline.
          return done({ state: to, assignments: [], resolveBy: null, overdueLevel: 0 }, [transition({ text: input.reason, organisationName: speakingFor })], { watchers: true, users: holders(issue.communityId.toString(), ['moderator', 'supervisor', 'admin']) }, input.reason);
        case 'resolve': {
          // Photos are claimed before the change; if the change then loses (CONFLICT), they are released.
          const photos = input.photoIds.length ? await deps.photos.attach(input.photoIds, { id: issue._id.toString(), communityId: issue.communityId.toString() }, caller.userId) : [];
          try {
            return await done({ state: to, resolvedAt: now }, [transition({ text: input.reason, organisationName: speakingFor, photos })], { watchers: true }, input.reason);
          } catch (err) {
            if (photos.length) await deps.photos.release(photos.map((photo) => photo.id), caller.userId);
            throw err;
          }
        }
        case 'reject':
          return done({ state: to }, [transition({ text: input.reason })], { watchers: true }, input.reason);
        case 'reopen': {
          const resolveBy = issue.assignments.length > 0 ? new Date(now.getTime() + (await resolutionDays(issue)) * DAY) : null;
          return done({ state: to, resolveBy, resolvedAt: null, overdueLevel: 0, rating: null, ratingComment: '' }, [transition({ text: input.reason, resolveBy })], { watchers: true, assignees: true }, input.reason);
        }
        case 'confirm': {
          const rate: EventInput = { kind: 'rate', actor, text: input.comment, action: input.rating };
          if (isPoorRating(input.rating)) {
            // 不满意 or worse: back to work (重办) with a new deadline; the supervisors are told.
            const resolveBy = new Date(now.getTime() + (await resolutionDays(issue)) * DAY);
            const rework: EventInput = { kind: 'transition', action: 'reopen', from: issue.state, to: 'reopened', actor, text: input.comment, resolveBy };
            return done(
              { state: 'reopened', rating: input.rating, ratingComment: input.comment, resolveBy, resolvedAt: null, overdueLevel: 0 },
              [rate, rework],
              { watchers: true, assignees: true, users: holders(issue.communityId.toString(), ['supervisor', 'admin']) },
              '重办',
            );
          }
          return done({ state: to, rating: input.rating, ratingComment: input.comment }, [transition(), rate], { assignees: true, watchers: true }, '已确认解决');
        }
        case 'merge': {
          if (input.intoIssueId === input.issueId) throw new AppError('VALIDATION_FAILED', 'An issue cannot be merged into itself', { issues: [{ path: 'intoIssueId', message: 'is this issue' }] });
          const target = await store.load(input.intoIssueId);
          if (!target.communityId.equals(issue.communityId)) throw notFound('Issue');
          if (!openIssueStates.includes(target.state)) throw new AppError('CONFLICT', 'Merge into an open issue', { current: store.viewFor(access.actor, target) });
          const view = await done({ state: to, mergedIntoId: target._id }, [transition({ text: input.reason || `#${target.number}` })], { watchers: true }, `→ #${target.number}`);
          await moveMarks(issue, target, actor);
          return view;
        }
        case 'urge':
          return done({}, [{ kind: 'urge', actor, text: input.reason }], { assignees: true }, `催办：${input.reason}`);
        case 'extend': {
          const resolveBy = futureDate(input.resolveBy, 'resolveBy');
          return done({ resolveBy, overdueLevel: 0 }, [{ kind: 'extend', action: 'extend', actor, text: input.reason, resolveBy }], { assignees: true, watchers: true }, input.reason);
        }
      }
    },
  };

  /** Supporters and followers of a merged issue move to the one it was merged into. */
  async function moveMarks(from: IssueDoc, into: IssueDoc, actor: { userId: string; name: string }) {
    let added = 0;
    for (const userId of await store.supports.usersOf(from._id.toString())) if (await store.supports.add(into, userId)) added++;
    for (const userId of await store.follows.usersOf(from._id.toString())) await store.follows.add(into, userId);
    await store.bump(into, { supportCount: added }, [{ kind: 'merge_in', actor, text: `#${from.number} ${from.title}` }]);
  }
}

export type IssueLifecycle = ReturnType<typeof createIssueLifecycle>;
