import { fireEvent, screen } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { ProfileView } from "../../bindings/ProfileView";
import { profile } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { OnboardingFlow } from "./OnboardingFlow";

describe("OnboardingFlow", () => {
  it("starts the demo from its door", async () => {
    mockCommands({ start_demo: () => profile() });
    const ready: ProfileView[] = [];
    renderIn("en", <OnboardingFlow onReady={(p) => ready.push(p)} />);
    fireEvent.click(screen.getByTestId("door-demo"));
    await screen.findByTestId("door-demo");
    await new Promise((r) => setTimeout(r, 0));
    expect(ready.map((p) => p.environment)).toEqual(["demo"]);
  });

  it("shows why the demo could not start", async () => {
    mockCommands({
      start_demo: () => {
        throw { code: "internal", message: "port in use" };
      },
    });
    renderIn("en", <OnboardingFlow onReady={() => {}} />);
    fireEvent.click(screen.getByTestId("door-demo"));
    expect((await screen.findByRole("alert")).textContent).toContain("Something went wrong in the app.");
  });

  it("opens the key form behind the sandbox and live doors, and comes back", () => {
    renderIn("en", <OnboardingFlow onReady={() => {}} />);
    fireEvent.click(screen.getByTestId("door-live"));
    expect(screen.getByRole("heading", { name: "Connect a live key" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    fireEvent.click(screen.getByTestId("door-sandbox"));
    expect(screen.getByRole("heading", { name: "Connect a sandbox key" })).toBeTruthy();
  });
});
