import { fireEvent, screen, within } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { Check } from "../../bindings/Check";
import type { ConnectionCheckView } from "../../bindings/ConnectionCheckView";
import { profile } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { SettingsScreen } from "./SettingsScreen";

const line = (over: Partial<Check> & Pick<Check, "id">): Check => ({
  status: "ok",
  summary: "fine",
  advice: null,
  steps: [],
  ...over,
});

const notAssociated: ConnectionCheckView = {
  passed: false,
  clockSkewSeconds: 600,
  checks: [
    line({ id: "key", summary: "a well-formed sandbox key (sk_sandbox_ and 64 hexadecimal characters)" }),
    line({ id: "account", summary: "the key belongs to developer solo@example.tn (Solo), sandbox" }),
    line({
      id: "association",
      status: "fail",
      summary: "the developer account is not associated with a DHMAD user account",
      advice: "Follow these steps, then check again:",
      steps: ["Open your developer dashboard.", 'Click "Associate User Account".', "Confirm within 24 hours."],
    }),
    line({ id: "balance", status: "skipped", summary: "not asked: the account is not associated" }),
    line({
      id: "clock",
      status: "fail",
      summary: "the server's clock is +600 s (600 s ahead of this computer)",
      advice: "Set this computer's date and time to update automatically.",
    }),
  ],
  supportText: '{"profile": "p1"}',
};

describe("Settings → Check connection", () => {
  it("runs the check and shows each line with its mark, advice and steps", async () => {
    const ipc = mockCommands({
      profiles_list: () => ({ profiles: [profile()], activeId: "p1" }),
      check_connection: () => notAssociated,
    });
    renderIn("en", <SettingsScreen />);
    fireEvent.click(await screen.findByRole("button", { name: "Check connection" }));
    expect((await screen.findByTestId("connection-check-verdict")).textContent).toBe(
      "Something needs your attention: see the ✗ lines.",
    );
    const association = screen.getByTestId("check-association");
    expect(association.dataset.status).toBe("fail");
    expect(within(association).getByRole("img", { name: "Problem" }).textContent).toBe("✗");
    expect(association.textContent).toContain("Linked user account");
    expect(
      within(association)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(notAssociated.checks[2]?.steps);
    const clock = screen.getByTestId("check-clock");
    expect(clock.textContent).toContain("600 s ahead of this computer");
    expect(clock.textContent).toContain("update automatically");
    expect(within(screen.getByTestId("check-key")).getByRole("img", { name: "OK" }).textContent).toBe("✓");
    expect(ipc.names().filter((n) => n === "check_connection")).toHaveLength(1);
  });

  it("copies the report for support", async () => {
    mockCommands({
      profiles_list: () => ({ profiles: [profile()], activeId: "p1" }),
      check_connection: () => notAssociated,
    });
    const copied: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: {
        writeText: (text: string) => {
          copied.push(text);
          return Promise.resolve();
        },
      },
    });
    renderIn("en", <SettingsScreen />);
    fireEvent.click(await screen.findByRole("button", { name: "Check connection" }));
    fireEvent.click(await screen.findByRole("button", { name: "Copy for support" }));
    expect(await screen.findByText("Report copied (it never contains your key).")).toBeTruthy();
    expect(copied).toEqual(['{"profile": "p1"}']);
  });

  it("says when everything works, in French too", async () => {
    mockCommands({
      profiles_list: () => ({ profiles: [profile()], activeId: "p1" }),
      check_connection: () => ({ ...notAssociated, passed: true, checks: [line({ id: "key" })] }),
    });
    renderIn("fr", <SettingsScreen />);
    fireEvent.click(await screen.findByRole("button", { name: "Vérifier la connexion" }));
    expect((await screen.findByTestId("connection-check-verdict")).textContent).toBe(
      "Tout ce qui est nécessaire fonctionne.",
    );
    expect(screen.getByTestId("check-key").textContent).toContain("Clé API");
  });
});
