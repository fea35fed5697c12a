//! The phrase tables the generator draws from: services, causes, false leads, log lines and lessons.
//!
//! Templates use placeholders that the writer fills in: `{svc}` and `{Svc}` (the affected service,
//! as written and in CamelCase), `{dep}` (the dependency it relies on), `{team}`, `{region}`,
//! `{path}`, `{ver}`, `{author}`, `{time}` (a time during the investigation), `{before}` (the time
//! of the change that preceded the incident), `{start}` and `{end}` (when it began and ended),
//! `{minutes}` (how long the impact lasted), `{previous}` (an earlier incident's id), and numbers: `{n}` (2 to 9), `{nn}` (10 to 99),
//! `{pct}`, `{lo}` and `{hi}` (any, a low and a high percentage), `{ms}` (milliseconds) and
//! `{count}` (a count with a thousands separator). An unknown placeholder is left as written.

/// Services that get paged.
pub(crate) const SERVICES: &[&str] = &[
    "checkout-api",
    "payments-gateway",
    "search-api",
    "catalog-api",
    "auth-service",
    "session-store",
    "notification-worker",
    "billing-cron",
    "image-resizer",
    "order-service",
    "inventory-sync",
    "api-gateway",
    "edge-proxy",
    "feature-flags",
    "recommendations",
    "user-profile",
    "email-dispatcher",
    "webhook-relay",
    "metrics-ingest",
    "report-builder",
    "cart-service",
    "shipping-quotes",
    "pricing-engine",
    "ledger-writer",
];

/// What those services depend on.
pub(crate) const DEPENDENCIES: &[&str] = &[
    "postgres-main",
    "postgres-orders",
    "redis-cache",
    "redis-sessions",
    "kafka",
    "rabbitmq",
    "elasticsearch",
    "object-storage",
    "memcached",
    "etcd",
    "coredns",
    "envoy",
    "haproxy",
    "vault",
    "mysql-legacy",
    "clickhouse",
    "cassandra",
    "nats",
];

/// Owning teams, as action owners.
pub(crate) const TEAMS: &[&str] = &[
    "@payments",
    "@sre",
    "@platform",
    "@search",
    "@identity",
    "@data",
    "@storage",
    "@networking",
    "@web",
    "@billing",
    "@core-infra",
    "@observability",
];

/// People who write incident documents; some names are not ASCII.
pub(crate) const AUTHORS: &[&str] = &[
    "ana",
    "bo",
    "chen",
    "dara",
    "emil",
    "farah",
    "gus",
    "hana",
    "ivo",
    "jonas",
    "kemal",
    "lea",
    "mika",
    "nour",
    "otto",
    "priya",
    "quinn",
    "rosa",
    "sam",
    "tomás",
    "ümit",
    "zoë",
    "åsa",
    "jürgen",
    "søren",
    "łukasz",
    "inês",
    "田中",
    "王芳",
    "김민준",
    "олег",
    "νίκος",
];

/// Cloud regions, a few with a local name.
pub(crate) const REGIONS: &[&str] = &[
    "eu-west-1",
    "eu-central-1 (Frankfurt)",
    "us-east-1",
    "us-west-2",
    "ap-northeast-1 (東京)",
    "ap-south-1 (Mumbai)",
    "sa-east-1 (São Paulo)",
    "eu-north-1 (Stockholm)",
];

/// HTTP paths.
pub(crate) const PATHS: &[&str] = &[
    "/v1/checkout",
    "/v1/orders",
    "/v2/search",
    "/v1/login",
    "/v1/cart/items",
    "/v1/invoices",
    "/hooks/partner",
    "/v3/products",
    "/v1/sessions/refresh",
];

/// Time zones of the front matter, with whether they observe daylight saving time.
pub(crate) const TIMEZONES: &[(&str, bool)] = &[
    ("UTC", false),
    ("UTC", false),
    ("Europe/Berlin", true),
    ("Europe/London", true),
    ("America/New_York", true),
    ("America/Sao_Paulo", false),
    ("Asia/Tokyo", false),
    ("Asia/Kolkata", false),
    ("Australia/Brisbane", false),
    ("+02:00", false),
    ("-05:00", false),
    ("Z", false),
];

