//! The app and the `dhmad` CLI at the same time, as real processes: this test binary starts
//! copies of itself that run `child_process_entry` with a task in the environment, all released
//! at once by a "go" file so they really race.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use merchant_core::{Book, Environment, Profile, ProfileId, Profiles};

const TASK: &str = "DHMAD_IT_CHILD_TASK";
const GO: &str = "DHMAD_IT_CHILD_GO";

/// Not a test: what a child process of these tests does, then exits 0 (a panic: non-zero).
#[test]
#[ignore = "helper process for the two-process tests"]
fn child_process_entry() {
    let task = std::env::var(TASK).unwrap();
    wait_for(Path::new(&std::env::var(GO).unwrap()));
    let (verb, arg) = task.split_once('=').unwrap();
    match verb {
        "open-book" => {
            Book::open(arg).unwrap();
        }
        "add-profile" => {
            let (dir, id) = arg.rsplit_once('|').unwrap();
            let profiles = Profiles::load(dir).unwrap();
            let id = ProfileId::new(id).unwrap();
            profiles
                .add(Profile::new(id, "from the CLI", Environment::Sandbox))
                .unwrap();
        }
        other => panic!("unknown child task {other}"),
    }
}

fn wait_for(go: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !go.exists() {
        assert!(Instant::now() < deadline, "never released");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Starts one child per task, releases them together and asserts every one exited 0.
fn run_children(dir: &Path, tasks: &[String]) {
    let go = dir.join(format!("go-{}", uuid::Uuid::new_v4().simple()));
    let children: Vec<Child> = tasks
        .iter()
        .map(|task| {
            Command::new(std::env::current_exe().unwrap())
                .args([
                    "two_processes::child_process_entry",
                    "--exact",
                    "--ignored",
                    "--quiet",
                    "--test-threads=1",
                ])
                .env(TASK, task)
                .env(GO, &go)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    std::fs::write(&go, b"go").unwrap();
    for (child, task) in children.into_iter().zip(tasks) {
        let out = child.wait_with_output().unwrap();
        // The child is a test harness: its panic message is in what it printed (stdout).
        assert!(
            out.status.success(),
            "child {task:?} failed: {:?}\n{}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn user_version(book: &Path) -> i64 {
    let conn = rusqlite::Connection::open(book).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn processes_opening_one_new_book_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..6 {
        let book: PathBuf = dir
            .path()
            .join(format!("round-{round}"))
            .join("book.sqlite3");
        let task = format!("open-book={}", book.display());
        run_children(dir.path(), &[task.clone(), task.clone(), task]);
        let expected = user_version_of_a_fresh_book(dir.path());
        assert_eq!(user_version(&book), expected, "round {round}");
        // The book the racers made works: it opens again and answers a query.
        let opened = Book::open(&book).unwrap();
        assert_eq!(opened.recent_sales(10).unwrap().len(), 0);
    }
}

fn user_version_of_a_fresh_book(dir: &Path) -> i64 {
    let path = dir.join("alone").join("book.sqlite3");
    drop(Book::open(&path).unwrap());
    user_version(&path)
}

#[test]
fn a_profile_the_cli_adds_while_the_app_runs_survives_the_apps_next_change() {
    let dir = tempfile::tempdir().unwrap();
    let app = Profiles::load(dir.path()).unwrap();
    let shop = ProfileId::new("shop").unwrap();
    app.add(Profile::new(shop.clone(), "Shop", Environment::Sandbox))
        .unwrap();

    // `dhmad login` in another process adds a profile while the app keeps its own copy.
    run_children(
        dir.path(),
        &[format!("add-profile={}|from-cli", dir.path().display())],
    );
    app.update(&shop, |p| p.settings.shop_name = "Épicerie".into())
        .unwrap();

    let on_disk = Profiles::load(dir.path()).unwrap();
    let ids: Vec<String> = on_disk.list().iter().map(|p| p.id.to_string()).collect();
    assert_eq!(ids, ["shop", "from-cli"]);
    assert_eq!(on_disk.get(&shop).unwrap().settings.shop_name, "Épicerie");
    assert_eq!(on_disk.active().unwrap().id, shop);
    // The app's own view has caught up too.
    assert_eq!(app.list().len(), 2);
}

#[test]
fn processes_adding_profiles_at_once_lose_none() {
    let dir = tempfile::tempdir().unwrap();
    let tasks: Vec<String> = (0..6)
        .map(|i| format!("add-profile={}|p{i}", dir.path().display()))
        .collect();
    run_children(dir.path(), &tasks);
    let mut ids: Vec<String> = Profiles::load(dir.path())
        .unwrap()
        .list()
        .iter()
        .map(|p| p.id.to_string())
        .collect();
    ids.sort();
    assert_eq!(ids, ["p0", "p1", "p2", "p3", "p4", "p5"]);
}
