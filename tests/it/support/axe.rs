//! axe-core, the accessibility engine, run inside the real window: it reads the page as a screen
//! reader and a contrast checker would, and reports what breaks WCAG 2.2 A/AA.

use fantoccini::Client;
use serde::Deserialize;

/// The rules checked: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
const TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']";

/// One rule broken on a screen, with the elements that break it.
#[derive(Debug, Deserialize)]
pub(crate) struct Violation {
    pub id: String,
    pub impact: String,
    pub help: String,
    pub nodes: Vec<String>,
}

/// The engine's source, from the npm package the test command installs.
fn engine() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/node_modules/axe-core/axe.min.js"
    );
    std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("{path}: {e} (run `npm ci` first: axe-core is a dev dependency)")
    })
}

/// The serious and critical violations on the page as it is now.
pub(crate) async fn serious_violations(client: &Client) -> Vec<Violation> {
    let loaded = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .unwrap();
    if loaded != serde_json::Value::Bool(true) {
        // The engine's UMD wrapper sets `window.axe` when no module system is around.
        client
            .execute(&format!("{};\nreturn true;", engine()), vec![])
            .await
            .unwrap();
    }
    let script = format!(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {{ runOnly: {{ type: 'tag', values: {TAGS} }}, resultTypes: ['violations'] }})
           .then((r) => done(JSON.stringify(r.violations
             .filter((v) => v.impact === 'serious' || v.impact === 'critical')
             .map((v) => ({{ id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 6).map((n) => n.target.join(' ') + ' — ' + n.failureSummary) }})))))
           .catch((e) => done(JSON.stringify([{{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }}])));"
    );
    let answer = client.execute_async(&script, vec![]).await.unwrap();
    let text = answer.as_str().unwrap_or("[]");
    serde_json::from_str(text).unwrap_or_else(|e| panic!("axe answered {text}: {e}"))
}

/// A readable list for an assertion message.
pub(crate) fn report(found: &[(String, Violation)]) -> String {
    let mut out = String::new();
    for (screen, v) in found {
        out.push_str(&format!("\n[{screen}] {} ({}): {}", v.id, v.impact, v.help));
        for node in &v.nodes {
            out.push_str(&format!("\n    {}", node.replace('\n', " ")));
        }
    }
    out
}
