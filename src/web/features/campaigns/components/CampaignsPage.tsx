import { useState } from "react";
import { Page } from "../../../app/Page";
import type { CampaignResponse } from "../api";
import { useCampaignsI18n } from "../i18n";
import { CampaignComposer } from "./CampaignComposer";
import { CampaignProgress } from "./CampaignProgress";
import { PastCampaigns } from "./PastCampaigns";
import "./campaigns.css";

type View = { kind: "compose" } | { kind: "campaign"; id: string; initial?: CampaignResponse };

/** Bulk messaging: compose and estimate a send, send it, watch it live, and find past ones. */
export default function CampaignsPage() {
  const { tc } = useCampaignsI18n();
  const [view, setView] = useState<View>({ kind: "compose" });
  const open = (campaign: CampaignResponse) => {
    setView({ kind: "campaign", id: campaign.id, initial: campaign });
    requestAnimationFrame(() => document.getElementById("campaign-progress-title")?.focus());
  };
  return (
    <Page title={tc.title}>
      <p className="section__intro">{tc.intro}</p>
      {view.kind === "compose" ? (
        <CampaignComposer onSent={open} />
      ) : (
        <CampaignProgress
          key={view.id}
          id={view.id}
          initial={view.initial}
          onNew={() => setView({ kind: "compose" })}
          onOpen={open}
        />
      )}
      <PastCampaigns openId={view.kind === "campaign" ? view.id : null} onOpen={open} />
    </Page>
  );
}
