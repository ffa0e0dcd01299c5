import type { ConnectionResponse } from "../../../../contracts/connections";
import { Icon } from "../../../ui/Icon";
import { useConnectionsI18n } from "../i18n";

type Step = ConnectionResponse["steps"][number];

/**
 * The six onboarding steps (Autorisation Meta → … → Actif), each pending/running/done/failed. A
 * polite live region says the step in progress or the one that failed, so progress is heard too.
 */
export function OnboardingStepper({ connection }: { connection: ConnectionResponse }) {
  const { tc, fmt } = useConnectionsI18n();
  const current =
    connection.steps.find((step) => step.status === "failed") ??
    connection.steps.find((step) => step.status === "running") ??
    connection.steps.find((step) => step.status === "pending");
  const announcement = current
    ? tc.stepAnnounce(tc.stepNames[current.name], tc.stepStatus[current.status])
    : "";

  return (
    <div className="stepper-wrap">
      <ol className="stepper" aria-label={tc.stepperLabel}>
        {connection.steps.map((step, index) => (
          <li
            key={step.name}
            className={`stepper__step stepper__step--${step.status}`}
            aria-current={step === current && step.status !== "pending" ? "step" : undefined}
          >
            <span className="stepper__track" aria-hidden="true">
              <span className="stepper__marker">
                <Marker step={step} index={fmt.number(index + 1)} />
              </span>
              <span className="stepper__line" />
            </span>
            <span className="stepper__text">
              <span className="stepper__name">{tc.stepNames[step.name]}</span>
              <span className="stepper__status">{tc.stepStatus[step.status]}</span>
              {step.status === "failed" ? (
                <span className="stepper__error">
                  {connection.needsPin && step.name === "register" ? (
                    tc.pin.needed
                  ) : (
                    <bdi>{step.error ?? connection.stateReason}</bdi>
                  )}
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}

function Marker({ step, index }: { step: Step; index: string }) {
  switch (step.status) {
    case "done":
      return <Icon name="check" size={16} />;
    case "failed":
      return <Icon name="close" size={16} />;
    default:
      return <span className="num">{index}</span>;
  }
}
