/** Encodes the backend's SVG as an image source: it is never inserted as markup. */
export function qrSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

interface QrProps {
  svg: string;
  /** What the code holds, read by screen readers (the link). */
  label: string;
  testId?: string;
  size?: "large" | "medium" | "small";
}

/** A QR code black on white with a wide quiet zone, whatever the theme, so any phone reads it. */
export function Qr({ svg, label, testId, size = "large" }: QrProps) {
  return (
    <div className={`shop-qr shop-qr--${size}`} data-testid={testId}>
      <img src={qrSource(svg)} alt={label} />
    </div>
  );
}
