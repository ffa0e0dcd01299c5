import { describeCatalogues } from "../../../../../test/support/catalogues";
import { QUICK_REPLIES_CATALOGUES } from "./index";

describeCatalogues("quick replies catalogues", QUICK_REPLIES_CATALOGUES);
