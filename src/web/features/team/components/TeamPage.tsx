import { roleMay } from "../../../../contracts/roles";
import { Page } from "../../../app/Page";
import { useT } from "../../../i18n/I18nProvider";
import { useRequiredSession } from "../../auth/queries";
import { ApiKeysSection } from "./ApiKeysSection";
import { UsersSection } from "./UsersSection";
import "./team.css";

/** Users for everyone to see; managing them and the API keys is for owners and admins. */
export default function TeamPage() {
  const t = useT();
  const { user } = useRequiredSession();
  const manage = roleMay(user.role, "users.manage");
  return (
    <Page title={t.team.title}>
      {manage ? null : <p className="alert alert--warning">{t.team.readOnly}</p>}
      <UsersSection manage={manage} />
      {manage ? <ApiKeysSection /> : null}
    </Page>
  );
}
