import { fireEvent, screen } from "../../test/testing-library";
import { describe, expect, it } from "vitest";
import type { ProfileView } from "../../bindings/ProfileView";
import { profile } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { renderIn } from "../../test/render";
import { KeyForm } from "./KeyForm";

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe("KeyForm", () => {
  it("hides the key, explains the redirect URL, and shows who the key belongs to", async () => {
    const ipc = mockCommands({
      connect_key: () => profile({ environment: "sandbox", developerEmail: "dev@souk.tn", companyName: "Souk SARL" }),
    });
    const done: ProfileView[] = [];
    renderIn("en", <KeyForm environment="sandbox" onConnected={(p) => done.push(p)} onBack={() => {}} />);
    expect((screen.getByLabelText("API key") as HTMLInputElement).type).toBe("password");
    expect(screen.getByText(/allowed in your DHMAD developer dashboard/)).toBeTruthy();
    const submit = screen.getByRole("button", { name: "Check and connect" }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fill("API key", "  sk_sandbox_abc ");
    fill("Redirect URL after checkout", "https://souk.tn/merci");
    fireEvent.click(submit);
    expect(await screen.findByText("dev@souk.tn")).toBeTruthy();
    expect(screen.getByText("Souk SARL")).toBeTruthy();
    expect(ipc.calls[0]?.args).toEqual({
      request: { environment: "sandbox", apiKey: "sk_sandbox_abc", redirectUrl: "https://souk.tn/merci" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(done.map((p) => p.companyName)).toEqual(["Souk SARL"]);
  });

  it("can point a sandbox key at another API address (the local simulator)", async () => {
    const ipc = mockCommands({ connect_key: () => profile({ environment: "sandbox" }) });
    renderIn("en", <KeyForm environment="sandbox" onConnected={() => {}} onBack={() => {}} />);
    fill("API key", "sk_sandbox_abc");
    fill("API address", "http://127.0.0.1:4010");
    fireEvent.click(screen.getByRole("button", { name: "Check and connect" }));
    await screen.findByText("Key connected");
    expect(ipc.calls[0]?.args).toEqual({
      request: { environment: "sandbox", apiKey: "sk_sandbox_abc", baseUrl: "http://127.0.0.1:4010" },
    });
  });

  it("sends a live key to another address only after the merchant vouches for it", async () => {
    const ipc = mockCommands({
      connect_key: (args) => {
        const request = args.request as { confirmProxy?: boolean };
        if (request.confirmProxy) return profile({ environment: "live" });
        throw { code: "proxyNotConfirmed", message: "a live key is only sent to https://dhmad.tn" };
      },
    });
    renderIn("en", <KeyForm environment="live" onConnected={() => {}} onBack={() => {}} />);
    fill("API key", "sk_live_abc");
    expect(screen.queryByRole("checkbox")).toBeNull();
    fill("API address", "https://proxy.souk.tn/api/v1");
    const trust = screen.getByRole("checkbox", { name: /I trust https:\/\/proxy\.souk\.tn\/api\/v1 with my live key/ });
    fireEvent.click(screen.getByRole("button", { name: "Check and connect" }));
    expect(await screen.findByText(/A live key is only sent to https:\/\/dhmad\.tn/)).toBeTruthy();
    expect(ipc.calls[0]?.args).toEqual({
      request: { environment: "live", apiKey: "sk_live_abc", baseUrl: "https://proxy.souk.tn/api/v1" },
    });
    fireEvent.click(trust);
    fireEvent.click(screen.getByRole("button", { name: "Check and connect" }));
    await screen.findByText("Key connected");
    expect(ipc.calls[1]?.args).toEqual({
      request: {
        environment: "live",
        apiKey: "sk_live_abc",
        baseUrl: "https://proxy.souk.tn/api/v1",
        confirmProxy: true,
      },
    });
  });

  it("does not ask a sandbox key to vouch for another address", () => {
    mockCommands({});
    renderIn("en", <KeyForm environment="sandbox" onConnected={() => {}} onBack={() => {}} />);
    fill("API address", "https://proxy.souk.tn/api/v1");
    expect(screen.queryByRole("checkbox")).toBeNull();
  });

  it("shows the association steps and a button to the developer dashboard", async () => {
    mockCommands({
      connect_key: () => {
        throw {
          code: "notAssociated",
          message: "403 from /me",
          details: { steps: ["Open Settings", "Link your user account"], dashboardUrl: "https://dhmad.tn/developer" },
        };
      },
    });
    renderIn("fr", <KeyForm environment="live" onConnected={() => {}} onBack={() => {}} />);
    fill("Clé API", "sk_live_x");
    fireEvent.click(screen.getByRole("button", { name: "Vérifier et connecter" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("n’est pas encore lié");
    expect([...alert.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      "Open Settings",
      "Link your user account",
    ]);
    expect(screen.getByRole("button", { name: "Ouvrir le tableau de bord développeur" })).toBeTruthy();
    expect(alert.textContent).not.toContain("403");
  });

  it("says clearly when the key is refused", async () => {
    mockCommands({
      connect_key: () => {
        throw { code: "invalidKey", message: "401" };
      },
    });
    renderIn("en", <KeyForm environment="live" onConnected={() => {}} onBack={() => {}} />);
    fill("API key", "sk_live_wrong");
    fireEvent.click(screen.getByRole("button", { name: "Check and connect" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "This key was refused by DHMAD. Copy it again from your developer dashboard.",
    );
  });

  it("offers to keep the key for this session only when there is no keychain", async () => {
    const ipc = mockCommands({
      connect_key: (args) => {
        const request = args.request as { sessionOnly?: boolean };
        if (!request.sessionOnly) throw { code: "keychainUnavailable", message: "no secret service" };
        return profile({ environment: "live", developerEmail: "dev@souk.tn" });
      },
    });
    renderIn("en", <KeyForm environment="live" onConnected={() => {}} onBack={() => {}} />);
    fill("API key", "sk_live_x");
    fireEvent.click(screen.getByRole("button", { name: "Check and connect" }));
    expect((await screen.findByRole("alert")).textContent).toContain("no system keychain");
    fireEvent.click(screen.getByRole("button", { name: "Keep for this session only" }));
    expect(await screen.findByText("dev@souk.tn")).toBeTruthy();
    expect(ipc.calls.map((c) => (c.args.request as { sessionOnly?: boolean }).sessionOnly)).toEqual([undefined, true]);
  });

  it("asks a shop for its key again without touching its name or settings", async () => {
    const ipc = mockCommands({ connect_key: () => profile({ environment: "sandbox", developerEmail: "dev@souk.tn" }) });
    const done: ProfileView[] = [];
    renderIn("fr", <KeyForm environment="sandbox" profileId="shop-1" onConnected={(p) => done.push(p)} />);
    expect(screen.getByRole("heading").textContent).toBe("Saisissez de nouveau la clé de cette boutique");
    expect(screen.queryByLabelText("Nom du profil (facultatif)")).toBeNull();
    expect(screen.queryByRole("button", { name: "Retour" })).toBeNull();
    fill("Clé API", "sk_sandbox_abc");
    fireEvent.click(screen.getByRole("button", { name: "Vérifier et connecter" }));
    expect(await screen.findByText("dev@souk.tn")).toBeTruthy();
    expect(ipc.calls[0]?.args).toEqual({
      request: { environment: "sandbox", apiKey: "sk_sandbox_abc", profileId: "shop-1" },
    });
  });
});
