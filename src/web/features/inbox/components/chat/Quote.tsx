import { type MessageResponse, mediaUrl } from "../../api";
import { useInboxI18n } from "../../i18n";
import { summaryText } from "../../model/preview";
import { KindLabel } from "../KindLabel";
import { RichText } from "./RichText";

/** The quoted message above a reply (and in the composer): author, three lines, a small thumbnail. */
export function QuoteBlock(props: {
  quoted: MessageResponse | undefined;
  author: string;
  onClick?: () => void;
  children?: React.ReactNode;
}) {
  const { ti } = useInboxI18n();
  const { quoted } = props;
  const summary = quoted ? summaryText(quoted.content) : null;
  const label = summary ? summary.text : ti.content.quoteMissing;
  const thumbnail =
    quoted &&
    quoted.content.type === "image" &&
    quoted.content.media.status === "stored" &&
    quoted.content.media.id
      ? mediaUrl(quoted.content.media.id)
      : null;
  const side = quoted?.direction === "inbound" ? "candidate" : "team";
  const body = (
    <>
      <span className="quote__text">
        <span className="quote__author">{props.author}</span>
        <span className="quote__summary">
          {summary && summary.kind !== "text" ? <KindLabel kind={summary.kind} ti={ti} /> : null}
          {label ? <RichText text={label} large={false} /> : null}
        </span>
      </span>
      {thumbnail ? (
        <img className="quote__thumb" src={thumbnail} alt="" width={48} height={48} loading="lazy" />
      ) : null}
      {props.children}
    </>
  );
  if (!props.onClick) return <span className={`quote quote--${side}`}>{body}</span>;
  return (
    <button type="button" className={`quote quote--${side}`} onClick={props.onClick}>
      {body}
    </button>
  );
}
