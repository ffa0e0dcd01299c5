import { describeCatalogues } from "../../../../../test/support/catalogues";
import { COSTS_CATALOGUES } from "./index";

describeCatalogues("costs catalogues", COSTS_CATALOGUES);
