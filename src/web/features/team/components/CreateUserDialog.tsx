import { type FormEvent, useState } from "react";
import { CreateUserBody, PASSWORD_MIN_LENGTH, type UserRole } from "../../../../contracts/accounts";
import { ErrorCode } from "../../../../contracts/constants";
import { assignableRoles } from "../../../../contracts/roles";
import { describeError, failedWith } from "../../../api/errors";
import { useI18n } from "../../../i18n/I18nProvider";
import { Dialog } from "../../../ui/Dialog";
import { Field } from "../../../ui/Field";
import { FormDialogFooter } from "../../../ui/FormDialogFooter";
import { PasswordInput } from "../../auth/components/PasswordInput";
import { useRequiredSession } from "../../auth/queries";
import { useCreateUser } from "../queries";

type FieldName = "name" | "email" | "password";

/** Creates a teammate with an initial password, validated by the same schema as the server. */
export function CreateUserDialog({ onClose }: { onClose(): void }) {
  const { t, fmt, locale } = useI18n();
  const { user: me } = useRequiredSession();
  const create = useCreateUser();
  const roles = assignableRoles(me.role);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<UserRole>("recruiter");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const min = fmt.number(PASSWORD_MIN_LENGTH);

  const messages: Record<FieldName, string> = {
    name: t.team.create.nameRequired,
    email: t.team.create.emailInvalid,
    password: t.team.create.passwordTooShort(min),
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // New users start in the creator's language; they can change it in their settings.
    const parsed = CreateUserBody.safeParse({ name, email: email.trim(), role, password, locale });
    if (!parsed.success) {
      const next: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === "name" || field === "email" || field === "password") next[field] = messages[field];
      }
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, { onSuccess: onClose });
  }

  let serverError: string | null = null;
  if (create.error) {
    serverError = failedWith(create.error, ErrorCode.conflict)
      ? t.team.emailTaken
      : describeError(create.error, t, fmt);
  }

  return (
    <Dialog
      title={t.team.create.title}
      onClose={onClose}
      footer={
        <FormDialogFooter
          formId="create-user"
          submitLabel={t.team.create.submit}
          isPending={create.isPending}
          onCancel={onClose}
        />
      }
    >
      <form id="create-user" className="form" onSubmit={submit} noValidate>
        <Field label={t.team.create.name} error={errors.name}>
          <input
            className="input"
            dir="auto"
            value={name}
            autoComplete="off"
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field label={t.team.create.email} error={errors.email}>
          <input
            className="input"
            type="email"
            dir="ltr"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label={t.team.create.role}>
          <select
            className="select select--full"
            value={role}
            onChange={(e) => setRole(e.target.value as UserRole)}
          >
            {roles.map((option) => (
              <option key={option} value={option}>
                {t.roles[option]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.team.create.password} hint={t.team.create.passwordHint(min)} error={errors.password}>
          <PasswordInput value={password} onChange={setPassword} autoComplete="new-password" />
        </Field>
        {serverError ? (
          <p className="alert alert--danger" role="alert">
            {serverError}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
