/** Which deadline runs for an issue now, and a ticking clock to count it down. */
import { useEffect, useState } from 'react';
import type { Issue } from '@linli/shared';

export interface RunningDeadline {
  kind: 'respond' | 'resolve';
  at: string;
}

/** Respond-by while it waits for staff; resolve-by while assignees work; none once resolved or closed. */
export function runningDeadline(issue: Issue): RunningDeadline | null {
  if (issue.state === 'submitted') return { kind: 'respond', at: issue.respondBy };
  if (['assigned', 'in_progress', 'reopened'].includes(issue.state) && issue.resolveBy) return { kind: 'resolve', at: issue.resolveBy };
  return null;
}

/** Now, re-read every `everyMs` (a minute by default), so countdowns move by themselves. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** A span of time in its two largest units. */
export function spanParts(ms: number): { days: number; hours: number; minutes: number } {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}
