import { describeCatalogues } from "../../../../../test/support/catalogues";
import { TEMPLATES_CATALOGUES } from "./index";

describeCatalogues("templates catalogues", TEMPLATES_CATALOGUES);
