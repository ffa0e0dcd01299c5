import { describeCatalogues } from "../../../../../test/support/catalogues";
import { AUTOMATION_CATALOGUES } from "./index";

describeCatalogues("inbox rules catalogues", AUTOMATION_CATALOGUES);
