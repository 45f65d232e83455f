import { fireEvent, screen, waitFor } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { ProfilesView } from "../../bindings/ProfilesView";
import { profile } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { ZSave } from "./ZSave";

describe("ZSave", () => {
  it("writes the CSV with the shop's delimiter even when clicked before the settings came", async () => {
    let answerProfiles: (view: ProfilesView) => void = () => {};
    let answerFile: (path: string) => void = () => {};
    const ipc = mockCommands({
      profiles_list: () => new Promise((resolve) => (answerProfiles = resolve)),
      choose_export_file: () => new Promise((resolve) => (answerFile = resolve)),
      z_csv: () => null,
    });
    renderIn("en", <ZSave number={4} />);
    fireEvent.click(screen.getByTestId("day-z-csv"));
    await waitFor(() => expect(ipc.names()).toContain("choose_export_file"));
    // The profile says ";" (the fixture's); it arrives while the file dialog is open.
    answerProfiles({ profiles: [profile()], activeId: "p1" });
    await new Promise((resolve) => setTimeout(resolve, 20)); // their render
    answerFile("/home/sami/z-4.csv");
    expect((await screen.findByTestId("day-z-saved")).textContent).toBe("Saved to /home/sami/z-4.csv");
    expect(ipc.calls.find((c) => c.cmd === "z_csv")?.args).toEqual({
      request: { number: 4, path: "/home/sami/z-4.csv", delimiter: ";" },
    });
  });
});
