export const organisationKinds = [
  'party_committee',
  'residents_committee',
  'property_management',
  'shareholding_company',
  'social_organisation',
  'volunteer_team',
  'other',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export interface OrganisationStaff {
  userId: string;
  displayName: string;
  title: string;
}

export interface Organisation {
  id: string;
  communityId: string;
  name: string;
  kind: OrganisationKind;
  description: string;
  staff: OrganisationStaff[];
  createdAt: string;
}
