import { useState } from "react";
import type { ApiKeyResponse } from "../../../../contracts/accounts";
import { describeError } from "../../../api/errors";
import { useI18n } from "../../../i18n/I18nProvider";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { Icon } from "../../../ui/Icon";
import { useApiKeys, useRevokeApiKey } from "../queries";
import { CreateApiKeyDialog } from "./CreateApiKeyDialog";

/** API keys for LinkoJob's servers: prefix, scopes, last use; create (secret shown once) and revoke. */
export function ApiKeysSection() {
  const { t, fmt } = useI18n();
  const keys = useApiKeys(true);
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyResponse | null>(null);
  const list = keys.data?.apiKeys ?? [];

  return (
    <section className="card section" aria-labelledby="api-keys-title">
      <div className="section__head">
        <h2 id="api-keys-title" className="section__title">
          {t.apiKeys.title}
        </h2>
        <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
          <Icon name="key" />
          {t.apiKeys.create}
        </button>
      </div>
      <p className="section__intro">{t.apiKeys.intro}</p>
      {keys.isError ? (
        <p className="alert alert--danger" role="alert">
          {describeError(keys.error, t, fmt)}
        </p>
      ) : null}
      {keys.data && list.length === 0 ? <p className="table__muted">{t.apiKeys.empty}</p> : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t.apiKeys.columns.name}</th>
                <th scope="col">{t.apiKeys.columns.prefix}</th>
                <th scope="col">{t.apiKeys.columns.scopes}</th>
                <th scope="col">{t.apiKeys.columns.lastUsed}</th>
                <th scope="col">{t.apiKeys.columns.status}</th>
                <th scope="col" className="table__actions">
                  <span className="visually-hidden">{t.apiKeys.columns.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((key) => (
                <tr key={key.id} className={key.revokedAt ? "user-row--disabled" : undefined}>
                  <td>
                    <bdi>{key.name}</bdi>
                    <div className="table__muted table__sub">
                      {t.apiKeys.columns.created}{" "}
                      <time dateTime={key.createdAt}>{fmt.date(key.createdAt)}</time>
                    </div>
                  </td>
                  <td>
                    <bdi dir="ltr">
                      <code>{key.prefix}…</code>
                    </bdi>
                  </td>
                  <td>
                    <ul className="scope-list">
                      {key.scopes.map((scope) => (
                        <li key={scope} className="tag" title={t.apiKeys.scopes[scope]}>
                          <bdi dir="ltr">{scope}</bdi>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="table__muted">
                    {key.lastUsedAt ? (
                      <time dateTime={key.lastUsedAt}>{fmt.dateTime(key.lastUsedAt)}</time>
                    ) : (
                      t.common.never
                    )}
                  </td>
                  <td>
                    {key.revokedAt ? (
                      <span className="tag tag--muted">{t.apiKeys.revokedOn(fmt.date(key.revokedAt))}</span>
                    ) : (
                      <span className="tag tag--success">{t.apiKeys.active}</span>
                    )}
                  </td>
                  <td className="table__actions">
                    {key.revokedAt ? null : (
                      <button type="button" className="button button--small" onClick={() => setRevoking(key)}>
                        {t.apiKeys.revoke}
                        <span className="visually-hidden">
                          {" "}
                          <bdi>{key.name}</bdi>
                        </span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {creating ? <CreateApiKeyDialog onClose={() => setCreating(false)} /> : null}
      {revoking ? (
        <ConfirmDialog
          title={t.apiKeys.revokeTitle(revoking.name)}
          body={t.apiKeys.revokeBody}
          confirmLabel={t.apiKeys.revoke}
          pending={revoke.isPending}
          error={revoke.isError ? describeError(revoke.error, t, fmt) : null}
          onConfirm={() => revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
          onClose={() => {
            revoke.reset();
            setRevoking(null);
          }}
        />
      ) : null}
    </section>
  );
}
