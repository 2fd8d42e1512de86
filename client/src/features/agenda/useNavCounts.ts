import type { NavCounts } from './navEntries';

/** Placeholder until the agenda lands: live counts of what is new or waiting per navigation entry. */
export function useNavCounts(_communityId: string, _isStaff: boolean): NavCounts {
  return {};
}