/// A root cause, and everything the write-up says about it.
#[derive(Clone, Copy, Default)]
pub(crate) struct Cause {
    /// Short tag; a false lead with the same topic is never tested against this cause.
    pub(crate) topic: &'static str,
    /// Services this can happen to.
    pub(crate) services: &'static [&'static str],
    /// Dependencies that can be at fault.
    pub(crate) dependencies: &'static [&'static str],
    /// How the responders connect the observations once they see the cause.
    pub(crate) story: &'static str,
    /// The document's title.
    pub(crate) title: &'static str,
    /// The summary, two or three sentences.
    pub(crate) summary: &'static str,
    /// What changed before the incident.
    pub(crate) changed: &'static str,
    /// What should have happened.
    pub(crate) expected: &'static str,
    /// The tell-tale log line (shown in a code span or a fenced block).
    pub(crate) log: &'static str,
    /// The observation that points at the cause.
    pub(crate) clue: &'static str,
    /// The hypothesis that turns out to be right.
    pub(crate) hypothesis: &'static str,
    /// Why it was confirmed.
    pub(crate) confirmation: &'static str,
    /// Nested evidence for the confirmation.
    pub(crate) evidence: &'static str,
    /// What the responders did to mitigate.
    pub(crate) fix: &'static str,
    /// A lesson in one or two sentences.
    pub(crate) lesson: &'static str,
    /// Follow-up actions: category and text.
    pub(crate) actions: &'static [(&'static str, &'static str)],
}

