import { useMemo } from "react";

/** Encodes the backend's SVG as an image source: it is never inserted as markup. */
export function qrSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The two values a QR code's picture needs: its view box and the path of its dark modules. */
export interface QrShape {
  viewBox: string;
  path: string;
}

const VIEW_BOX = /^\d+ \d+ \d+ \d+$/;
// Moves and lines only, the backend's drawing of the dark modules (M4 4h1v1H4V4…).
const PATH = /^[MHVmhv\d\s]+$/;

/**
 * Reads the view box and the dark modules' path out of the backend's QR SVG, in an inert parsed
 * document; `null` when the SVG is not the plain one-path drawing expected.
 */
export function qrShape(svg: string): QrShape | null {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  if (root.localName !== "svg") return null;
  const paths = root.getElementsByTagName("path");
  const viewBox = root.getAttribute("viewBox") ?? "";
  const path = paths.length === 1 ? (paths[0]?.getAttribute("d") ?? "") : "";
  return VIEW_BOX.test(viewBox) && PATH.test(path) ? { viewBox, path } : null;
}

interface QrProps {
  svg: string;
  /** What the code holds, read by screen readers (the link). */
  label: string;
  testId?: string;
  size?: "large" | "medium" | "small";
}

/**
 * A QR code black on white with a wide quiet zone, whatever the theme, so any phone reads it.
 * Drawn as the page's own SVG from the code's path, so it shows in the frame that lays it out;
 * an `<img>` of the SVG would be decoded after that frame. Anything unexpected falls back to the
 * image.
 */
export function Qr({ svg, label, testId, size = "large" }: QrProps) {
  const shape = useMemo(() => qrShape(svg), [svg]);
  return (
    <div className={`shop-qr shop-qr--${size}`} data-testid={testId}>
      {shape ? (
        <svg viewBox={shape.viewBox} shapeRendering="crispEdges" role="img" aria-label={label}>
          <rect width="100%" height="100%" fill="#ffffff" />
          <path fill="#000000" d={shape.path} />
        </svg>
      ) : (
        <img src={qrSource(svg)} alt={label} />
      )}
    </div>
  );
}
