import { describeCatalogues } from "../../../../../test/support/catalogues";
import { CONNECTIONS_CATALOGUES } from "./index";

describeCatalogues("connections catalogues", CONNECTIONS_CATALOGUES);
