/** Problem reports (问题反映): from a resident's report to a confirmed resolution. */
import type { VoiceRef } from '../voice/types.js';

export const issueStates = ['submitted', 'acknowledged', 'assigned', 'in_progress', 'resolved', 'confirmed', 'reopened', 'rejected', 'merged'] as const;
export type IssueState = (typeof issueStates)[number];

/** States in which an issue still needs work (counted, swept for deadlines, listed as open). */
export const openIssueStates: readonly IssueState[] = ['submitted', 'acknowledged', 'assigned', 'in_progress', 'reopened'];
/** States that end an issue (no deadline runs). */
export const closedIssueStates: readonly IssueState[] = ['confirmed', 'rejected', 'merged'];

/** The five-level satisfaction scale used by Chinese hotlines (12345). */
export const issueRatings = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export type IssueRating = (typeof issueRatings)[number];
/** 不满意 or worse sends an issue back to work (重办). */
export const isPoorRating = (rating: IssueRating): boolean => rating === 'dissatisfied' || rating === 'very_dissatisfied';

export interface IssueCategory {
  id: string;
  communityId: string;
  name: string;
  /** Organisation assigned by default; null when staff choose each time. */
  defaultOrganisationId: string | null;
  /** Staff acknowledge within this many hours. */
  responseHours: number;
  /** Assignees resolve within this many days of assignment. */
  resolutionDays: number;
  position: number;
  archived: boolean;
}

export interface IssueLocation {
  building: string;
  unit: string;
  /** Free text: "east gate", "playground behind 3栋". */
  text: string;
  lat: number | null;
  lng: number | null;
}

export interface IssuePhoto {
  id: string;
  width: number;
  height: number;
}

export interface IssueAssignment {
  organisationId: string;
  organisationName: string;
  lead: boolean;
}

export interface Issue {
  id: string;
  communityId: string;
  /** Per community, 1, 2, 3...: what residents say on the phone ("问题 #12"). */
  number: number;
  title: string;
  description: string;
  categoryId: string;
  categoryName: string;
  location: IssueLocation;
  photos: IssuePhoto[];
  /** A spoken description (GET /api/voice/:id), beside or instead of the written one. Absent from older answers. */
  voice?: VoiceRef | null;
  /** Null when the reporter chose not to show their name and the viewer is not staff (or the reporter). */
  reporterId: string | null;
  reporterName: string | null;
  showName: boolean;
  /** Staff who filed it for the reporter (phone call, visit), or null. */
  filedByName: string | null;
  /** The chat message it was made from, if any. */
  sourceMessageId: string | null;
  sourceChannelId: string | null;
  state: IssueState;
  assignments: IssueAssignment[];
  /** Acknowledge by (from the category's response hours). */
  respondBy: string;
  /** Resolve by: set at assignment, null before. */
  resolveBy: string | null;
  /** 0 on time; 1 past a deadline (the supervisor was told); 2 escalated to the admins. */
  overdueLevel: number;
  /** Residents who said "我也遇到了"; ranks the triage queue. */
  supportCount: number;
  rating: IssueRating | null;
  ratingComment: string;
  /** Confirmed because the reporter did not answer in time. */
  autoConfirmed: boolean;
  mergedIntoId: string | null;
  /** Bumped by every change; a command naming an older version is refused with CONFLICT. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const timelineKinds = ['filed', 'transition', 'reply', 'note', 'support', 'urge', 'extend', 'escalate', 'rate', 'merge_in'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export interface IssueTimelineEntry {
  id: string;
  issueId: string;
  kind: TimelineKind;
  /** For transitions: the action taken. */
  action: string | null;
  from: IssueState | null;
  to: IssueState | null;
  actorName: string;
  /** Organisation the actor spoke for (replies, notes, resolutions), if any. */
  organisationName: string | null;
  text: string;
  /** Internal notes: staff and assignees only, never sent to residents. */
  internal: boolean;
  /** Photos that came with this entry (a resolution's "after" pictures). */
  photos: IssuePhoto[];
  at: string;
}
