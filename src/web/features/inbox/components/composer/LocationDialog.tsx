import { useId, useState } from "react";
import {
  type InteractiveProblem,
  type LocationDraft,
  validateLocation,
} from "../../../../../contracts/interactive-rules";
import { Dialog } from "../../../../ui/Dialog";
import { Field } from "../../../../ui/Field";
import { useInboxI18n } from "../../i18n";
import { useQuestionsI18n } from "../../i18n/questions";
import "./question.css";

/** A coordinate as typed: `33.5731`, `33,5731` (French keyboards), blank is no number. */
function coordinate(text: string): number {
  const trimmed = text.trim().replace(",", ".");
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

/** "Position": a place (coordinates, and optionally its name and address) sent in the window. */
export default function LocationDialog(props: { onClose(): void; onSend(draft: LocationDraft): void }) {
  const { t, ifmt } = useInboxI18n();
  const { tq } = useQuestionsI18n();
  const id = useId();
  const [latitude, setLatitude] = useState("");
  const [longitude, setLongitude] = useState("");
  const [name, setName] = useState("");
  const [address, setAddress] = useState("");
  const [tried, setTried] = useState(false);

  const draft: LocationDraft = {
    latitude: coordinate(latitude),
    longitude: coordinate(longitude),
    ...(name.trim() ? { name: name.trim() } : {}),
    ...(address.trim() ? { address: address.trim() } : {}),
  };
  const problems = validateLocation(draft);
  const fieldId = (field: string) => `${id}-${field}`;
  const errorAt = (field: string) => {
    const found = problems.find((p) => p.field === field);
    if (!found) return null;
    // A coordinate not typed yet is not wrong yet: said once "send" was pressed.
    const typed = field === "latitude" ? latitude : field === "longitude" ? longitude : "x";
    if (!tried && typed.trim() === "") return null;
    return tq.problems[found.code](ifmt.number(found.params?.max ?? 0));
  };

  function send() {
    setTried(true);
    if (problems.length > 0) {
      document.getElementById(fieldId((problems[0] as InteractiveProblem).field))?.focus();
      return;
    }
    props.onSend(draft);
  }

  return (
    <Dialog
      title={tq.location.title}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            {t.common.cancel}
          </button>
          <button type="button" className="button button--primary" onClick={send}>
            {tq.location.send}
          </button>
        </>
      }
    >
      <div className="question-form">
        <p className="field__hint">{tq.location.coordinatesHint}</p>
        <div className="question-form__pair">
          <Field id={fieldId("latitude")} label={tq.location.latitude} error={errorAt("latitude")}>
            <input
              className="input"
              dir="ltr"
              inputMode="decimal"
              autoComplete="off"
              value={latitude}
              onChange={(event) => setLatitude(event.target.value)}
            />
          </Field>
          <Field id={fieldId("longitude")} label={tq.location.longitude} error={errorAt("longitude")}>
            <input
              className="input"
              dir="ltr"
              inputMode="decimal"
              autoComplete="off"
              value={longitude}
              onChange={(event) => setLongitude(event.target.value)}
            />
          </Field>
        </div>
        <Field id={fieldId("name")} label={tq.location.name} error={errorAt("name")}>
          <input
            className="input"
            dir="auto"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field id={fieldId("address")} label={tq.location.address} error={errorAt("address")}>
          <input
            className="input"
            dir="auto"
            value={address}
            onChange={(event) => setAddress(event.target.value)}
          />
        </Field>
      </div>
    </Dialog>
  );
}
