import type { OrganisationKind } from '@linli/shared';

/**
 * The categories a new community starts with (moderators edit them): each with
 * the kind of organisation usually responsible, how soon staff should respond
 * and how long the assignees have to resolve.
 */
export const defaultIssueCategories: { name: string; organisationKind: OrganisationKind | null; responseHours: number; resolutionDays: number }[] = [
  { name: '环境卫生', organisationKind: 'property_management', responseHours: 24, resolutionDays: 3 },
  { name: '维修报修', organisationKind: 'property_management', responseHours: 24, resolutionDays: 7 },
  { name: '停车交通', organisationKind: 'property_management', responseHours: 48, resolutionDays: 7 },
  { name: '安全隐患', organisationKind: 'residents_committee', responseHours: 4, resolutionDays: 2 },
  { name: '物业服务', organisationKind: 'property_management', responseHours: 24, resolutionDays: 5 },
  { name: '邻里纠纷', organisationKind: 'residents_committee', responseHours: 48, resolutionDays: 10 },
  { name: '养老健康', organisationKind: 'social_organisation', responseHours: 24, resolutionDays: 5 },
  { name: '其他', organisationKind: null, responseHours: 48, resolutionDays: 10 },
];
