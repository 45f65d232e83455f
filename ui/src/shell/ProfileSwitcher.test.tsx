import { screen } from "../test/testing-library";
import { describe, expect, it } from "vitest";
import { profile } from "../test/fixtures";
import { renderIn } from "../test/render";
import { ProfileSwitcher } from "./ProfileSwitcher";

const options = () => screen.getAllByRole("option").map((o) => o.textContent);

describe("ProfileSwitcher", () => {
  it("names each profile, with its environment only where two share a name", () => {
    const profiles = [
      profile({ id: "a", displayName: "Boutique", environment: "sandbox" }),
      profile({ id: "b", displayName: "Boutique", environment: "live" }),
      profile({ id: "c", displayName: "Demo shop", environment: "demo" }),
    ];
    renderIn("en", <ProfileSwitcher profiles={{ profiles, activeId: "b" }} onSwitch={() => {}} onAdd={() => {}} />);
    expect(options()).toEqual(["Boutique · sandbox", "Boutique · live", "Demo shop"]);
    // The active profile's environment on its own line, where a narrow menu cannot cut it off.
    expect(screen.getByTestId("profile-environment").textContent).toBe("live");
    expect(screen.queryByRole("button", { name: /remove/i })).toBeNull();
  });
});
