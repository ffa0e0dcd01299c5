import type { Route } from "../../../app/router";
import { EndpointLog } from "./EndpointLog";
import { EndpointsView } from "./EndpointsView";
import "./webhooks.css";

type WebhooksRoute = Extract<Route, { name: "webhooks" | "webhook" }>;

/** The client's outbound webhook endpoints, and one endpoint's delivery log. */
export default function WebhooksPage({ route }: { route: WebhooksRoute }) {
  return route.name === "webhook" ? (
    <EndpointLog key={route.endpointId} endpointId={route.endpointId} />
  ) : (
    <EndpointsView />
  );
}
