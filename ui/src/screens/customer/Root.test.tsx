import { screen } from "../../test/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { profile } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { Root } from "./Root";

afterEach(() => {
  window.location.hash = "";
});

describe("Root", () => {
  it("renders only the customer display in the #customer window", async () => {
    window.location.hash = "#customer";
    mockCommands({
      profiles_list: () => ({ profiles: [profile()], activeId: "p1" }),
      counter_sales: () => ({ unfinished: [], recent: [] }),
    });
    renderIn("en", <Root />);
    expect(await screen.findByTestId("customer-display")).toBeTruthy();
    expect(screen.queryByRole("navigation")).toBeNull();
  });
});
