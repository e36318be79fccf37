/// What the application needs from the learner store, in the store's own value types. The web layer and the
/// command line hold the store as one of these protocols (the narrowest that does the job), never as
/// `AppDatabase`: `AppDatabase` is the SQLite implementation, and a second engine (PostgreSQL, issue #19) is
/// another type conforming to the same protocols. Nothing here mentions GRDB.
///
/// Reads are synchronous and writes that a learner waits for in bulk (page visits, checks, quiz saves and
/// submissions, statistics) are async; see `AppDatabase` for why. Every write method is one transaction.
public typealias LearnerDataStore = AccountStore & SessionStore & LoginThrottleStore & ProgressStore & AttemptStore
    & CertificateStore & StatisticsStore & BackupStore & MailQueueStore
    & PasswordResetStore
