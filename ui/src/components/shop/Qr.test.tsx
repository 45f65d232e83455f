import { render } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import { Qr, qrShape, qrSource } from "./Qr";

// The backend's drawing (the qrcode crate's SVG renderer), cut to three modules.
const backendSvg =
  '<?xml version="1.0" standalone="yes"?><svg xmlns="http://www.w3.org/2000/svg" version="1.1" ' +
  'width="330" height="330" viewBox="0 0 330 330" shape-rendering="crispEdges">' +
  '<rect x="0" y="0" width="330" height="330" fill="#ffffff"/>' +
  '<path fill="#000000" d="M40 40h10v10H40V40M50 40h10v10H50V40M40 50h10v10H40V50"/></svg>';

describe("Qr", () => {
  it("draws the backend's code as the page's own SVG, black on white, named by its link", () => {
    const { getByTestId } = render(<Qr svg={backendSvg} label="https://dhmad.tn/checkout/s1" testId="qr" />);
    const svg = getByTestId("qr").querySelector("svg");
    expect(svg?.getAttribute("viewBox")).toBe("0 0 330 330");
    expect(svg?.getAttribute("role")).toBe("img");
    expect(svg?.getAttribute("aria-label")).toBe("https://dhmad.tn/checkout/s1");
    const path = svg?.querySelector("path");
    expect(path?.getAttribute("d")).toBe("M40 40h10v10H40V40M50 40h10v10H50V40M40 50h10v10H40V50");
    expect(path?.getAttribute("fill")).toBe("#000000");
    expect(svg?.querySelector("rect")?.getAttribute("fill")).toBe("#ffffff");
    expect(getByTestId("qr").querySelector("img")).toBeNull();
  });

  it("shows anything but the expected drawing as an image, never as markup", () => {
    const odd = [
      "<svg/>",
      "not svg at all",
      '<svg viewBox="0 0 9 9"><path d="M0 0h1"/><path d="M1 1h1"/></svg>',
      '<svg viewBox="0 0 9 9"><path d="M0 0h1&quot;/&gt;&lt;script&gt;"/></svg>',
      '<svg viewBox="0 0 9 9 onload=x"><path d="M0 0h1"/></svg>',
    ];
    for (const svg of odd) {
      expect(qrShape(svg)).toBeNull();
      const { getByTestId, unmount } = render(<Qr svg={svg} label="link" testId="qr" />);
      const img = getByTestId("qr").querySelector("img");
      expect(img?.getAttribute("src")).toBe(qrSource(svg));
      expect(img?.getAttribute("alt")).toBe("link");
      expect(getByTestId("qr").querySelector("svg")).toBeNull();
      unmount();
    }
  });
});
