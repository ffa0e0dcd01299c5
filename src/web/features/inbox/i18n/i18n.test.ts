import { describeCatalogues } from "../../../../../test/support/catalogues";
import { INBOX_CATALOGUES } from "./index";

describeCatalogues("inbox catalogues", INBOX_CATALOGUES);
