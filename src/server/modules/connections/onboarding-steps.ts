import type { OnboardingStepName, OnboardingStepState } from "../../platform/db/schema/connections";
import { GraphError } from "../../platform/graph/graph-error";
import { explain } from "../../platform/graph/meta-errors";
import type { ConnectionRow } from "./connections.repository";

export type Steps = ConnectionRow["onboardingSteps"];

/** A failure of one step, in words a recruiter can act on, with Meta's code when there is one. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly errorCode?: number,
  ) {
    super(message);
    this.name = "StepFailure";
  }

  static from(error: unknown): StepFailure {
    if (error instanceof StepFailure) return error;
    if (error instanceof GraphError) return new StepFailure(explain(error.code, error.message), error.code);
    return new StepFailure(error instanceof Error ? error.message : "unexpected error");
  }
}

export function withStep(steps: Steps, name: OnboardingStepName, state: OnboardingStepState): Steps {
  return { ...steps, [name]: { ...state, at: new Date().toISOString() } };
}

export function stepDone(steps: Steps, name: OnboardingStepName): boolean {
  return steps[name]?.status === "done";
}

/** Steps from `from` on go back to pending: what a retry or reconnect will run again. */
export function resetFrom(steps: Steps, names: readonly OnboardingStepName[]): Steps {
  const next = { ...steps };
  for (const name of names) next[name] = { status: "pending" };
  return next;
}
