// Interactive once the page has loaded: tell the shell, as the app's UI does on mount.
window.__TAURI__.core.invoke("ready");
