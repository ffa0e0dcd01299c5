import type { Stack } from "./stack";

export async function runQueryPlans(
  _stack: Stack,
  _row: (area: string, metric: string, value: string, ceiling: string, mark: string) => void,
): Promise<void> {}
