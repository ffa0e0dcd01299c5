import { describeCatalogues } from "../../../../../test/support/catalogues";
import { REPORTS_CATALOGUES } from "./index";

describeCatalogues("reports catalogues", REPORTS_CATALOGUES);
