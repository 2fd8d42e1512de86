/** Web push (notifications outside the app): the kinds a member may choose and their settings. */

/**
 * What a member may hear about outside the app:
 * mention / reply: in chat; issue: a problem report they filed, support or follow changed state;
 * assignment: a report assigned to (urged on, overdue at) an organisation they work for;
 * poll: a poll they may vote in opened or closes soon, or one they voted in closed;
 * decision: a decision that concerns them moved on; other: deliberations, surveys, activities, moderation.
 */
export const pushKinds = ['mention', 'reply', 'issue', 'assignment', 'poll', 'decision', 'other'] as const;
export type PushKind = (typeof pushKinds)[number];

/** Kinds on for a member who never chose: all but `other`. */
export const defaultPushKinds: readonly PushKind[] = ['mention', 'reply', 'issue', 'assignment', 'poll', 'decision'];

/** The time zone quiet hours are read in when a member names none. */
export const DEFAULT_PUSH_TIME_ZONE = 'Asia/Shanghai';

/** A daily window ("HH:MM", 24 h, local to timeZone) with no pushes; start after end wraps midnight (22:00 to 07:00). */
export interface QuietHours {
  start: string;
  end: string;
}

export interface PushPreferences {
  kinds: PushKind[];
  /** null: pushes at any hour. */
  quietHours: QuietHours | null;
  /** IANA zone, e.g. Asia/Shanghai. */
  timeZone: string;
}

/** A member's push settings and how many of their devices receive pushes. */
export interface PushSettings {
  preferences: PushPreferences;
  devices: number;
}

/** What a push carries: the service worker shows title and body and opens url (an app path) when tapped. */
export interface PushPayload {
  title: string;
  body: string;
  /** App path, e.g. /c/<community>/issues/<issue>. */
  url: string;
  /** Same tag: a newer notification replaces the older one on the device. */
  tag: string;
}

/** Minutes after midnight of an "HH:MM" time. */
export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether a local time (minutes after midnight) falls inside quiet hours; the window includes start, excludes end. */
export function inQuietHours(quiet: QuietHours | null, minutes: number): boolean {
  if (!quiet) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}
