import type { Issue, IssueCategory, IssueFigureInput, IssueAction, IssueTimelineEntry } from '@linli/shared';
import { iso } from '../lib/dates.js';
import type { IssueCategoryDoc, IssueDoc, IssueEventDoc } from './issue.model.js';

export function presentCategory(category: IssueCategoryDoc): IssueCategory {
  return {
    id: category._id.toString(),
    communityId: category.communityId.toString(),
    name: category.name,
    defaultOrganisationId: category.defaultOrganisationId?.toString() ?? null,
    responseHours: category.responseHours,
    resolutionDays: category.resolutionDays,
    position: category.position ?? 0,
    archived: category.archived ?? false,
  };
}

/**
 * An issue as one viewer sees it: the reporter's name only when they chose to
 * show it, or when the viewer may see it anyway (staff, the reporter).
 */
export function presentIssue(issue: IssueDoc, view: { seeReporter: boolean }): Issue {
  const named = issue.showName || view.seeReporter;
  return {
    id: issue._id.toString(),
    communityId: issue.communityId.toString(),
    number: issue.number,
    title: issue.title,
    description: issue.description ?? '',
    categoryId: issue.categoryId.toString(),
    categoryName: issue.categoryName,
    location: {
      building: issue.location.building ?? '',
      unit: issue.location.unit ?? '',
      text: issue.location.text ?? '',
      lat: issue.location.lat ?? null,
      lng: issue.location.lng ?? null,
    },
    photos: issue.photos.map((photo) => ({ id: photo.id.toString(), width: photo.width, height: photo.height })),
    voice: issue.voice ? { id: issue.voice.clipId.toString(), durationMs: issue.voice.durationMs } : null,
    reporterId: named ? (issue.reporterId?.toString() ?? null) : null,
    reporterName: named ? issue.reporterName : null,
    showName: issue.showName,
    filedByName: view.seeReporter ? (issue.filedByName ?? null) : null,
    sourceMessageId: issue.sourceMessageId?.toString() ?? null,
    sourceChannelId: issue.sourceChannelId?.toString() ?? null,
    state: issue.state,
    assignments: issue.assignments.map((assignment) => ({
      organisationId: assignment.organisationId.toString(),
      organisationName: assignment.organisationName,
      lead: assignment.lead ?? false,
    })),
    respondBy: issue.respondBy.toISOString(),
    resolveBy: iso(issue.resolveBy),
    overdueLevel: issue.overdueLevel ?? 0,
    supportCount: issue.supportCount ?? 0,
    rating: issue.rating ?? null,
    ratingComment: issue.ratingComment ?? '',
    autoConfirmed: issue.autoConfirmed ?? false,
    mergedIntoId: issue.mergedIntoId?.toString() ?? null,
    version: issue.version ?? 0,
    createdAt: issue.createdAt.toISOString(),
    updatedAt: issue.updatedAt.toISOString(),
  };
}

export function presentEvent(event: IssueEventDoc): IssueTimelineEntry {
  return {
    id: event._id.toString(),
    issueId: event.issueId.toString(),
    kind: event.kind,
    action: event.action ?? null,
    from: event.from ?? null,
    to: event.to ?? null,
    actorName: event.actorName,
    organisationName: event.organisationName ?? null,
    text: event.text ?? '',
    internal: event.internal ?? false,
    photos: (event.photos ?? []).map((photo) => ({ id: photo.id.toString(), width: photo.width, height: photo.height })),
    at: event.at.toISOString(),
  };
}

/** What the figures read of an issue: its times and its transitions, from the stored timeline. */
export function figureInputOf(issue: IssueDoc, events: readonly IssueEventDoc[]): IssueFigureInput {
  return {
    categoryId: issue.categoryId.toString(),
    categoryName: issue.categoryName,
    createdAt: issue.createdAt.toISOString(),
    respondBy: issue.respondBy.toISOString(),
    events: events
      .filter((event) => event.kind === 'transition' || event.kind === 'extend')
      .map((event) => ({
        action: (event.action ?? 'extend') as IssueAction,
        at: event.at.toISOString(),
        resolveBy: iso(event.resolveBy),
        organisationIds: (event.organisationIds ?? []).map((id) => id.toString()),
      })),
    rating: issue.rating ?? null,
  };
}
