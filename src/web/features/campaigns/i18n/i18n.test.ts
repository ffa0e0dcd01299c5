import { describeCatalogues } from "../../../../../test/support/catalogues";
import { CAMPAIGNS_CATALOGUES } from "./index";

describeCatalogues("campaigns catalogues", CAMPAIGNS_CATALOGUES);