/// Root causes.
pub(crate) const CAUSES: &[Cause] = &[
    Cause {
        topic: "credentials",
        services: &[
            "checkout-api",
            "payments-gateway",
            "order-service",
            "ledger-writer",
            "user-profile",
        ],
        dependencies: &["postgres-main", "postgres-orders"],
        story: "the rotation wrote a new password, {svc} kept the old one, and {dep} refuses it",
        title: "Requests to {svc} fail with 502 after credential rotation",
        summary: "The {svc} service answered 502 for most requests after the scheduled credential rotation. The service kept using a password that {dep} no longer accepted.",
        changed: "the credential rotation job for {dep} ran at {before}",
        expected: "{svc} picks up the new password from its secret when its pods restart",
        log: "FATAL: password authentication failed for user \"svc_app\"",
        clue: "secret `{svc}-db` was last modified {nn} days ago, before the rotation",
        hypothesis: "the rotation job wrote the new password into the wrong namespace, so {svc} still sends the old one",
        confirmation: "after copying the secret into the right namespace and restarting, errors stopped within a minute",
        evidence: "`kubectl get secret {svc}-db -o yaml` shows the old `resourceVersion` in `prod`",
        fix: "copied the secret into namespace `prod` and restarted deployment `{svc}`",
        lesson: "The rotation job reported success because it wrote a secret, not because the service could log in with it.",
        actions: &[
            (
                "prevent",
                "rotation job reads the secret back from the namespace the service uses",
            ),
            (
                "detect",
                "alert on authentication failures reported by {dep}",
            ),
            ("clarify", "log the secret version when {svc} starts"),
        ],
    },
    Cause {
        topic: "certificate",
        services: &[
            "checkout-api",
            "search-api",
            "api-gateway",
            "webhook-relay",
            "notification-worker",
        ],
        dependencies: &[
            "envoy",
            "haproxy",
            "vault",
            "elasticsearch",
            "kafka",
            "nats",
            "etcd",
        ],
        story: "every client of {dep} fails the same way at the same minute, which fits an expiry better than a deploy",
        title: "TLS handshakes to {dep} fail after certificate expiry",
        summary: "The internal certificate of {dep} expired at {time}. Every client that verifies it, {svc} first among them, failed to connect until a new certificate was issued.",
        changed: "nothing was deployed; the certificate of {dep} reached its expiry date",
        expected: "cert-manager renews certificates 30 days before they expire",
        log: "x509: certificate has expired or is not yet valid",
        clue: "`openssl s_client` against {dep} shows `notAfter` at {time} today",
        hypothesis: "the certificate of {dep} expired because renewal has been failing silently",
        confirmation: "renewal logs show {nn} failed attempts since last month, all with the same DNS challenge error",
        evidence: "the DNS challenge record points at a zone that was migrated in spring",
        fix: "issued a certificate by hand and reloaded {dep}",
        lesson: "A renewal that fails quietly for a month is an outage with a timer on it.",
        actions: &[
            (
                "detect",
                "alert when any certificate expires in less than 14 days",
            ),
            ("prevent", "move the DNS challenge to the current zone"),
            ("automate", "renewal failures open a ticket for {team}"),
        ],
    },
    Cause {
        topic: "pool",
        services: &[
            "checkout-api",
            "order-service",
            "cart-service",
            "billing-cron",
            "ledger-writer",
        ],
        dependencies: &["postgres-main", "postgres-orders", "mysql-legacy"],
        story: "{dep} is idle while {svc} waits, so the bottleneck sits between them, in the pool",
        title: "Requests to {svc} time out waiting for database connections",
        summary: "A configuration change lowered the connection pool of {svc} from 200 to 20. Under the evening peak, requests queued for a connection until they timed out.",
        changed: "config release {ver} of {svc} went out at {before}",
        expected: "the release only renamed pool settings, without changing their values",
        log: "timeout acquiring connection from pool (waited 30000ms)",
        clue: "the pool of {svc} reports 20 of 20 connections busy and {nn} requests waiting",
        hypothesis: "release {ver} reset the pool size to the library default of 20 because the renamed key was not read",
        confirmation: "setting `pool.max_size` back to 200 drained the queue in {n} minutes",
        evidence: "the library reads `pool.max_size`, the release wrote `pool.maxSize`",
        fix: "set `pool.max_size: 200` and rolled the pods",
        lesson: "A renamed configuration key fails open: the old value disappears and the default takes over without a word.",
        actions: &[
            ("prevent", "reject unknown configuration keys at start-up"),
            ("detect", "alert when the pool wait time exceeds 1 s"),
        ],
    },
    Cause {
        topic: "disk",
        services: &[
            "order-service",
            "checkout-api",
            "ledger-writer",
            "inventory-sync",
        ],
        dependencies: &["postgres-main", "postgres-orders"],
        story: "reads work and writes fail, which is what a database does when it cannot write its log",
        title: "Writes fail when the disk of {dep} fills up",
        summary: "The data volume of {dep} filled up with write-ahead log segments that could not be archived. Writes failed; {svc} returned errors for every request that changes data.",
        changed: "the archive bucket's retention policy changed last week",
        expected: "WAL segments are archived and removed within minutes",
        log: "could not write to file \"pg_wal/xlogtemp.42\": No space left on device",
        clue: "the data volume of {dep} is at 100%, with {nn} GB in `pg_wal`",
        hypothesis: "archiving fails since the retention change, so WAL segments pile up on the disk",
        confirmation: "the archiver status shows {count} failed attempts with `AccessDenied`",
        evidence: "the new bucket policy denies `PutObject` to the archiver role",
        fix: "restored the bucket policy and grew the volume by 200 GB",
        lesson: "Disk usage grew for six days in plain sight; the alert threshold was set at 95%, which left two hours to react.",
        actions: &[
            (
                "detect",
                "alert on archiver failures, not only on disk usage",
            ),
            (
                "prevent",
                "review bucket policy changes with the owners of the data",
            ),
            ("mitigate", "keep 20% free space on database volumes"),
        ],
    },
    Cause {
        topic: "memory",
        services: &[
            "search-api",
            "catalog-api",
            "recommendations",
            "image-resizer",
            "user-profile",
            "pricing-engine",
        ],
        dependencies: &["redis-cache", "elasticsearch", "postgres-main", "memcached"],
        story: "the restarts began with the release and come at the memory limit every time",
        title: "Pods of {svc} crash-loop with out-of-memory kills",
        summary: "Release {ver} of {svc} kept every response in an in-process cache without a bound. Pods hit their memory limit within minutes and were killed, over and over.",
        changed: "release {ver} of {svc} was deployed at {before}",
        expected: "memory per pod stays around 600 MiB",
        log: "Memory cgroup out of memory: Killed process 1 (java) total-vm:4521312kB",
        clue: "every pod of {svc} restarts after {n} to {nn} minutes, always at the memory limit",
        hypothesis: "the response cache added in release {ver} grows without bound",
        confirmation: "a heap dump shows {hi}% of the heap in `ResponseCache` entries",
        evidence: "the cache is built with `maximumSize` unset",
        fix: "rolled back {svc} to the previous release",
        lesson: "Load tests ran for ten minutes; the leak needed twenty to show.",
        actions: &[
            ("prevent", "cache builders require an explicit size bound"),
            ("detect", "alert on restart loops per deployment"),
            ("clarify", "document how long load tests must run"),
        ],
    },
    Cause {
        topic: "dns",
        services: &[
            "checkout-api",
            "search-api",
            "notification-worker",
            "report-builder",
            "inventory-sync",
        ],
        dependencies: &[
            "postgres-main",
            "redis-cache",
            "rabbitmq",
            "elasticsearch",
            "clickhouse",
            "cassandra",
        ],
        story: "{svc} cannot find {dep} at all, so this is a naming problem, not a capacity problem",
        title: "Lookups of {dep} fail after a DNS cleanup",
        summary: "A cleanup of internal DNS records removed the name {svc} uses to reach {dep}. Cached answers hid the problem for an hour, then lookups started to fail.",
        changed: "the networking team removed stale records from the internal zone at {before}",
        expected: "only records without traffic were removed",
        log: "dial tcp: lookup {dep}.internal on 10.0.0.10:53: no such host",
        clue: "lookups of `{dep}.internal` return NXDOMAIN from every resolver",
        hypothesis: "the cleanup removed the record {svc} still uses, and the cached answers have now expired",
        confirmation: "restoring the record brought errors to zero within the negative cache time",
        evidence: "the query log shows {count} lookups of the name per minute before the cleanup",
        fix: "restored the `{dep}.internal` record",
        lesson: "Traffic on a DNS name is visible in the query log; the cleanup looked at the wrong log.",
        actions: &[
            (
                "prevent",
                "the record cleanup checks query logs for the last 30 days",
            ),
            (
                "clarify",
                "list the names each service depends on in its manifest",
            ),
        ],
    },
    Cause {
        topic: "query",
        services: &[
            "order-service",
            "report-builder",
            "catalog-api",
            "search-api",
        ],
        dependencies: &["postgres-main", "postgres-orders"],
        story: "the slow queries appeared with the flag rollout and all share one plan",
        title: "Slow queries on {dep} after a feature flag rollout",
        summary: "Turning on a new filter in {svc} sent a query without an index to {dep}. Queries piled up and the database answered everything slowly.",
        changed: "feature flag `new-filters` was raised from 5% to 50% at {before}",
        expected: "the new filter uses the existing index on `(tenant_id, created_at)`",
        log: "ERROR: canceling statement due to statement timeout",
        clue: "`pg_stat_activity` shows {nn} identical queries with a sequential scan on `orders`",
        hypothesis: "the filter query of the `new-filters` flag scans the whole table",
        confirmation: "setting the flag back to 0% brought database CPU from {hi}% to normal within {n} minutes",
        evidence: "`EXPLAIN` shows `Seq Scan on orders` for the new filter",
        fix: "turned feature flag `new-filters` off",
        lesson: "The flag was safe at 5% because 5% of the traffic fit in the database's spare capacity.",
        actions: &[
            (
                "prevent",
                "add the index on `(tenant_id, status, created_at)`",
            ),
            ("prevent", "flag rollouts check query plans of new queries"),
            (
                "detect",
                "alert on statement timeouts per query fingerprint",
            ),
        ],
    },
    Cause {
        topic: "rebalance",
        services: &[
            "notification-worker",
            "email-dispatcher",
            "webhook-relay",
            "metrics-ingest",
            "inventory-sync",
        ],
        dependencies: &["kafka"],
        story: "consumers are alive but spend their time rebalancing instead of processing",
        title: "Consumers of {svc} fall hours behind after a rebalance storm",
        summary: "Consumers of {svc} spent most of their time rebalancing instead of processing. Lag on the main topic grew to {count} messages; notifications went out hours late.",
        changed: "the processing batch size was raised from 100 to 1000 at {before}",
        expected: "a batch takes well under the poll interval of 5 minutes",
        log: "Attempt to heartbeat failed since group is rebalancing",
        clue: "the consumer group of {svc} rebalanced {nn} times in the last hour",
        hypothesis: "batches of 1000 take longer than the poll interval, so the broker evicts consumers and rebalances",
        confirmation: "with the batch size back at 100, the group stopped rebalancing and lag fell steadily",
        evidence: "batch processing time p99 was {n} minutes with 1000 messages",
        fix: "set the batch size back to 100 and added two consumers",
        lesson: "A larger batch is not free: it moves work closer to a timeout that nobody watched.",
        actions: &[
            ("detect", "alert on consumer lag per group"),
            ("prevent", "derive the batch size from the poll interval"),
        ],
    },
    Cause {
        topic: "ratelimit",
        services: &[
            "api-gateway",
            "webhook-relay",
            "order-service",
            "shipping-quotes",
            "pricing-engine",
        ],
        dependencies: &["envoy", "haproxy"],
        story: "the 429 responses come from the gateway, not from {svc}, and began with the rule deploy",
        title: "Partner requests to {svc} rejected with 429 responses",
        summary: "A new rate limit rule on the gateway was written per second instead of per minute. Partners calling {path} got 429 responses for most requests.",
        changed: "rate limit rules were deployed to the gateway at {before}",
        expected: "partners may send 6000 requests per minute",
        log: "429 Too Many Requests: limit=100 window=1s key=partner",
        clue: "{hi}% of responses on `{path}` are 429, all from the same rule",
        hypothesis: "the new rule counts partner requests per second, so the limit of 100 is sixty times stricter than intended",
        confirmation: "the rule file says `window: 1s` with a limit of 100, where the old rule allowed 6000 per minute",
        evidence: "429 responses stopped as soon as the previous rule file was restored",
        fix: "restored the previous rate limit rules",
        lesson: "Rate limits need a unit in their name; the diff looked harmless.",
        actions: &[
            (
                "prevent",
                "rate limit rules state their window in the key name",
            ),
            ("detect", "alert when 429 responses exceed 1% for a partner"),
        ],
    },
    Cause {
        topic: "clock",
        services: &["auth-service", "session-store", "user-profile"],
        dependencies: &["vault", "redis-sessions", "etcd"],
        story: "the failures follow two nodes, not a release or a region",
        title: "Login fails on some nodes because of clock skew",
        summary: "Two nodes of {svc} ran {nn} seconds behind after their time daemon stopped. Tokens issued elsewhere looked like they came from the future, and logins routed to those nodes failed.",
        changed: "a base image update replaced the time daemon's unit file",
        expected: "every node keeps its clock within 100 ms of the reference",
        log: "token rejected: iat is in the future (skew 47s)",
        clue: "failed logins come from two nodes only, `node-7` and `node-11`",
        hypothesis: "the clocks of the two nodes drifted because their time daemon is not running",
        confirmation: "`chronyc tracking` on both nodes reports the daemon is not running; after restarting it, logins succeeded",
        evidence: "the unit file from the new image has no `WantedBy` line",
        fix: "restarted the time daemon on all nodes built from the new image",
        lesson: "Clock skew hides well: most requests never cross two machines' clocks.",
        actions: &[
            ("detect", "alert on clock offset above 1 s per node"),
            (
                "prevent",
                "image tests check that the time daemon is enabled",
            ),
            ("mitigate", "accept 60 s of skew in token validation"),
        ],
    },
    Cause {
        topic: "stampede",
        services: &[
            "catalog-api",
            "search-api",
            "recommendations",
            "pricing-engine",
        ],
        dependencies: &["redis-cache", "memcached"],
        story: "the cache is empty and cannot refill because the database is busy refilling it",
        title: "Product pages time out after a cache flush",
        summary: "After the weekly flush of {dep}, every request missed the cache at once and went to the database. The database saturated and pages timed out for {minutes} minutes.",
        changed: "release {ver} of {svc} removed the per-key lock around cache refills",
        expected: "after a flush, the hit rate recovers within a minute",
        log: "cache miss ratio 0.98 over 60s (threshold 0.30)",
        clue: "the 20 most viewed keys account for {hi}% of the database queries",
        hypothesis: "without the per-key lock, concurrent misses on the same key each query the database",
        confirmation: "limiting refills to 200 per second let the cache warm up within {n} minutes",
        evidence: "database connections fell from 500 to 180 once refills were limited",
        fix: "enabled the refill rate limit and deployed a release with the lock restored",
        lesson: "The lock looked like dead code because it only matters on the one day a week the cache is empty.",
        actions: &[
            ("prevent", "restore request coalescing for cache refills"),
            (
                "prevent",
                "flush the cache in slices instead of all at once",
            ),
            ("detect", "alert on the cache hit rate"),
        ],
    },
    Cause {
        topic: "migration",
        services: &["order-service", "checkout-api", "cart-service"],
        dependencies: &["postgres-main", "postgres-orders"],
        story: "writes wait on a lock; the lock waits on something that started before the deploy",
        title: "Orders stall behind a schema migration lock",
        summary: "A schema migration on {dep} waited for a lock behind a long report query, and every write to the orders table queued behind the migration. Checkout stalled for {minutes} minutes.",
        changed: "the deploy of {svc} {ver} ran a migration adding a column at {before}",
        expected: "adding a nullable column takes milliseconds",
        log: "process 4711 still waiting for AccessExclusiveLock on relation orders after 1000.121 ms",
        clue: "`pg_locks` shows {nn} sessions waiting behind one `ALTER TABLE`",
        hypothesis: "the migration waits for a long-running report query, and all writes wait for the migration",
        confirmation: "cancelling the report query let the migration finish and the queue drained at once",
        evidence: "the report query had been running for {nn} minutes",
        fix: "cancelled the report query and set a lock timeout for migrations",
        lesson: "A fast migration still needs its lock, and the lock queue is first come, first served.",
        actions: &[
            (
                "prevent",
                "migrations run with `lock_timeout = 5s` and retry",
            ),
            ("prevent", "run reports on a replica"),
        ],
    },
    Cause {
        topic: "retries",
        services: &[
            "checkout-api",
            "cart-service",
            "user-profile",
            "search-api",
            "session-store",
        ],
        dependencies: &["postgres-main", "redis-cache", "redis-sessions", "envoy"],
        story: "the original errors are gone but the load is not; the extra load comes from one client version",
        title: "A retry storm from the mobile app overloads {svc}",
        summary: "A brief error spike in {svc} triggered retries without backoff in the mobile app. The retries kept {svc} overloaded long after the original cause was gone.",
        changed: "mobile app {ver} reached 60% of users this morning",
        expected: "clients retry with exponential backoff and jitter",
        log: "upstream connect error or disconnect/reset before headers. reset reason: overflow",
        clue: "request rate from app version {ver} is {n} times its usual share",
        hypothesis: "app version {ver} retries failed requests immediately and indefinitely",
        confirmation: "shedding load from version {ver} at the gateway let {svc} recover in {n} minutes",
        evidence: "the app's HTTP client config has `retryPolicy: immediate` since {ver}",
        fix: "enabled load shedding for app version {ver} at the gateway",
        lesson: "A client release can turn a small incident into a long one; the server cannot fix retries it did not design.",
        actions: &[
            (
                "prevent",
                "ship the app with backoff and jitter, and honor `Retry-After`",
            ),
            (
                "mitigate",
                "keep a gateway switch to shed load per client version",
            ),
        ],
    },
    Cause {
        topic: "scheduler",
        services: &[
            "billing-cron",
            "report-builder",
            "ledger-writer",
            "email-dispatcher",
        ],
        dependencies: &["postgres-main", "redis-cache", "etcd"],
        story: "two runs of one job can only happen when both replicas hold the lock, one after the other",
        title: "Customers receive duplicate invoices",
        summary: "The invoice job ran on two scheduler replicas at once after its lock expired mid-run. About {count} customers received their invoice twice.",
        changed: "the invoice job now processes all tenants in one run",
        expected: "the job lock is held for as long as the job runs",
        log: "lock invoice-job expired after 900s, released by holder scheduler-0",
        clue: "the invoice job ran on `scheduler-0` and `scheduler-1` within {nn} minutes of each other",
        hypothesis: "the job outlived its 15-minute lock and the second replica took the lock and ran it again",
        confirmation: "job logs show the first run took {nn} minutes, longer than the lock",
        evidence: "the second run started {n} seconds after the lock expired",
        fix: "paused the job and sent a correction e-mail",
        lesson: "A lock with a timeout is a lease; a job that can outlive it must renew it.",
        actions: &[
            ("prevent", "renew the job lock while the job runs"),
            ("prevent", "make invoice sending idempotent per invoice id"),
        ],
    },
];

