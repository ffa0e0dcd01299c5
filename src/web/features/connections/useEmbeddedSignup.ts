import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useRequiredSession } from "../auth/queries";
import {
  type CompleteSignupResult,
  completeSignup,
  type InitiateSignupResponse,
  initiateSignup,
} from "./api";
import { type FacebookSdk, initSdk, loadedSdk, loadSdk, runEmbeddedSignup } from "./embedded-signup";
import { connectionKeys, storeConnection } from "./queries";

export type SignupPhase = "idle" | "opening" | "dialog" | "completing";

/** What the last attempt came to, for the page to put into words. */
export type SignupOutcome =
  | { kind: "cancelled"; detail: string | null }
  | { kind: "connecting"; connectionId: string }
  | { kind: "error"; error: unknown }
  | { kind: "sdkError" };

/** A prepared state is used only while it has this much life left (the dialog takes a while). */
const MIN_LIFE_MS = 2 * 60_000;

const usable = (prepared: InitiateSignupResponse | undefined, used: ReadonlySet<string>) =>
  prepared && !used.has(prepared.state) && Date.parse(prepared.expiresAt) - Date.now() > MIN_LIFE_MS
    ? prepared
    : null;

/**
 * Embedded Signup from the dashboard. A single-use `state` is prepared as soon as the page shows (so
 * the redirect link is a real link, the sandbox is known, and the SDK is loaded before the click:
 * `FB.login` then opens its popup inside the click, where popup blockers allow it).
 */
export function useEmbeddedSignup() {
  const clientId = useRequiredSession().client.id;
  const queryClient = useQueryClient();
  const used = useRef(new Set<string>());
  const [phase, setPhase] = useState<SignupPhase>("idle");
  const [outcome, setOutcome] = useState<SignupOutcome | null>(null);

  const prepared = useQuery({
    queryKey: connectionKeys.signup(clientId),
    queryFn: initiateSignup,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
    // Renewed before it gets too short to finish the dialog with.
    refetchInterval: (query) => {
      const expiresAt = query.state.data?.expiresAt;
      return expiresAt ? Math.max(5_000, Date.parse(expiresAt) - Date.now() - MIN_LIFE_MS) : false;
    },
  });

  const ready = usable(prepared.data, used.current);
  useEffect(() => {
    if (!ready) return;
    loadSdk(ready.sdkUrl)
      .then((fb) => initSdk(fb, ready.appId, ready.graphVersion))
      .catch(() => {
        // Reported on click, where the user can choose the redirect instead.
      });
  }, [ready]);

  const renew = useCallback(
    () => queryClient.refetchQueries({ queryKey: connectionKeys.signup(clientId), exact: true }),
    [queryClient, clientId],
  );

  const finish = useCallback(
    (result: CompleteSignupResult) => {
      if (result.outcome === "connecting" && result.connection) {
        storeConnection(queryClient, clientId, result.connection);
        setOutcome({ kind: "connecting", connectionId: result.connection.id });
      } else {
        setOutcome({ kind: "cancelled", detail: result.detail });
      }
    },
    [queryClient, clientId],
  );

  /** Opens Meta's window; `businessApp` for a number that stays on the WhatsApp Business app. */
  const start = useCallback(
    (options: { businessApp?: boolean } = {}) => {
      if (phase !== "idle") return;
      setOutcome(null);
      const current = usable(prepared.data, used.current);
      const fb = current ? loadedSdk(current.sdkUrl) : null;

      async function run(settings: InitiateSignupResponse, sdk: FacebookSdk | null) {
        let loadedFb = sdk;
        if (!loadedFb) {
          setPhase("opening");
          try {
            loadedFb = await loadSdk(settings.sdkUrl);
          } catch {
            setOutcome({ kind: "sdkError" });
            return;
          }
        }
        initSdk(loadedFb, settings.appId, settings.graphVersion);
        used.current.add(settings.state);
        setPhase("dialog");
        const result = await runEmbeddedSignup({
          fb: loadedFb,
          configId: settings.configId,
          messageOrigin: settings.messageOrigin,
          businessApp: options.businessApp === true,
        });
        setPhase("completing");
        finish(await completeSignup({ state: settings.state, ...result }));
      }

      const attempt = async () => {
        try {
          // Prepared and loaded: FB.login runs synchronously inside this click.
          if (current && fb) await run(current, fb);
          else {
            setPhase("opening");
            await run(current ?? (await initiateSignup()), null);
          }
        } catch (error) {
          setOutcome({ kind: "error", error });
        } finally {
          setPhase("idle");
          void renew();
        }
      };
      void attempt();
    },
    [phase, prepared.data, finish, renew],
  );

  /** The redirect flow consumes the prepared state when the user follows the link. */
  const markRedirectUsed = useCallback(() => {
    if (prepared.data) used.current.add(prepared.data.state);
  }, [prepared.data]);

  return {
    phase,
    outcome,
    dismissOutcome: () => setOutcome(null),
    start,
    mode: prepared.data?.mode ?? null,
    oauthUrl: ready?.oauthUrl ?? null,
    markRedirectUsed,
  };
}
