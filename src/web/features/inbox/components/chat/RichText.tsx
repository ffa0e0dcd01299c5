import { memo, type ReactNode } from "react";
import { firstStrongDirection } from "../../../../../contracts/text-direction";
import { isEmojiOnly, parseMarkup, type Token } from "../../model/markup";

function render(tokens: Token[], prefix: string): ReactNode[] {
  return tokens.map((token, index) => {
    const key = `${prefix}${index}`;
    switch (token.kind) {
      case "text":
        return token.text;
      case "link":
        return (
          <a key={key} href={token.href} target="_blank" rel="noopener noreferrer nofollow" dir="ltr">
            {token.text}
          </a>
        );
      case "bold":
        return <strong key={key}>{render(token.children, `${key}.`)}</strong>;
      case "italic":
        return <em key={key}>{render(token.children, `${key}.`)}</em>;
      case "strike":
        return <s key={key}>{render(token.children, `${key}.`)}</s>;
      default:
        return <code key={key}>{render(token.children, `${key}.`)}</code>;
    }
  });
}

/**
 * A candidate's (or recruiter's) text: always React text nodes, never HTML. WhatsApp markup and links
 * become elements around text; the text takes the direction of its first strong letter, the one rule
 * the list preview follows too (`dir="auto"`'s).
 */
export const RichText = memo(function RichText(props: { text: string; className?: string; large?: boolean }) {
  const large = props.large !== false && isEmojiOnly(props.text);
  return (
    <span
      className={`rich-text${large ? " rich-text--emoji" : ""}${props.className ? ` ${props.className}` : ""}`}
      dir={firstStrongDirection(props.text) ?? "auto"}
    >
      {render(parseMarkup(props.text), "")}
    </span>
  );
});
