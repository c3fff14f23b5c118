//! The HTTP harness of the web and CLI tests: a real Hamyar server on a random port over a
//! test database (SQLite, or PostgreSQL when configured) at the fixed test clock, and a small
//! browser-like client that keeps cookies and fills in CSRF tokens, so that tests read like
//! what a person does. It is a crate of its own so that the use-case tests, which need only
//! `hamyar-testkit`, link neither the web server nor the HTTP client nor the PDF typesetter.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use hamyar_app::users::NewUserInput;
use hamyar_app::{Actor, App, AppSettings, FixedClock};
use hamyar_testkit::testing::TestDatabase;
use hamyar_testkit::{PASSWORD, test_start};
use hamyar_web::{AppState, WebSettings};

pub struct TestApp {
    pub address: SocketAddr,
    pub base_url: String,
    pub app: App,
    pub clock: Arc<FixedClock>,
    pub db: TestDatabase,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl TestApp {
    /// A server on a fresh, migrated SQLite database.
    pub async fn spawn() -> TestApp {
        Self::spawn_on(TestDatabase::sqlite().await, WebSettings::default()).await
    }

    /// A server on the given test database with the given web settings.
    pub async fn spawn_on(db: TestDatabase, settings: WebSettings) -> TestApp {
        Self::spawn_with(db, settings, AppSettings::default()).await
    }

    /// A server with the given web and application settings (trusted proxies, login limits).
    pub async fn spawn_with(
        db: TestDatabase,
        settings: WebSettings,
        app_settings: AppSettings,
    ) -> TestApp {
        let clock = Arc::new(FixedClock::new(test_start()));
        let app = App::new(db.store.clone(), clock.clone(), app_settings);
        app.seed_reference_places().await.expect("seed places");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        let state = AppState::new(app.clone(), settings).expect("upload spool");
        let router = hamyar_web::router(state);
        let serve_settings = hamyar_web::ServeSettings {
            header_read_timeout: std::time::Duration::from_secs(2),
            ..hamyar_web::ServeSettings::default()
        };
        let server = tokio::spawn(hamyar_web::serve(
            listener,
            router,
            serve_settings,
            std::future::pending(),
        ));
        let test_app = TestApp {
            address,
            base_url: format!("http://{address}"),
            app,
            clock,
            db,
            server,
        };
        let health = test_app.browser().get("/healthz").await;
        assert_eq!(health.status, 200, "server did not become healthy");
        test_app
    }

    /// A fresh browser with an empty cookie jar.
    pub fn browser(&self) -> Browser {
        Browser::new(&self.base_url)
    }

    /// A fresh browser on a machine with another address: it connects from `local`, one of
    /// the loopback range's many addresses (127.0.0.2, 127.0.0.3, …).
    pub fn browser_at(&self, local: IpAddr) -> Browser {
        Browser::build(&self.base_url, Some(local), &[])
    }

    /// A fresh browser at `local` whose every request carries `headers`, as a reverse proxy
    /// at that address would add them (`X-Forwarded-For`, `X-Forwarded-Proto`).
    pub fn browser_via(&self, local: IpAddr, headers: &[(&str, &str)]) -> Browser {
        Browser::build(&self.base_url, Some(local), headers)
    }

    /// Creates an account through the console actor; `scope` is a place code.
    pub async fn create_user(
        &self,
        username: &str,
        role: &str,
        scope_code: &str,
    ) -> hamyar_app::access::UserId {
        let tree = self.app.place_tree().await.expect("places");
        let place = tree
            .by_code(scope_code)
            .unwrap_or_else(|| panic!("no place {scope_code}"));
        let input = NewUserInput {
            username: username.into(),
            display_name: format!("کاربر {username}"),
            role: role.into(),
            scope_place_id: place.id.to_string(),
            password: PASSWORD.into(),
            password_confirm: PASSWORD.into(),
        };
        self.app
            .create_user(&Actor::console(), &input)
            .await
            .expect("create user")
    }

    /// A browser logged in as a new user with this role and scope.
    pub async fn logged_in(&self, username: &str, role: &str, scope_code: &str) -> Browser {
        self.create_user(username, role, scope_code).await;
        let browser = self.browser();
        let page = browser.login(username, PASSWORD).await;
        assert_eq!(
            page.status, 303,
            "login of {username} failed: {}",
            page.body
        );
        browser
    }
}

/// One HTTP answer.
#[derive(Debug, Clone)]
pub struct Page {
    pub status: u16,
    pub body: String,
    pub headers: reqwest::header::HeaderMap,
}

impl Page {
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The CSRF token embedded in the page's forms.
    pub fn csrf_token(&self) -> Option<String> {
        let marker = "name=\"csrf\" value=\"";
        let start = self.body.find(marker)? + marker.len();
        let end = self.body[start..].find('"')? + start;
        Some(self.body[start..end].to_owned())
    }
}

/// A cookie-keeping client that does not follow redirects (tests look at them).
pub struct Browser {
    client: reqwest::Client,
    base_url: String,
}

impl Browser {
    pub fn new(base_url: &str) -> Self {
        Self::build(base_url, None, &[])
    }