/// A hypothesis that testing rejects.
#[derive(Clone, Copy, Default)]
pub(crate) struct FalseLead {
    /// Matches a cause's topic when the lead is that cause.
    pub(crate) topic: &'static str,
    /// The hypothesis.
    pub(crate) hypothesis: &'static str,
    /// Why it was rejected.
    pub(crate) reason: &'static str,
    /// Nested evidence.
    pub(crate) evidence: &'static str,
}

/// Hypotheses that turn out wrong.
pub(crate) const FALSE_LEADS: &[FalseLead] = &[
    FalseLead {
        topic: "memory",
        hypothesis: "{dep} ran out of memory, as in {previous}",
        reason: "memory on {dep} stayed below {lo}% the whole time",
        evidence: "no OOM kills in `dmesg` on any node",
    },
    FalseLead {
        topic: "network",
        hypothesis: "a network partition between zones cuts {svc} off from {dep}",
        reason: "cross-zone probes stayed green and packet loss was 0%",
        evidence: "`mtr` from a {svc} pod to {dep} shows no loss over {nn} minutes",
    },
    FalseLead {
        topic: "deploy",
        hypothesis: "the last deploy of {svc} introduced a regression",
        reason: "rolling back to the previous release changed nothing; errors continued at the same rate",
        evidence: "the error rate on the rolled-back canary matched the rest of the fleet",
    },
    FalseLead {
        topic: "traffic",
        hypothesis: "a traffic spike overloads {svc}",
        reason: "request rate was {lo}% of last week's peak",
        evidence: "the gateway dashboard shows a flat request rate since {time}",
    },
    FalseLead {
        topic: "healthcheck",
        hypothesis: "the load balancer marks healthy pods as down because of a wrong health check path",
        reason: "all targets report healthy and the check path answers 200",
        evidence: "health check logs show {count} passing checks in the last hour",
    },
    FalseLead {
        topic: "neighbor",
        hypothesis: "a noisy neighbor on the shared node pool starves {svc} of CPU",
        reason: "CPU steal stayed under 2% and throttling counters did not move",
        evidence: "`container_cpu_cfs_throttled_periods_total` is flat for {svc}",
    },
    FalseLead {
        topic: "provider",
        hypothesis: "our cloud provider has a regional outage in {region}",
        reason: "the provider's status page and our own probes in the region were green",
        evidence: "a fresh instance in {region} reached {dep} without errors",
    },
    FalseLead {
        topic: "dns",
        hypothesis: "DNS resolution from the pods is slow or failing",
        reason: "lookups from every pod answered in under {n} ms",
        evidence: "`dig {dep}.internal` from three pods returns the expected address",
    },
    FalseLead {
        topic: "gc",
        hypothesis: "long garbage collection pauses block request threads in {svc}",
        reason: "the longest pause in the GC log was {ms} ms",
        evidence: "GC time stayed below {n}% of wall time",
    },
    FalseLead {
        topic: "replica",
        hypothesis: "the replicas of {dep} fell behind and serve stale data",
        reason: "replication lag stayed under one second on all replicas",
        evidence: "the replication dashboard shows a lag below 200 ms on every replica",
    },
    FalseLead {
        topic: "certificate",
        hypothesis: "a certificate in the chain to {dep} expired",
        reason: "every certificate in the chain is valid for at least {nn} more days",
        evidence: "`openssl s_client` output shows the full chain verifies",
    },
    FalseLead {
        topic: "disk",
        hypothesis: "the disk of {dep} is full",
        reason: "the data volume is at {lo}% with steady usage",
        evidence: "inode usage is at 3%",
    },
    FalseLead {
        topic: "config",
        hypothesis: "a config push at {time} changed the timeouts of {svc}",
        reason: "the config push only touched logging settings",
        evidence: "the diff of the push has {n} lines, all under `logging:`",
    },
    FalseLead {
        topic: "bot",
        hypothesis: "a scraper is hammering `{path}` and exhausting workers",
        reason: "the top client addresses are our own monitoring and two known partners",
        evidence: "requests from unknown user agents are at {lo}% of their usual share",
    },
    FalseLead {
        topic: "flag",
        hypothesis: "a feature flag changed for a subset of tenants",
        reason: "the flag audit log has no change in the last {nn} hours",
        evidence: "flag evaluations for {svc} are identical to yesterday's",
    },
    FalseLead {
        topic: "kernel",
        hypothesis: "the kernel upgrade of the node pool broke connection tracking",
        reason: "the conntrack table never went above {lo}% and nodes on the old kernel fail the same way",
        evidence: "errors are spread evenly over old and new nodes",
    },
];

