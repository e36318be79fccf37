import Foundation

/// The outgoing e-mail queue. A request only adds a row (in its own transaction, or the one that made the reason
/// for the mail), so a slow or absent mail server never holds up a learner, and nothing is lost across a restart.
/// A background sender claims due rows, hands them to the server, and marks them sent, or failed with a retry time,
/// or dead (shown to administrators).
///
/// Privacy: a message body can hold a single-use link, so it is wiped once the message is sent or dead; what is
/// kept (recipient, subject, purpose, times, error) goes after `retention` by housekeeping.
public protocol MailQueueStore: Sendable {
    /// Adds a message; returns its id.
    @discardableResult func enqueueMail(_ mail: OutgoingMail, at date: Date) throws -> Int64
    /// Up to `limit` messages whose time has come, oldest first, each leased to the caller until `leaseUntil`
    /// (another sender, or this one after a crash, takes it again only after that).
    func claimDueMail(now: Date, limit: Int, leaseUntil: Date) throws -> [QueuedMail]
    func markMailSent(id: Int64, at date: Date) throws
    /// A failed delivery: tried again at `retryAt`, or dead when `retryAt` is nil.
    func markMailFailed(id: Int64, error: String, retryAt: Date?, at date: Date) throws
    /// Counts by state, and the latest dead messages (without bodies), for the admin area.
    func mailOverview(deadLimit: Int) throws -> MailOverview
    /// Removes sent and dead messages older than `date`; returns how many.
    @discardableResult func deleteFinishedMail(before date: Date) throws -> Int
}

/// A message to queue.
public struct OutgoingMail: Sendable, Equatable {
    public var recipient: String
    public var subject: String
    public var text: String
    public var html: String?
    /// What it is for (`password-reset`, `address-check`, …): for the admin overview and the log, never the body.
    public var purpose: String
    /// The account it concerns, if any: the message goes when the account is deleted.
    public var userId: Int64?

    public init(recipient: String, subject: String, text: String, html: String?, purpose: String, userId: Int64?) {
        self.recipient = recipient
        self.subject = subject
        self.text = text
        self.html = html
        self.purpose = purpose
        self.userId = userId
    }
}

/// A queued message as the sender sees it.
public struct QueuedMail: Sendable, Equatable {
    public enum State: String, Sendable, Codable { case pending, sent, dead }

    public var id: Int64
    public var mail: OutgoingMail
    public var state: State
    /// Deliveries tried so far (before this one).
    public var attempts: Int
    public var createdAt: Date
    public var lastError: String?
}

public struct MailOverview: Sendable, Equatable {
    public var pending: Int
    public var sent: Int
    public var dead: Int
    public var latestDead: [DeadMail]

    public struct DeadMail: Sendable, Equatable {
        public var id: Int64
        public var recipient: String
        public var subject: String
        public var purpose: String
        public var attempts: Int
        public var createdAt: Date
        public var failedAt: Date
        public var lastError: String
    }
}
