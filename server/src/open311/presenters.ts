/** Linli issues and categories as GeoReport v2 service requests and services. */
import { closedIssueStates, type IssueState, type Open311Key } from '@linli/shared';
import { iso } from '../lib/dates.js';
import type { IssueCategoryDoc, IssueDoc } from '../issues/issue.model.js';
import type { Field } from './format.js';
import type { Open311KeyDoc } from './open311.model.js';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/** w3 datetime in UTC without milliseconds: 2010-01-01T00:00:00Z. */
export const w3 = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const w3OrNull = (date: Date | null | undefined): string | null => (date ? w3(date) : null);

/** Open311 knows open and closed only: resolved stays open until the resident confirms it. */
export const open311Status = (state: IssueState): 'open' | 'closed' => (closedIssueStates.includes(state) ? 'closed' : 'open');

/** The Linli states behind each Open311 status (the `status` filter of GET requests). */
export const statesFor = (status: 'open' | 'closed'): IssueState[] =>
  (['submitted', 'acknowledged', 'assigned', 'in_progress', 'resolved', 'confirmed', 'reopened', 'rejected', 'merged'] as const).filter((state) => open311Status(state) === status);

/** What the Linli state is, in words: status alone says too little (resolved is still open). */
export function statusNotes(issue: IssueDoc): string {
  const lead = issue.assignments.find((assignment) => assignment.lead)?.organisationName;
  const notes: Record<IssueState, string> = {
    submitted: 'submitted, awaiting acknowledgement by community staff',
    acknowledged: 'acknowledged by community staff, awaiting assignment',
    assigned: lead ? `assigned to ${lead}` : 'assigned',
    in_progress: lead ? `in progress (${lead})` : 'in progress',
    resolved: "resolved, awaiting the resident's confirmation",
    reopened: 'reopened: the resident was not satisfied, the work is being redone',
    confirmed: issue.autoConfirmed ? 'confirmed automatically (no answer from the resident in time)' : 'resolution confirmed by the resident',
    rejected: 'rejected by community staff',
    merged: issue.mergedIntoId ? `merged into request ${issue.mergedIntoId.toString()}` : 'merged into another request',
  };
  const overdue = (issue.overdueLevel ?? 0) > 0 && open311Status(issue.state) === 'open' ? '; past its deadline' : '';
  return notes[issue.state] + overdue;
}

/** Deadlines of a category as a notice for whoever files into it. */
export const categoryNotice = (category: Pick<IssueCategoryDoc, 'responseHours' | 'resolutionDays'>): string =>
  `Community staff acknowledge a report within ${category.responseHours} hours; the organisation it is assigned to resolves it within ${category.resolutionDays} days.`;

function requestNotice(issue: IssueDoc): string | null {
  if (issue.state === 'submitted') return `Community staff acknowledge it by ${w3(issue.respondBy)}.`;
  if (issue.resolveBy && open311Status(issue.state) === 'open' && issue.state !== 'resolved') return `To be resolved by ${w3(issue.resolveBy)}.`;
  return null;
}

/** Most specific first, as the spec asks: the place described, then building and unit. */
function addressOf(location: IssueDoc['location']): string | null {
  const building = [location.building, location.unit].filter(Boolean).join(' ');
  const address = [location.text, building].filter(Boolean).join(', ');
  return address || null;
}

/** The title and the description as one text (an issue filed through Open311 has its title taken from it). */
function descriptionOf(issue: IssueDoc): string {
  const description = issue.description ?? '';
  if (!description) return issue.title;
  // A title cut from the description ends with an ellipsis.
  return description.startsWith(issue.title.replace(/…$/, '')) ? description : `${issue.title}\n\n${description}`;
}

/**
 * One service request. Never the reporter: no name, phone, account or who filed it.
 * media_url is left out: Linli photos are served to the community's members only
 * (GET /api/issues/photos needs their session), so a public URL to them would
 * either not load or leak a private photo.
 */
export function presentRequest(issue: IssueDoc): Record<string, Field> {
  const row: Record<string, Field> = {
    service_request_id: issue._id.toString(),
    status: open311Status(issue.state),
    status_notes: statusNotes(issue),
    service_name: issue.categoryName,
    service_code: issue.categoryId.toString(),
    description: descriptionOf(issue),
    agency_responsible: issue.assignments.find((assignment) => assignment.lead)?.organisationName ?? null,
    service_notice: requestNotice(issue),
    requested_datetime: w3(issue.createdAt),
    updated_datetime: w3(issue.updatedAt),
    expected_datetime: w3OrNull(issue.resolveBy),
    address: addressOf(issue.location),
  };
  if (issue.location.lat !== null && issue.location.lat !== undefined && issue.location.lng !== null && issue.location.lng !== undefined) {
    row.lat = issue.location.lat;
    row.long = issue.location.lng;
  }
  return row;
}

/** A category as a service: realtime (the id comes back at once), no extra attributes. */
export function presentService(category: IssueCategoryDoc, group: string): Record<string, Field> {
  return {
    service_code: category._id.toString(),
    service_name: category.name,
    description: categoryNotice(category),
    metadata: false,
    type: 'realtime',
    keywords: category.name,
    group,
  };
}

export function presentKey(key: Open311KeyDoc): Open311Key {
  return {
    id: key._id.toString(),
    label: key.label,
    created: key.createdAt.toISOString(),
    lastUsed: iso(key.lastUsedAt),
    revoked: iso(key.revokedAt),
  };
}