/// Observations that could come from any incident.
pub(crate) const OBSERVATIONS: &[&str] = &[
    "{svc} p99 latency rose from {ms} ms to {nn} s at {time}",
    "{svc} error rate is {pct}% on `POST {path}`",
    "{dep} CPU is at {hi}% on the primary and {lo}% on the replicas",
    "pods of {svc} restarted {n} times in the last {nn} minutes",
    "alert `{Svc}ErrorRate` fired in {region}",
    "support has {nn} tickets mentioning failed payments since {time}",
    "synthetic check `{svc}-smoke` fails from {n} of 9 locations",
    "requests to {svc} in {region} fail, other regions look normal",
    "{dep} reports {count} open connections, its limit is 5,000",
    "the gateway returns 504 for {pct}% of requests to `{path}`",
    "queue depth on `{svc}-jobs` is {count} and rising by about {nn}/s",
    "{svc} logs show no errors for requests that succeed, only slow ones",
    "the status page of our CDN reports nothing for {region}",
    "deploys of {svc} were frozen at {time}, the last one finished yesterday",
    "the first errors in the logs date from {start}, before any alert fired",
    "the read path works; every write to `{path}` fails",
    "memory of {svc} pods is flat at around {ms} MiB",
    "{dep} slow query log has {count} entries since {time}",
    "traffic from the mobile app dropped by {pct}% while the web app is unaffected",
    "the on-call dashboard for {svc} shows a gap in metrics from {time} for {n} minutes",
    "response times of {dep} are normal when measured from a bastion host",
    "latency histogram of {svc} is bimodal: most requests take {ms} ms, the rest hit the 30 s timeout",
];

