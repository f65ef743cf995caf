import type { plannerVi } from './planner.vi.ts';

/** Strings of the planner's workflow, English. Merged into en.ts. */
export const plannerEn: Record<keyof typeof plannerVi, string> = {
  plannerTitle: 'Site planning',
};
