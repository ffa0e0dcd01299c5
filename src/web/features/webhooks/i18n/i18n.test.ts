import { describeCatalogues } from "../../../../../test/support/catalogues";
import { WEBHOOKS_CATALOGUES } from "./index";

describeCatalogues("webhooks catalogues", WEBHOOKS_CATALOGUES);