/// Log lines for fenced excerpts that fit any incident.
pub(crate) const LOG_LINES: &[&str] = &[
    "INFO  {svc} request completed path={path} status=200 duration_ms={ms}",
    "WARN  {svc} upstream {dep} slow response duration_ms={ms}",
    "ERROR {svc} request failed path={path} status=502 upstream={dep}",
    "WARN  {svc} retrying call to {dep} attempt={n}",
    "ERROR {svc} circuit breaker open for {dep} failures={nn}",
    "INFO  {svc} health check ok",
    "ERROR {svc} deadline exceeded after 30000ms path={path}",
];

/// Shell commands shown in fenced blocks during investigation.
pub(crate) const COMMANDS: &[(&str, &str)] = &[
    (
        "kubectl -n prod get pods -l app={svc}",
        "NAME                 READY   STATUS             RESTARTS   AGE\n{svc}-7c9f-abcde   0/1     CrashLoopBackOff   {n}          {nn}m\n{svc}-7c9f-fghij   1/1     Running            0          {nn}m",
    ),
    (
        "curl -s -o /dev/null -w '%{http_code} %{time_total}\\n' https://{svc}.internal/healthz",
        "503 {n}.{nn}",
    ),
    ("dig +short {dep}.internal", "10.12.{nn}.{nn}"),
    (
        "psql -c 'select state, count(*) from pg_stat_activity group by 1'",
        " state  | count\n--------+-------\n active |   {nn}\n idle   |   {nn}",
    ),
];

