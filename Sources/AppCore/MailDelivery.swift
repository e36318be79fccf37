import Foundation
import LearnerStore
import Mail

/// The site's e-mail settings: where mail goes and who it is from. Nil in the configuration means mail is off.
public struct MailSettings: Sendable, Equatable {
    public var smtp: SMTPSettings
    public var sender: MailAddress

    public init(smtp: SMTPSettings, sender: MailAddress) {
        self.smtp = smtp
        self.sender = sender
    }
}

/// Delivers queued mail: claims due messages, hands each to the SMTP server and records the outcome. A failure
/// is tried again later (`retryDelays`: about eight hours in all), a refusal for good (a 5xx reply, an unusable
/// address) makes the message dead at once, visible to administrators.
///
/// Blocking (libcurl): the web layer runs it on a thread pool, one batch at a time.
public struct MailDelivery: Sendable {
    public let store: any MailQueueStore
    public let settings: MailSettings
    /// Waits before the 2nd, 3rd, … try; after the last, the message is dead.
    public static let retryDelays: [TimeInterval] = [60, 120, 300, 900, 1800, 3600, 7200, 14400]
    /// A claimed message is another sender's again after this (a sender that died mid-delivery).
    static let lease: TimeInterval = 300

    public init(store: any MailQueueStore, settings: MailSettings) {
        self.store = store
        self.settings = settings
    }

    public struct Outcome: Sendable, Equatable {
        public var sent = 0
        public var retried = 0
        public var dead = 0

        public init(sent: Int = 0, retried: Int = 0, dead: Int = 0) {
            self.sent = sent
            self.retried = retried
            self.dead = dead
        }
    }

    /// Delivers up to `limit` due messages, one after another.
    @discardableResult
    public func deliverDue(now: Date = Date(), limit: Int = 20) throws -> Outcome {
        var outcome = Outcome()
        let transport = SMTPTransport(settings: settings.smtp)
        for queued in try store.claimDueMail(now: now, limit: limit, leaseUntil: now.addingTimeInterval(Self.lease)) {
            do {
                let message = MailMessage(to: queued.mail.recipient, subject: queued.mail.subject, text: queued.mail.text, html: queued.mail.html)
                let bytes = try MailComposer.compose(message, from: settings.sender, date: now)
                try transport.send(bytes, from: settings.sender.address, to: queued.mail.recipient)
                try store.markMailSent(id: queued.id, at: now)
                outcome.sent += 1
            } catch {
                let permanent = (error as? SMTPTransport.Failure)?.isPermanent ?? (error is MailComposer.Problem)
                let retryAt: Date? =
                    permanent || queued.attempts >= Self.retryDelays.count
                    ? nil : now.addingTimeInterval(Self.retryDelays[queued.attempts])
                try store.markMailFailed(id: queued.id, error: "\(error)", retryAt: retryAt, at: now)
                if retryAt == nil { outcome.dead += 1 } else { outcome.retried += 1 }
            }
        }
        return outcome
    }
}

/// Where the site's features put mail: into the queue when mail is on; when it is off, nothing is queued (the
/// features that need mail say so on their pages).
public struct MailOutbox: Sendable {
    let store: any MailQueueStore
    public let isOn: Bool

    public init(store: any MailQueueStore, isOn: Bool) {
        self.store = store
        self.isOn = isOn
    }

    /// Queues `message`; returns false (and queues nothing) when mail is off.
    @discardableResult
    public func send(_ message: MailMessage, purpose: String, userId: Int64?, at date: Date = Date()) throws -> Bool {
        guard isOn else { return false }
        try store.enqueueMail(
            OutgoingMail(recipient: message.to, subject: message.subject, text: message.text, html: message.html, purpose: purpose, userId: userId),
            at: date
        )
        return true
    }
}
