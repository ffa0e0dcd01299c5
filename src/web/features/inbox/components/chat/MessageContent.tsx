import { lazy, Suspense, useState } from "react";
import type { MessageContent as Content } from "../../../../../contracts/messages";
import { Icon } from "../../../../ui/Icon";
import { useInboxI18n } from "../../i18n";
import { openStreetMapUrl } from "../../model/map-link";
import type { VoiceSender } from "./AudioPlayer";
import { AudioContent, DocumentContent, ImageContent, StickerContent, VideoContent } from "./Media";
import { RichText } from "./RichText";

// The map loads with the first location shown, not with the inbox.
const LocationMap = lazy(() => import("./LocationMap"));

type SharedContact = Extract<Content, { type: "contacts" }>["contacts"][number];

/** Which contents draw their own frame instead of a bubble (a sticker floats on the wallpaper). */
export function isBubbleless(content: Content): boolean {
  return content.type === "sticker";
}

/** Whether the time sits over the content (media without caption) rather than after the text. */
export function hasCaption(content: Content): boolean {
  if (content.type === "image" || content.type === "video") return Boolean(content.media.caption);
  return true;
}

/** Whether the content ends in a line of text, so the time can share its last line (else it goes below). */
export function endsWithText(content: Content): boolean {
  switch (content.type) {
    case "text":
    case "template":
    case "button":
    case "system":
      return true;
    case "interactive_reply":
      return true;
    case "image":
    case "video":
    case "document":
      return Boolean(content.media.caption);
    default:
      return false;
  }
}

/** The text a content ends with, the one whose last line the time can share; null for none. */
export function trailingText(content: Content): string | null {
  switch (content.type) {
    case "text":
      return content.body;
    case "template":
      return content.rendered;
    case "interactive_reply":
      return content.description ?? null;
    case "image":
    case "video":
    case "document":
      return content.media.caption ?? null;
    default:
      return null;
  }
}

/** Every message type rendered; unknown ones as a dashed "not supported" line, never hidden. */
export function MessageContent({
  content,
  onAskAgain,
  messageId,
  sender,
}: {
  content: Content;
  /** Who sent it, for a voice note's avatar. */
  sender?: VoiceSender;
  /** The message's id, for opening its photo or video in the chat's lightbox. */
  messageId?: string;
  /** For a received file that could not be had: ask the candidate to send it again. */
  onAskAgain?: (() => void) | undefined;
}) {
  const { ti } = useInboxI18n();
  switch (content.type) {
    case "text":
      return <RichText text={content.body} />;
    case "image":
      return (
        <>
          <ImageContent media={content.media} onAskAgain={onAskAgain} messageId={messageId} />
          {content.media.caption ? <RichText text={content.media.caption} large={false} /> : null}
        </>
      );
    case "video":
      return (
        <>
          <VideoContent media={content.media} onAskAgain={onAskAgain} messageId={messageId} />
          {content.media.caption ? <RichText text={content.media.caption} large={false} /> : null}
        </>
      );
    case "audio":
      return <AudioContent media={content.media} onAskAgain={onAskAgain} sender={sender} />;
    case "document":
      return (
        <>
          <DocumentContent media={content.media} onAskAgain={onAskAgain} />
          {content.media.caption ? <RichText text={content.media.caption} large={false} /> : null}
        </>
      );
    case "sticker":
      return <StickerContent media={content.media} onAskAgain={onAskAgain} />;
    case "location":
      return <LocationContent content={content} />;
    case "contacts":
      return (
        <span className="contacts">
          {content.contacts.map((contact) => (
            <ContactCard key={`${contact.name}:${contact.phones[0]?.phone ?? ""}`} contact={contact} />
          ))}
        </span>
      );
    case "interactive_reply":
      return (
        <>
          <span className="reply-chip">
            <Icon name="reply" size={14} />
            {content.kind === "list_reply"
              ? ti.content.listReply(content.title)
              : ti.content.buttonReply(content.title)}
          </span>
          {content.description ? <RichText text={content.description} large={false} /> : null}
        </>
      );
    case "button":
      return (
        <span className="reply-chip">
          <Icon name="reply" size={14} />
          {ti.content.buttonReply(content.text)}
        </span>
      );
    case "template":
      return (
        <>
          <span className="template-label">
            <Icon name="template" size={14} />
            <span>{ti.content.template(content.name)}</span>
          </span>
          <RichText text={content.rendered} large={false} />
        </>
      );
    case "interactive":
      return <InteractiveContent content={content} />;
    case "system":
      return <RichText text={content.body} large={false} />;
    case "reaction":
      return null;
    default:
      return (
        <span className="unsupported">
          <Icon name="info" size={16} />
          <span>
            {ti.content.unsupported}
            <span className="unsupported__detail"> · {ti.content.unsupportedDetail}</span>
          </span>
        </span>
      );
  }
}

/**
 * A question sent with reply buttons, a list or a link button: the header and footer lines around
 * its text, the buttons as the candidate sees them, not to be tapped here (a link button does open
 * its page); a list's button, then its options under their sections so the team knows what was
 * offered.
 */
function InteractiveContent({ content }: { content: Extract<Content, { type: "interactive" }> }) {
  return (
    <>
      {content.header ? <bdi className="bubble-header">{content.header}</bdi> : null}
      <RichText text={content.body} large={false} />
      {content.footer ? <bdi className="bubble-footer">{content.footer}</bdi> : null}
      <InteractiveChoices content={content} />
    </>
  );
}

