export const householdStatuses = ['unverified', 'verified', 'rejected'] as const;
export type HouseholdStatus = (typeof householdStatuses)[number];

/** Where a member lives (楼栋 / 单元 / 房号) and whether staff verified it. */
export interface Household {
  building: string;
  unit: string;
  room: string;
  status: HouseholdStatus;
  verifiedAt: string | null;
}
