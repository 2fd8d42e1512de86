/** The navigation entries of a community, in the order the navigation shows them. */
export const navEntries = ['home', 'chat', 'issues', 'deliberations', 'polls', 'decisions', 'surveys', 'activities', 'index', 'insights', 'moderation', 'triage', 'overdue', 'assignments'] as const;
export type NavEntry = (typeof navEntries)[number];

/** What is new or waiting on each entry (absent: nothing to show). */
export type NavCounts = Partial<Record<NavEntry, number>>;