function InteractiveChoices({ content }: { content: Extract<Content, { type: "interactive" }> }) {
  const { ti } = useInboxI18n();
  if (content.kind === "cta_url") {
    return (
      <span className="bubble-buttons">
        <a
          className="bubble-buttons__item bubble-buttons__item--link"
          href={content.url ?? undefined}
          target="_blank"
          rel="noopener noreferrer"
          title={content.url ?? undefined}
        >
          <Icon name="external" size={16} />
          <bdi>{content.options[0]?.title}</bdi>
        </a>
      </span>
    );
  }
  if (content.kind === "button") {
    return (
      <ul className="bubble-buttons" aria-label={ti.content.choices}>
        {content.options.map((option) => (
          <li key={option.id} className="bubble-buttons__item" aria-disabled="true">
            <bdi>{option.title}</bdi>
          </li>
        ))}
      </ul>
    );
  }
  let start = 0;
  const sections = content.sections.map((section) => {
    const options = content.options.slice(start, start + section.size);
    start += section.size;
    return { title: section.title, options, key: start };
  });
  return (
    <>
      <span className="bubble-buttons">
        <span className="bubble-buttons__item bubble-buttons__item--list" aria-disabled="true">
          <Icon name="more" size={16} />
          <bdi>{content.listButton}</bdi>
        </span>
      </span>
      <div className="bubble-list">
        <span className="visually-hidden">{ti.content.listOptions}</span>
        {sections.map((section) => (
          <div key={section.key} className="bubble-list__section">
            {section.title ? <bdi className="bubble-list__title">{section.title}</bdi> : null}
            <ul className="bubble-list__rows">
              {section.options.map((option) => (
                <li key={option.id} className="bubble-list__row">
                  <bdi className="bubble-list__row-title">{option.title}</bdi>
                  {option.description ? (
                    <bdi className="bubble-list__row-description">{option.description}</bdi>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </>
  );
}

/** The coordinates as sent, to six decimals at most (about 10 cm), never localised: an identifier. */
const coordinate = (value: number) => String(Number(value.toFixed(6)));

function LocationContent({ content }: { content: Extract<Content, { type: "location" }> }) {
  const { ti } = useInboxI18n();
  const coordinates = `${coordinate(content.latitude)}, ${coordinate(content.longitude)}`;
  return (
    <span className="location">
      <Suspense fallback={<span className="location__map" />}>
        <LocationMap
          latitude={content.latitude}
          longitude={content.longitude}
          label={content.name ?? content.address ?? coordinates}
        />
      </Suspense>
      {content.name ? <bdi className="location__name">{content.name}</bdi> : null}
      {content.address ? <bdi className="location__address">{content.address}</bdi> : null}
      <bdi dir="ltr" className="location__coordinates">
        {coordinates}
      </bdi>
      <a
        className="location__link"
        href={openStreetMapUrl(content.latitude, content.longitude)}
        target="_blank"
        rel="noopener noreferrer"
      >
        {ti.content.openInMaps}
      </a>
    </span>
  );
}

function ContactCard({ contact }: { contact: SharedContact }) {
  const { ti } = useInboxI18n();
  const [copied, setCopied] = useState(false);
  const first = contact.phones[0];
  return (
    <span className="contact-card">
      <span className="contact-card__head">
        <span className="contact-card__icon" aria-hidden="true">
          <Icon name="user" size={20} />
        </span>
        <span>
          <bdi className="contact-card__name">{contact.name}</bdi>
          {contact.organization ? <bdi className="contact-card__org">{contact.organization}</bdi> : null}
        </span>
      </span>
      {contact.phones.map((phone) => (
        <bdi key={phone.phone} dir="ltr" className="contact-card__phone">
          {phone.phone}
        </bdi>
      ))}
      {contact.emails.map((email) => (
        <bdi key={email} dir="ltr" className="contact-card__phone">
          {email}
        </bdi>
      ))}
      {first ? (
        <span className="contact-card__actions">
          <a
            className="contact-card__action"
            href={`https://wa.me/${(first.waId ?? first.phone).replace(/\D/g, "")}`}
            target="_blank"
            rel="noopener noreferrer"
          >
            {ti.content.write}
          </a>
          <button
            type="button"
            className="contact-card__action"
            onClick={() => {
              void navigator.clipboard?.writeText(first.phone).then(() => setCopied(true));
            }}
          >
            {copied ? ti.content.copied : ti.content.copy}
          </button>
        </span>
      ) : null}
    </span>
  );
}

/** The click-to-WhatsApp ad a candidate came from: its headline, text and link, as text only. */
export function ReferralCard({ referral }: { referral: Record<string, unknown> }) {
  const { ti } = useInboxI18n();
  const text = (key: string) => (typeof referral[key] === "string" ? (referral[key] as string) : null);
  const url = text("source_url");
  const safeUrl = url && /^https?:\/\//iu.test(url) ? url : null;
  return (
    <span className="referral">
      <span className="referral__label">
        <Icon name="megaphone" size={14} />
        {ti.content.fromAd}
      </span>
      {text("headline") ? <bdi className="referral__headline">{text("headline")}</bdi> : null}
      {text("body") ? (
        <RichText text={text("body") as string} large={false} className="referral__body" />
      ) : null}
      {safeUrl ? (
        <a className="referral__link" href={safeUrl} target="_blank" rel="noopener noreferrer nofollow">
          {ti.content.viewAd}
        </a>
      ) : null}
    </span>
  );
}
