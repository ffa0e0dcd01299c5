import { describeCatalogues } from "../../../../test/support/catalogues";
import { PIPELINE_CATALOGUES } from "./i18n";

describeCatalogues("hiring stages and labels catalogues", PIPELINE_CATALOGUES);