    fn build(base_url: &str, local: Option<IpAddr>, headers: &[(&str, &str)]) -> Self {
        let mut defaults = reqwest::header::HeaderMap::new();
        for (name, value) in headers {
            let name = reqwest::header::HeaderName::from_bytes(name.as_bytes()).expect("name");
            defaults.append(name, value.parse().expect("header value"));
        }
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            // The server closes a connection that waits longer than its header-read timeout
            // (10 s) for the next request; a client reusing such a connection at that moment
            // gets `IncompleteMessage`. Under a busy test run a browser can idle that long, so
            // it forgets idle connections sooner than the server does.
            .pool_idle_timeout(std::time::Duration::from_secs(5))
            .local_address(local)
            .default_headers(defaults)
            .build()
            .expect("http client");
        Self {
            client,
            base_url: base_url.to_owned(),
        }
    }

    /// The underlying client (with this browser's cookies), for requests the helpers lack.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Reads a response into a page.
    pub async fn read_response(response: reqwest::Response) -> Page {
        Self::read(response).await
    }

    async fn read(response: reqwest::Response) -> Page {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.text().await.unwrap_or_default();
        Page {
            status,
            body,
            headers,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let response = self
            .client
            .get(format!("{}{path}", self.base_url))
            .send()
            .await
            .expect("GET");
        Self::read(response).await
    }

    /// Posts a form exactly as given (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let response = self
            .client
            .post(format!("{}{path}", self.base_url))
            .form(fields)
            .send()
            .await
            .expect("POST");
        Self::read(response).await
    }

    /// Posts a form the way a browser would after showing `form_page`: with its CSRF token.
    pub async fn submit(&self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let page = self.get(form_page).await;
        let token = page
            .csrf_token()
            .unwrap_or_else(|| panic!("no CSRF token on {form_page} (status {})", page.status));
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(action, &all).await
    }

    /// A multipart form as a browser builds it from `form_page`: the page's CSRF token first
    /// (the server reads it before any file); the test adds the other fields and files.
    pub async fn upload_form(&self, form_page: &str) -> reqwest::multipart::Form {
        let page = self.get(form_page).await;
        let token = page
            .csrf_token()
            .unwrap_or_else(|| panic!("no CSRF token on {form_page} (status {})", page.status));
        reqwest::multipart::Form::new().text("csrf", token)
    }

    /// Posts a multipart form (see [`Browser::upload_form`]).
    pub async fn post_multipart(&self, action: &str, form: reqwest::multipart::Form) -> Page {
        let response = self
            .client
            .post(format!("{}{action}", self.base_url))
            .multipart(form)
            .send()
            .await
            .expect("POST multipart");
        Self::read(response).await
    }

    pub async fn login(&self, username: &str, password: &str) -> Page {
        self.submit(
            "/login",
            "/login",
            &[("username", username), ("password", password)],
        )
        .await
    }

    /// Logs out (the known-device cookie stays, as in a real browser).
    pub async fn logout(&self) -> Page {
        let home = self.get("/").await;
        let token = home.csrf_token().expect("a CSRF token on the home page");
        self.post_raw("/logout", &[("csrf", token.as_str())]).await
    }
}
