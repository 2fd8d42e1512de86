/** Line icons for the community navigation (decorative: every entry has a text label beside or under it). */
const paths = {
  home: 'M3 11l9-8 9 8v10h-6v-6H9v6H3z',
  chat: 'M21 12a8 8 0 0 1-11.6 7.1L4 21l1.9-5.4A8 8 0 1 1 21 12z',
  issues: 'M12 3l10 18H2zM12 10v5M12 18h.01',
  deliberations: 'M3 4h12v9H8l-4 3v-3H3zM17 8h4v9h-1v3l-4-3h-5v-2',
  polls: 'M5 3h14a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zM8 12l3 3 5-6',
  decisions: 'M6 2h9l5 5v15H6zM14 2v6h6M9 13h8M9 17h8',
  activities: 'M4 5h16a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zM3 10h18M8 3v4M16 3v4',
  surveys: 'M6 4h12a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zM9 2h6v4H9zM9 11h6M9 15h6M9 19h3',
  index: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  figures: 'M12 3a9 9 0 1 0 9 9h-9zM15 2a7 7 0 0 1 7 7h-7z',
  insights: 'M3 17l6-6 4 4 8-8M15 7h6v6',
  moderation: 'M12 2l8 4v6c0 5-3.5 8.5-8 10-4.5-1.5-8-5-8-10V6z',
  triage: 'M3 13l3-8h12l3 8v6H3zM3 13h5l1 3h6l1-3h5',
  overdue: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zM12 7v5l3 3',
  assignments: 'M4 7h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zM9 7V4h6v3',
  oversight: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12zM12 9a3 3 0 1 1 0 6 3 3 0 0 1 0-6z',
  about: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zM12 11v6M12 7h.01',
  me: 'M12 4a4 4 0 1 1 0 8 4 4 0 0 1 0-8zM4 21c1-4 4-6 8-6s7 2 8 6',
  more: 'M5 11v2M12 11v2M19 11v2',
} as const;

export type NavIconName = keyof typeof paths;

export function NavIcon({ name }: { name: NavIconName }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