/// Lines of a chat log quoted in a block quote.
pub(crate) const CHAT_LINES: &[&str] = &[
    "{time} {author}: seeing 502s on checkout from the office network too 🔥",
    "{time} {author}: rollback started, ETA ~5 min",
    "{time} {author}: not a deploy, nothing went out since yesterday",
    "{time} {author}: {dep} dashboards look fine to me ¯\\_(ツ)_/¯",
    "{time} {author}: customers in {region} are confirming the errors",
    "{time} {author}: I'll take comms, status page updated ✅",
    "{time} {author}: graphs are recovering 📉",
];

/// Timeline events after detection that fit any incident.
pub(crate) const COORDINATION_EVENTS: &[&str] = &[
    "incident channel opened, {author} takes incident command",
    "status page updated: investigating elevated errors",
    "{team} joins the call",
    "customer support informed, macro for affected users published",
    "second on-call engineer paged for {dep}",
    "decision to freeze deploys until resolved",
    "status page updated: identified, fix in progress",
];

/// Impact sentences.
pub(crate) const IMPACTS: &[&str] = &[
    "About {count} requests failed between {start} and {end}.",
    "Requests to {svc} failed or timed out at a rate of {pct}% for {minutes} minutes.",
    "Roughly {pct}% of users in {region} could not complete a purchase.",
    "No data was lost.",
    "Partners saw errors on `{path}` and {nn} of them opened tickets.",
    "Background jobs were delayed by up to {nn} minutes and caught up by themselves.",
    "Internal tools were slow but usable.",
    "Revenue impact is estimated at {count} € in lost orders.",
    "The SLO for {svc} burned {pct}% of its monthly error budget.",
];

