/** The index feature's query keys (every one under ['index']). */
export const indexKeys = {
  all: () => ['index'] as const,
  community: (communityId: string, month: string) => ['index', 'community', communityId, month] as const,
  mine: () => ['index', 'regions', 'mine'] as const,
  overview: () => ['index', 'regions', 'overview'] as const,
  ranking: (regionId: string, month: string) => ['index', 'ranking', regionId, month] as const,
  trend: (regionId: string, month: string, months: number) => ['index', 'trend', regionId, month, months] as const,
};
