/** The node roles a plan has tiers for (its own module so the plan and its diff share it without a cycle). */
export const ROLES = ['data', 'master', 'ml', 'kibana'] as const;
export type Role = (typeof ROLES)[number];