/// Lessons that fit any incident.
pub(crate) const LESSONS: &[&str] = &[
    "Writing the hypotheses down before acting kept us from testing the same idea twice.",
    "The first alert fired minutes after customers noticed; our alerts watch averages, not the tail.",
    "Rolling back was fast, but it was the wrong first move because nothing had been deployed.",
    "The dashboards we looked at first showed the symptom, not the cause. The logs pointed at the cause from the start.",
    "Two people investigated the same lead in parallel without knowing; the incident channel needs a running list of open questions.",
    "Nobody owned {dep} on the weekend rota, so the first twenty minutes went to finding the right person.",
    "The runbook for {svc} described an architecture from two years ago.",
    "Alerts on the dependency would have pointed at the cause directly; we only alert on the service.",
];

/// Follow-up actions that fit any incident.
pub(crate) const GENERIC_ACTIONS: &[(&str, &str)] = &[
    (
        "clarify",
        "update the runbook of {svc} with the steps from this incident",
    ),
    (
        "detect",
        "page on the p99 latency of `{path}`, not only the average",
    ),
    (
        "automate",
        "add a one-click rollback for {svc} config releases",
    ),
    ("clarify", "add {dep} to the weekend on-call rota"),
    ("detect", "synthetic check for `{path}` from every region"),
    (
        "mitigate",
        "document the load shedding switch in the incident handbook",
    ),
    ("prevent", "game day: rehearse losing {dep} in staging"),
];

/// Short notes in other scripts, for Unicode coverage in otherwise English documents.
pub(crate) const FOREIGN_NOTES: &[&str] = &[
    "Hinweis: Die Kunden in Österreich wurden per E-Mail informiert.",
    "注記：東京リージョンの顧客には日本語で連絡済み。",
    "备注：已通知上海办公室的值班同事。",
    "Nota: os clientes em São Paulo receberam um aviso por e-mail.",
    "Σημείωση: η ομάδα της Αθήνας επιβεβαίωσε την αποκατάσταση.",
    "Примечание: партнёры из Алматы получили уведомление.",
    "참고: 서울 고객 지원팀에 공유함.",
    "ملاحظة: تم إبلاغ فريق الدعم في دبي.",
];
