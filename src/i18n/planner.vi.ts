/** Strings of the planner's workflow (site editor, import preview, readout, point-to-point), Vietnamese. Merged into vi.ts. */
export const plannerVi = {
  plannerTitle: 'Lập quy hoạch trạm',
} as const;
