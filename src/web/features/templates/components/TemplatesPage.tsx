import { lazy, Suspense } from "react";
import type { Route } from "../../../app/router";
import { TemplateDetail } from "./TemplateDetail";
import { TemplateListView } from "./TemplateListView";
import "./templates.css";

// The builder is the heaviest part (rules, upload, tabs): it loads only when opened.
const TemplateBuilder = lazy(() => import("./builder/TemplateBuilder"));

type TemplatesRoute = Extract<Route, { name: "templates" | "templateNew" | "template" | "templateEdit" }>;

/** The templates studio: every number's templates, one template's page, and the builder. */
export default function TemplatesPage({ route }: { route: TemplatesRoute }) {
  switch (route.name) {
    case "template":
      return <TemplateDetail key={route.templateId} id={route.templateId} />;
    case "templateNew":
    case "templateEdit":
      return (
        <Suspense fallback={<div className="page page--loading" aria-busy="true" />}>
          <TemplateBuilder
            key={route.name === "templateEdit" ? route.templateId : "new"}
            templateId={route.name === "templateEdit" ? route.templateId : null}
          />
        </Suspense>
      );
    default:
      return <TemplateListView />;
  }
}
