import { Dialog } from "../../../../ui/Dialog";
import { useInboxI18n } from "../../i18n";

/** The original image, as large as the screen allows, with a download link. */
export default function Lightbox(props: {
  src: string;
  alt: string;
  filename: string | null;
  onClose(): void;
}) {
  const { ti } = useInboxI18n();
  return (
    <Dialog
      title={props.alt}
      onClose={props.onClose}
      footer={
        <a className="button" href={props.src} download={props.filename ?? true}>
          {ti.content.download}
        </a>
      }
    >
      <img className="lightbox__image" src={props.src} alt={props.alt} />
    </Dialog>
  );
}
