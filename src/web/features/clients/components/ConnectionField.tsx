import type { ConnectionSummary } from "../../../../contracts/connections";
import { Field } from "../../../ui/Field";

/** A number's name in a list of numbers: its phone, else its verified name. */
export function connectionLabel(connection: ConnectionSummary): string {
  return connection.displayPhoneNumber ?? connection.verifiedName ?? connection.id;
}

/** Which WhatsApp number something is for, when the client has several (with one, nothing to choose). */
export function ConnectionField(props: {
  label: string;
  connections: readonly ConnectionSummary[];
  value: string;
  onChange(connectionId: string): void;
}) {
  if (props.connections.length < 2) return null;
  return (
    <Field label={props.label}>
      <select className="select" value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.connections.map((connection) => (
          <option key={connection.id} value={connection.id} dir="ltr">
            {connectionLabel(connection)}
          </option>
        ))}
      </select>
    </Field>
  );
}
