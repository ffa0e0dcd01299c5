import { describeCatalogues } from "../../../../../test/support/catalogues";
import { CONTACT_LANGUAGE_CATALOGUES } from "./contact-language";
import { INBOX_CATALOGUES } from "./index";
import { MEDIA_CATALOGUES } from "./media";
import { QUESTIONS_CATALOGUES } from "./questions";
import { STATUS_CATALOGUES } from "./status";

describeCatalogues("inbox catalogues", INBOX_CATALOGUES);
describeCatalogues("conversation status catalogues", STATUS_CATALOGUES);
describeCatalogues("question and location dialog catalogues", QUESTIONS_CATALOGUES);
describeCatalogues("lightbox and map catalogues", MEDIA_CATALOGUES);
describeCatalogues("candidate language catalogues", CONTACT_LANGUAGE_CATALOGUES);
