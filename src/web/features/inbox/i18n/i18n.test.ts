import { describeCatalogues } from "../../../../../test/support/catalogues";
import { INBOX_CATALOGUES } from "./index";
import { STATUS_CATALOGUES } from "./status";

describeCatalogues("inbox catalogues", INBOX_CATALOGUES);
describeCatalogues("conversation status catalogues", STATUS_CATALOGUES);
